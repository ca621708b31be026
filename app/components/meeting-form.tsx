import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { meetingSchema, type MeetingForm as Values } from "#app/features/meetings/forms.ts";
import { LANGUAGES, LANGUAGE_NAMES } from "#app/i18n/languages.ts";
import { ErrorSummary, FieldErrors, TextField, useZodForm } from "./forms.tsx";

const TEXTS = ["title", "theme", "place"] as const;

/** The secretariat's form for a meeting: its texts in English, French and Spanish, and its dates. */
export function MeetingForm({ lastResult, defaultValue, submitLabel }: { lastResult?: SubmissionResult<string[]> | null; defaultValue?: Partial<Values>; submitLabel: string }) {
  const { t } = useTranslation();
  const [form, fields] = useZodForm({ id: "meeting", schema: meetingSchema, lastResult, defaultValue });
  const translated = LANGUAGES.flatMap((language) =>
    [...TEXTS, "description" as const].map((text) => [fields[`${text}_${language}`], `${t(`meetings.${text}`)} (${LANGUAGE_NAMES[language]})`] as [typeof fields.slug, string]),
  );
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorSummary formErrors={form.errors} fields={[[fields.slug, t("consultations.form.slug")], ...translated, [fields.starts_on, t("meetings.startsOn")], [fields.ends_on, t("meetings.endsOn")]]} />
      <TextField field={fields.slug} label={t("consultations.form.slug")} help={t("consultations.form.slugHelp")} required />
      <div className="field">
        <label htmlFor={fields.starts_on.id}>{t("meetings.startsOn")}</label>
        <input {...getInputProps(fields.starts_on, { type: "date" })} />
        <FieldErrors field={fields.starts_on} />
      </div>
      <div className="field">
        <label htmlFor={fields.ends_on.id}>{t("meetings.endsOn")}</label>
        <input {...getInputProps(fields.ends_on, { type: "date" })} />
        <FieldErrors field={fields.ends_on} />
      </div>
      {LANGUAGES.map((language) => (
        <fieldset key={language} className="stack card" lang={language}>
          <legend>{LANGUAGE_NAMES[language]}</legend>
          {TEXTS.map((text) => (
            <TextField key={text} field={fields[`${text}_${language}`]} label={t(`meetings.${text}`)} required />
          ))}
          <div className="field">
            <label htmlFor={fields[`description_${language}`].id}>{t("meetings.description")}</label>
            <textarea {...getTextareaProps(fields[`description_${language}`])} rows={8} />
            <FieldErrors field={fields[`description_${language}`]} />
          </div>
        </fieldset>
      ))}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
