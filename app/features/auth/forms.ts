import { z } from "zod";
import { ROLES } from "#db/schema.ts";
import { choice, emailField, optionalText, requiredText } from "#app/features/forms/fields.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy.ts";

/**
 * A password as typed: never trimmed nor checked for characters, as new passwords are not, so that
 * any password once chosen can be given again.
 */
const currentPassword = z
  .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
  .min(1, "form.required")
  .max(PASSWORD_MAX_LENGTH, `form.tooLong:${PASSWORD_MAX_LENGTH}`);

const newPassword = z
  .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
  .min(PASSWORD_MIN_LENGTH, `form.passwordTooShort:${PASSWORD_MIN_LENGTH}`)
  .max(PASSWORD_MAX_LENGTH, `form.tooLong:${PASSWORD_MAX_LENGTH}`);

function confirmed<T extends z.ZodRawShape & { password: typeof newPassword; confirmPassword: z.ZodTypeAny }>(shape: T) {
  return z.object(shape).refine((value) => value.password === value.confirmPassword, {
    message: "form.passwordsDiffer",
    path: ["confirmPassword"],
  });
}

export const signInSchema = z.object({
  email: emailField,
  password: currentPassword,
  redirectTo: optionalText(2000),
});

export const changePasswordSchema = z
  .object({
    currentPassword,
    password: newPassword,
    confirmPassword: currentPassword,
  })
  .refine((value) => value.password === value.confirmPassword, { message: "form.passwordsDiffer", path: ["confirmPassword"] });

export const newAccountSchema = confirmed({
  name: requiredText(120),
  password: newPassword,
  confirmPassword: currentPassword,
});

export const existingAccountSchema = z.object({ password: currentPassword });

export const inviteSchema = z.object({
  email: emailField,
  name: optionalText(120),
  organisationId: requiredText(64),
  role: choice(ROLES),
  language: choice(LANGUAGES),
});

export const revokeSchema = z.object({ invitationId: requiredText(64) });
