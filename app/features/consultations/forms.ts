import { z } from "zod";
import { isLocalDateTime } from "#app/features/dates.ts";
import { CONSULTATION_KINDS, PHASES } from "#db/schema.ts";
import { choice, localDateTime, requiredMultilineText, requiredText } from "#app/features/forms/fields.ts";
import { ORGANISATION_TYPES } from "#app/features/organisations/types.ts";

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
    opensAt: localDateTime(),
    closesAt: localDateTime(),
    publish: z.boolean({ invalid_type_error: "form.invalid" }).optional(),
  })
  // Compared only when both times exist, so that a time already refused is not reported twice.
  .refine((value) => !isLocalDateTime(value.opensAt) || !isLocalDateTime(value.closesAt) || value.closesAt > value.opensAt, {
    message: "consultations.form.closesBeforeOpens",
    path: ["closesAt"],
  });

export type ConsultationForm = z.infer<typeof consultationSchema>;
