import { z } from "zod";
import { choice, optionalText, requiredText } from "#app/features/forms/fields.ts";
import { PARTNER_TYPES } from "./types.ts";

/** The partner form. The country code is checked against the country data on the server only. */
export const partnerSchema = z.object({
  type: choice(PARTNER_TYPES),
  name: requiredText(200),
  acronym: optionalText(30),
  countryCode: optionalText(2).transform((code) => code?.toUpperCase()),
  website: optionalText(300).refine((url) => url === undefined || /^https?:\/\/[^\s/]+\.[^\s]+$/.test(url), "form.url"),
});
