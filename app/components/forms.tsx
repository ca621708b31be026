import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

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
  type?: "text" | "email" | "password" | "url" | "search";
  autoComplete?: string;
  required?: boolean;
}

export function TextField({ field, label, help, type = "text", autoComplete, required }: FieldProps) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="field__required"> ({t("form.requiredMark")})</span> : null}
      </label>
      {help ? (
        <p id={`${field.id}-help`} className="field__help">
          {help}
        </p>
      ) : null}
      <input
        {...getInputProps(field, { type, ariaAttributes: true })}
        key={field.key}
        autoComplete={autoComplete}
        aria-describedby={describedBy(field, !!help)}
      />
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
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="field__required"> ({t("form.requiredMark")})</span> : null}
      </label>
      <select {...getSelectProps(field)} key={field.key} aria-describedby={describedBy(field, false)}>
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
 * The list of problems at the top of a form, focused after a failed submission so that screen
 * readers announce it; each item links to its field.
 */
export function ErrorSummary({ errors, formErrors }: { errors: { id: string; label: string; messages: string[] }[]; formErrors?: string[] }) {
  const { t } = useTranslation();
  const fieldErrors = errors.filter((entry) => entry.messages.length > 0);
  if (fieldErrors.length === 0 && !formErrors?.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("form.errorSummary")}</h2>
      <ul>
        {formErrors?.map((message) => <li key={message}>{translateError(t, message)}</li>)}
        {fieldErrors.map((entry) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`}>
              {entry.label}: {entry.messages.map((message) => translateError(t, message)).join(" ")}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
