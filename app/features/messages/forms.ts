import { z } from "zod";
import { choice, requiredMultilineText, requiredText } from "#app/features/forms/fields.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from "./limits.ts";

/** A key message as the rapporteurs write it: the same limits as the feature's own check. */
export const keyMessageSchema = z.object({
  title: requiredText(TITLE_MAX_LENGTH),
  body: requiredMultilineText(BODY_MAX_LENGTH),
  language: choice(LANGUAGES),
});

export type KeyMessageForm = z.infer<typeof keyMessageSchema>;
