import { redirect, data, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#app/db.server.ts";
import { setPreferredLanguage } from "#app/features/auth/people.ts";
import { languageCookie } from "#app/i18n/detect.ts";
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from "#app/i18n/languages.ts";
import { safeRedirect } from "#app/features/security/safe-redirect.ts";
import { clientIp, getUser, usesHttps } from "#app/session.server.ts";
import { readFormData } from "#app/request.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("language.title");

/** Switches the interface language: a cookie, and the signed-in person's preference. */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const language = formData.get("language");
  if (!isLanguage(language)) {
    return data({ error: "language.unknown", value: typeof language === "string" ? language.slice(0, 20) : "" }, { status: 400 });
  }
  const user = await getUser(request);
  if (user) {
    await setPreferredLanguage(getDb(), user.id, language, { ip: clientIp(context) });
  }
  const target = new URL(safeRedirect(formData.get("redirectTo")), "http://local");
  target.searchParams.delete("lang");
  return redirect(`${target.pathname}${target.search}`, { headers: { "Set-Cookie": languageCookie(language, usesHttps(request)) } });
}

/** Shown without JavaScript after a refused choice, or when /language is opened directly. */
export default function LanguagePage() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("language.title")}</h1>
      {result?.error ? (
        <p role="alert" className="notice notice--error">
          {t("language.unknown", { value: result.value })}
        </p>
      ) : null}
      <Form method="post" className="stack">
        {LANGUAGES.map((language) => (
          <button key={language} type="submit" name="language" value={language} lang={language} className="button button--quiet">
            {LANGUAGE_NAMES[language]}
          </button>
        ))}
      </Form>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </div>
  );
}
