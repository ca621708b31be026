import { getFormProps, type FieldMetadata } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { inviteSchema } from "#app/features/auth/forms.ts";
import { LANGUAGES, LANGUAGE_NAMES } from "#app/i18n/languages.ts";
import { ErrorSummary, SelectField, TextField, useZodForm } from "./forms.tsx";

export interface InviteOrganisationOption {
  id: string;
  name: string;
  roles: readonly string[];
}

/** The secretariat's invitation form, on the invitations page and on an organisation's page. */
export function InviteForm({
  organisations,
  lastResult,
  redirectTo,
  defaultLanguage,
  action,
}: {
  /** The route whose action receives the form; it calls submitInvitation. */
  action: string;
  organisations: InviteOrganisationOption[];
  lastResult?: SubmissionResult<string[]> | null;
  redirectTo?: string;
  defaultLanguage: string;
}) {
  const { t } = useTranslation();
  const single = organisations.length === 1 ? organisations[0] : undefined;
  const [form, fields] = useZodForm({
    id: "invite",
    schema: inviteSchema,
    lastResult,
    defaultValue: { organisationId: single?.id ?? "", role: single?.roles.length === 1 ? single.roles[0] : "", language: defaultLanguage },
  });
  const chosen = organisations.find((org) => org.id === fields.organisationId.value) ?? single;
  const roles = chosen?.roles ?? ["admin", "rapporteur", "focal_point", "partner"];
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="stack card">
      <h2>{t("invitations.formTitle")}</h2>
      <ErrorSummary
        formErrors={form.errors}
        fields={([
          [fields.email, t("invitations.email")],
          [fields.name, t("invitations.name")],
          [fields.organisationId, t("invitations.organisation")],
          [fields.role, t("invitations.role")],
          [fields.language, t("invitations.language")],
        ] satisfies [FieldMetadata<string>, string][]).filter(([field]) => !single || field !== fields.organisationId)}
      />
      <input type="hidden" name="intent" value="create" />
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <TextField field={fields.email} label={t("invitations.email")} type="email" autoComplete="off" required />
      <TextField field={fields.name} label={t("invitations.name")} autoComplete="off" />
      {single ? (
        <input type="hidden" name={fields.organisationId.name} value={single.id} />
      ) : (
        <SelectField
          field={fields.organisationId}
          label={t("invitations.organisation")}
          placeholder={t("form.choose")}
          options={organisations.map((org) => ({ value: org.id, label: org.name }))}
          required
        />
      )}
      <SelectField
        field={fields.role}
        label={t("invitations.role")}
        placeholder={t("form.choose")}
        options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        required
      />
      <SelectField
        field={fields.language}
        label={t("invitations.language")}
        options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))}
        required
      />
      <button type="submit" className="button">
        {t("invitations.send")}
      </button>
    </Form>
  );
}
