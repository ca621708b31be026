import { z } from "zod";

/**
 * Field schemas whose messages are catalogue keys (see translateError), shared by every form so
 * that the browser and the server report the same problems in the reader's language.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** Multi-line text keeps its line breaks and tabs, nothing else invisible. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function requiredMultilineText(max: number) {
  return z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .trim()
    .min(1, "form.required")
    .max(max, `form.tooLong:${max}`)
    .refine((text) => !CONTROL_CHARACTERS_BUT_LINES.test(text), "form.invalidCharacters");
}

export function requiredText(max: number) {
  return z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .trim()
    .min(1, "form.required")
    .max(max, `form.tooLong:${max}`)
    .refine((text) => !CONTROL_CHARACTERS.test(text), "form.invalidCharacters");
}

export function optionalText(max: number) {
  return z
    .string({ invalid_type_error: "form.invalid" })
    .trim()
    .max(max, `form.tooLong:${max}`)
    .refine((text) => !CONTROL_CHARACTERS.test(text), "form.invalidCharacters")
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
