import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "#app/root.tsx";
import { LANGUAGES, LANGUAGE_NAMES } from "#app/i18n/languages.ts";

/** One button per language: works without JavaScript and is announced as the current choice. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = useLanguage();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switcher" aria-label={t("layout.language")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="submit"
          name="language"
          value={language}
          lang={language}
          aria-pressed={language === current}
          title={LANGUAGE_NAMES[language]}
          className="language-switcher__option"
        >
          <span aria-hidden="true">{language.toUpperCase()}</span>
          <span className="visually-hidden">{LANGUAGE_NAMES[language]}</span>
        </button>
      ))}
    </Form>
  );
}
