import type { DefaultValue, FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { TFunction } from "i18next";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z, ZodTypeAny } from "zod";
import { PASSWORD_MIN_LENGTH } from "#app/features/auth/password-policy.ts";

/**
 * Form errors are catalogue keys, optionally with one number after a colon
 * (`form.tooLong:200`), so that the server and the browser report them in the reader's language.
 */
export function translateError(t: TFunction, message: string): string {
  const [key, count] = message.split(":");
  return t(key as string, count === undefined ? {} : { count: Number(count) });
}

function describedBy(field: FieldMetadata<unknown>, help: boolean): string | undefined {
  const ids = [help ? `${field.id}-help` : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface FieldProps {
  field: FieldMetadata<string>;
  label: string;
  help?: ReactNode;
  type?: "text" | "email" | "password" | "url" | "search" | "datetime-local";
  autoComplete?: string;
  required?: boolean;
}

/**
 * The visible mark of a required field. Inputs say it to assistive technology themselves
 * (`required`), so the mark is hidden from it there; a group of checkboxes cannot, so its
 * legend keeps the mark `announced`.
 */
export function RequiredMark({ announced = false }: { announced?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="field__required" aria-hidden={announced ? undefined : true}>
      {" "}({t("form.requiredMark")})
    </span>
  );
}

/** What the mark of required fields means, at the top of a form that uses it. */
export function RequiredNote() {
  const { t } = useTranslation();
  return <p className="field__help">{t("form.requiredNote")}</p>;
}

function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required ? <RequiredMark /> : null}
    </label>
  );
}

export function TextField({ field, label, help, type = "text", autoComplete, required }: FieldProps) {
  return (
    <div className="field">
      <FieldLabel htmlFor={field.id} label={label} required={required} />
      {help ? (
        <p id={`${field.id}-help`} className="field__help">
          {help}
        </p>
      ) : null}
      <input
        {...getInputProps(field, { type, ariaAttributes: true })}
        key={field.key}
        autoComplete={autoComplete}
        required={required}
        aria-describedby={describedBy(field, !!help)}
      />
      <FieldErrors field={field} />
    </div>
  );
}

export function TextAreaField({ field, label, rows, required }: { field: FieldMetadata<string>; label: string; rows: number; required?: boolean }) {
  return (
    <div className="field">
      <FieldLabel htmlFor={field.id} label={label} required={required} />
      <textarea {...getTextareaProps(field, { ariaAttributes: true })} key={field.key} rows={rows} required={required} aria-describedby={describedBy(field, false)} />
      <FieldErrors field={field} />
    </div>
  );
}

interface SelectFieldProps {
  field: FieldMetadata<string>;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  required?: boolean;
}

export function SelectField({ field, label, options, placeholder, required }: SelectFieldProps) {
  return (
    <div className="field">
      <FieldLabel htmlFor={field.id} label={label} required={required} />
      <select {...getSelectProps(field)} key={field.key} required={required} aria-describedby={describedBy(field, false)}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors field={field} />
    </div>
  );
}

/** A new password and its confirmation, with the length rule as help. */
export function NewPasswordFields({
  password,
  confirm,
  label,
  confirmLabel,
}: {
  password: FieldMetadata<string>;
  confirm: FieldMetadata<string>;
  label: string;
  confirmLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        field={password}
        label={label}
        type="password"
        autoComplete="new-password"
        help={t("account.passwordHelp", { count: PASSWORD_MIN_LENGTH })}
        required
      />
      <TextField field={confirm} label={confirmLabel} type="password" autoComplete="new-password" required />
    </>
  );
}

export function FieldErrors({ field }: { field: FieldMetadata<unknown> }) {
  const { t } = useTranslation();
  if (!field.errors?.length) return null;
  return (
    <ul id={field.errorId} className="field__errors">
      {field.errors.map((error) => (
        <li key={error}>{translateError(t, error)}</li>
      ))}
    </ul>
  );
}

/**
 * The list of problems at the top of a form, announced by screen readers; each item links to its
 * field. `fields` pairs each field with its label, in the order of the form.
 */
export function ErrorSummary({ formErrors, fields }: { formErrors?: string[]; fields: [FieldMetadata<unknown>, string][] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const withErrors = fields.filter(([field]) => field.errors?.length);
  if (withErrors.length === 0 && !formErrors?.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <h2 id={titleId}>{t("form.errorSummary")}</h2>
      <ul>
        {formErrors?.map((message) => <li key={message}>{translateError(t, message)}</li>)}
        {withErrors.map(([field, label]) => (
          <li key={field.id}>
            <a href={`#${field.id}`}>
              {label}: {(field.errors ?? []).map((message) => translateError(t, message)).join(" ")}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Conform's form with the house rules: the Zod schema checks in the browser on blur, then as one types. */
export function useZodForm<Schema extends ZodTypeAny>(options: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: DefaultValue<z.input<Schema>>;
}) {
  return useForm<z.input<Schema>>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: options.schema }),
  });
}
