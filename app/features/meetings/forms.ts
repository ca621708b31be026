import { z } from "zod";
import { parseCalendarDay } from "#app/features/dates.ts";
import { calendarDay, requiredMultilineText, requiredText } from "#app/features/forms/fields.ts";

/** The meeting form: every text in the three languages, dates as calendar days. */
export const meetingSchema = z
  .object({
    slug: requiredText(80).refine((slug) => /^[a-z0-9][a-z0-9-]{2,79}$/.test(slug), "consultations.form.slugRule"),
    title_en: requiredText(200),
    title_fr: requiredText(200),
    title_es: requiredText(200),
    theme_en: requiredText(300),
    theme_fr: requiredText(300),
    theme_es: requiredText(300),
    place_en: requiredText(200),
    place_fr: requiredText(200),
    place_es: requiredText(200),
    description_en: requiredMultilineText(8000),
    description_fr: requiredMultilineText(8000),
    description_es: requiredMultilineText(8000),
    starts_on: calendarDay(),
    ends_on: calendarDay(),
  })
  // Compared only when both days exist, so that a day already refused is not reported twice.
  .refine((value) => !parseCalendarDay(value.starts_on) || !parseCalendarDay(value.ends_on) || value.ends_on >= value.starts_on, {
    message: "meetings.endsBeforeStarts",
    path: ["ends_on"],
  });

export type MeetingForm = z.infer<typeof meetingSchema>;
