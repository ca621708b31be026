import i18next, { type i18n } from "i18next";
import en from "./en.json" with { type: "json" };
import es from "./es.json" with { type: "json" };
import fr from "./fr.json" with { type: "json" };
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./languages.ts";

export const catalogues = { en, fr, es } as const;

/** A ready i18next instance for one language; the catalogues are small and bundled, so it is synchronous. */
function createI18n(language: Language): i18n {
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

/**
 * The one i18next instance of a language in this process (server) or page (browser), made on
 * first use: building one per render cost a few per cent of every page. Never change its
 * language: take the instance of the other language instead.
 */
export function i18nFor(language: Language): i18n {
  let instance = cache.get(language);
  if (!instance) {
    instance = createI18n(language);
    cache.set(language, instance);
  }
  return instance;
}

/** A translation function for server code (e-mails, error messages). */
export function translator(language: Language): i18n["t"] {
  return i18nFor(language).t;
}
