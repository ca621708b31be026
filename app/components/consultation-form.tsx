import { getCollectionProps, getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CONSULTATION_KINDS, PHASES } from "#db/schema.ts";
import { consultationSchema, type ConsultationForm as FormValues } from "#app/features/consultations/forms.ts";
import { ORGANISATION_TYPES } from "#app/features/organisations/types.ts";
import { LANGUAGES, LANGUAGE_NAMES } from "#app/i18n/languages.ts";
import { ErrorSummary, FieldErrors, RequiredMark, RequiredNote, SelectField, TextAreaField, TextField, useZodForm } from "./forms.tsx";

interface Option {
  value: string;
  label: string;
}

/** The secretariat's form for a new or existing consultation. */
export function ConsultationForm({
  lastResult,
  defaultValue,
  meetings,
  surveys,
  surveyLocked,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<FormValues>;
  meetings: Option[];
  surveys: Option[];
  surveyLocked: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useZodForm({ id: "consultation", schema: consultationSchema, lastResult, defaultValue });
  const audienceTypes = ORGANISATION_TYPES.filter((type) => type !== "secretariat");
  const textFields = LANGUAGES.flatMap((language) => [
    [fields[`title_${language}`], `${t("consultations.form.title")} (${LANGUAGE_NAMES[language]})`] as const,
    [fields[`description_${language}`], `${t("consultations.form.description")} (${LANGUAGE_NAMES[language]})`] as const,
  ]);
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          [fields.meetingId, t("consultations.form.meeting")],
          [fields.slug, t("consultations.form.slug")],
          [fields.phase, t("consultations.phase")],
          [fields.kind, t("consultations.form.kind")],
          [fields.audience, t("consultations.audience")],
          [fields.surveySlug, t("consultations.form.survey")],
          ...textFields.map(([field, label]) => [field, label] as [typeof field, string]),
          [fields.opensAt, t("consultations.opens")],
          [fields.closesAt, t("consultations.closes")],
        ]}
      />
      <RequiredNote />
      <SelectField field={fields.meetingId} label={t("consultations.form.meeting")} options={meetings} placeholder={t("form.choose")} required />
      <TextField field={fields.slug} label={t("consultations.form.slug")} help={t("consultations.form.slugHelp")} required />
      <SelectField field={fields.phase} label={t("consultations.phase")} options={PHASES.map((phase) => ({ value: phase, label: t(`consultations.phaseName.${phase}`) }))} placeholder={t("form.choose")} required />
      <SelectField field={fields.kind} label={t("consultations.form.kind")} options={CONSULTATION_KINDS.map((kind) => ({ value: kind, label: t(`consultations.kindName.${kind}`) }))} placeholder={t("form.choose")} required />
      <fieldset className="field" aria-describedby={fields.audience.errors?.length ? fields.audience.errorId : undefined}>
        <legend>
          {t("consultations.audience")}
          <RequiredMark announced />
        </legend>
        <div className="checkbox-grid">
          {getCollectionProps(fields.audience, { type: "checkbox", options: [...audienceTypes] }).map((props) => (
            <label key={props.key} className="checkbox">
              <input {...props} key={props.key} />
              {t(`organisationType.${props.value}`)}
            </label>
          ))}
        </div>
        <FieldErrors field={fields.audience} />
      </fieldset>
      <SelectField field={fields.surveySlug} label={t("consultations.form.survey")} options={surveys} placeholder={t("form.choose")} required />
      {surveyLocked ? <p className="field__help">{t("consultations.form.surveyLockedHelp")}</p> : null}
      {LANGUAGES.map((language) => (
        <fieldset key={language} className="stack card" lang={language}>
          <legend>{LANGUAGE_NAMES[language]}</legend>
          <TextField field={fields[`title_${language}`]} label={t("consultations.form.title")} required />
          <TextAreaField field={fields[`description_${language}`]} label={t("consultations.form.description")} rows={4} required />
        </fieldset>
      ))}
      <p className="field__help">{t("consultations.form.timesHelp")}</p>
      <TextField field={fields.opensAt} label={t("consultations.opens")} type="datetime-local" required />
      <TextField field={fields.closesAt} label={t("consultations.closes")} type="datetime-local" required />
      <label className="checkbox">
        <input {...getInputProps(fields.publish, { type: "checkbox" })} />
        {t("consultations.form.publish")}
      </label>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
