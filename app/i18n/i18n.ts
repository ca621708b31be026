import i18next, { type i18n } from "i18next";
import en from "./en.json" with { type: "json" };
import es from "./es.json" with { type: "json" };
import fr from "./fr.json" with { type: "json" };
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./languages.ts";

export const catalogues = { en, fr, es } as const;

/** A ready i18next instance for one language; the catalogues are small and bundled, so it is synchronous. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: catalogues[lng] }])),
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const cache = new Map<Language, i18n>();

/** A translation function for server code (e-mails, error messages). */
export function translator(language: Language): i18n["t"] {
  let instance = cache.get(language);
  if (!instance) {
    instance = createI18n(language);
    cache.set(language, instance);
  }
  return instance.t;
}
