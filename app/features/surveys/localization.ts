import { surveyLocalization } from "survey-core";
import "survey-core/i18n/french";
import "survey-core/i18n/spanish";
import { translator } from "#app/i18n/i18n.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";

/**
 * survey-core's own texts in the app's three languages, with the ones it gets wrong mended.
 * Imported wherever a survey-core model is built (the answering page in the browser; validation,
 * compiled rules and display on the server), so that people and the server's checks read the
 * same words.
 *
 * survey-core fills a number into one text per language ("Por favor seleccione por lo menos
 * {0} variantes"), which cannot agree with it. It calls `format` on the text it finds in its
 * dictionary, so a text with a `format` of its own takes the number and picks the plural form
 * from the catalogue (i18next's plural rules of the language).
 */
function counted(language: Language, key: string) {
  const t = translator(language);
  return { format: (count: unknown) => t(key, { count: Number(count) }) };
}

/** survey-core names English "en"; a model in English has the empty locale, which reads it. */
for (const language of LANGUAGES) {
  const strings = surveyLocalization.locales[language] as Record<string, unknown>;
  strings.minSelectError = counted(language, "validation.minSelected");
}
