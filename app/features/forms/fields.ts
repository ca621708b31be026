import { z } from "zod";
import { DAY_FORMAT, LOCAL_DATE_TIME_FORMAT, isLocalDateTime, parseCalendarDay } from "#app/features/dates.ts";
import { hasUnsafeCharacters } from "#app/features/text.ts";

/**
 * Field schemas whose messages are catalogue keys (see translateError), shared by every form so
 * that the browser and the server report the same problems in the reader's language.
 */
export function requiredMultilineText(max: number) {
  return z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .trim()
    .min(1, "form.required")
    .max(max, `form.tooLong:${max}`)
    .refine((text) => !hasUnsafeCharacters(text, { multiline: true }), "form.invalidCharacters");
}

export function requiredText(max: number) {
  return z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .trim()
    .min(1, "form.required")
    .max(max, `form.tooLong:${max}`)
    .refine((text) => !hasUnsafeCharacters(text), "form.invalidCharacters");
}

export function optionalText(max: number) {
  return z
    .string({ invalid_type_error: "form.invalid" })
    .trim()
    .max(max, `form.tooLong:${max}`)
    .refine((text) => !hasUnsafeCharacters(text), "form.invalidCharacters")
    .optional();
}

export const emailField = z
  .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
  .trim()
  .max(254, "form.tooLong:254")
  .email("form.email");

export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { required_error: "form.required", invalid_type_error: "form.invalid", message: "form.invalidChoice" });
}

/** A calendar day (`<input type="date">`): the format first, then a day that exists (no 2019-13-01). */
export function calendarDay() {
  return z.string({ required_error: "form.required", invalid_type_error: "form.invalid" }).superRefine((text, context) => {
    if (!DAY_FORMAT.test(text)) context.addIssue({ code: "custom", message: "form.date" });
    else if (!parseCalendarDay(text)) context.addIssue({ code: "custom", message: "form.impossibleDate" });
  });
}

/** A `datetime-local` value: the format first, then a day that exists and a time of day. */
export function localDateTime() {
  return z.string({ required_error: "form.required", invalid_type_error: "form.invalid" }).superRefine((text, context) => {
    if (!LOCAL_DATE_TIME_FORMAT.test(text)) context.addIssue({ code: "custom", message: "form.dateTime" });
    else if (!isLocalDateTime(text)) context.addIssue({ code: "custom", message: "form.impossibleDateTime" });
  });
}
