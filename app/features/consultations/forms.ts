import { z } from "zod";
import { CONSULTATION_KINDS, PHASES } from "#db/schema.ts";
import { choice, requiredMultilineText, requiredText } from "#app/features/forms/fields.ts";
import { ORGANISATION_TYPES } from "#app/features/organisations/types.ts";

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localTime = z.string({ required_error: "form.required", invalid_type_error: "form.invalid" }).regex(LOCAL_TIME, "form.dateTime");

/** The consultation form; times are `datetime-local` values in Geneva time. */
export const consultationSchema = z
  .object({
    meetingId: requiredText(64),
    slug: requiredText(80).refine((slug) => /^[a-z0-9][a-z0-9-]{2,79}$/.test(slug), "consultations.form.slugRule"),
    phase: choice(PHASES),
    kind: choice(CONSULTATION_KINDS),
    audience: z
      .array(choice(ORGANISATION_TYPES.filter((type) => type !== "secretariat") as [string, ...string[]]), { required_error: "consultations.form.audienceRequired" })
      .min(1, "consultations.form.audienceRequired"),
    surveySlug: requiredText(80),
    title_en: requiredText(200),
    title_fr: requiredText(200),
    title_es: requiredText(200),
    description_en: requiredMultilineText(4000),
    description_fr: requiredMultilineText(4000),
    description_es: requiredMultilineText(4000),
    opensAt: localTime,
    closesAt: localTime,
    publish: z.boolean({ invalid_type_error: "form.invalid" }).optional(),
  })
  .refine((value) => value.closesAt > value.opensAt, { message: "consultations.form.closesBeforeOpens", path: ["closesAt"] });

export type ConsultationForm = z.infer<typeof consultationSchema>;
