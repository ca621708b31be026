export const LANGUAGES = ["en", "fr", "es"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Each language named in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  fr: "Français",
  es: "Español",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks the text in a language from an object with `<field>_en`, `<field>_fr`, `<field>_es`. */
export function localized<F extends string>(row: Record<`${F}_${Language}`, string>, field: F, language: Language): string {
  return row[`${field}_${language}`];
}
