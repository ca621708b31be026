import { z } from "zod";
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
