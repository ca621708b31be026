import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FileForm, JSON_FILES, XLSX_FILES } from "#app/components/file-form.tsx";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime, formatNumber, languageName } from "#app/i18n/format.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { surveyPageAction, surveyPageData, type SurveyActionOutcome } from "#app/web/survey-pages.server.ts";

export const meta = ({ data }: { data?: { title?: string } }) => titled(data?.title ?? "");

const capitalised = (text: string, language: string) => text.charAt(0).toLocaleUpperCase(language) + text.slice(1);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "survey.manage");
  const language = detectLanguage(request);
  const onlyMissing = new URL(request.url).searchParams.get("show") === "missing";
  const languageNames = Object.fromEntries(LANGUAGES.map((code) => [code, capitalised(languageName(code, language), language)])) as Record<(typeof LANGUAGES)[number], string>;
  return { language, languageNames, ...(await surveyPageData(getDb(), params.slug ?? "", language, onlyMissing)) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "survey.manage");
  return surveyPageAction(getDb(), request, { user, ip: clientIp(context) }, params.slug ?? "");
}

function Outcome({ outcome }: { outcome: SurveyActionOutcome | undefined }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  const text = (key: string) => t(key, { count: outcome.count ?? 0 });
  return (
    <>
      {outcome.done ? (
        <p role="status" className="notice notice--success">
          {text(outcome.done)}
        </p>
      ) : null}
      {outcome.error ? (
        <div role="alert" className="notice notice--error">
          <p>{text(outcome.error)}</p>
          {outcome.keys?.length ? (
            <ul>
              {outcome.keys.map((key) => (
                <li key={key}>
                  <code>{key}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

export default function UploadedSurveyPage() {
  const page = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const { language, progress } = page;
  const untranslated = progress.total - progress.complete;
  return (
    <div className="stack">
      <p>
        <Link to="/surveys">{t("surveys.title")}</Link>
      </p>
      <h1>{page.title}</h1>
      <p>
        {t(`surveys.status.${page.status}`)} · {t("surveys.fromFile", { file: page.fileName, date: formatDateTime(page.updatedAt, language) })}
      </p>
      <Outcome outcome={outcome} />

      <section aria-labelledby="check-heading" className="stack">
        <h2 id="check-heading">{t("surveys.check.heading")}</h2>
        {page.findings.length === 0 ? (
          <p>{t("surveys.check.clear")}</p>
        ) : (
          <ul className="stack">
            {page.findings.map((finding, index) => (
              <li key={index}>
                <strong>{t(`surveys.check.${finding.level}`)}</strong> <code>{finding.where}</code>: {finding.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="preview-heading" className="stack">
        <h2 id="preview-heading">{t("surveys.preview.heading")}</h2>
        <p>{t("surveys.preview.help")}</p>
        <ul className="plain">
          {LANGUAGES.map((code) => (
            <li key={code}>
              <Link to={`/surveys/${page.slug}/preview?in=${code}`} hrefLang={code}>
                {t("surveys.preview.in", { language: page.languageNames[code] })}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="translations-heading" className="stack">
        <h2 id="translations-heading">{t("surveys.translations.heading")}</h2>
        <p>
          {t("surveys.translations.progress", { complete: formatNumber(progress.complete, language), total: formatNumber(progress.total, language) })}{" "}
          {untranslated > 0 ? t("surveys.translations.missing", { fr: formatNumber(progress.missing.fr, language), es: formatNumber(progress.missing.es, language), en: formatNumber(progress.missing.en, language) }) : null}
        </p>
        <p>
          <a href={`/surveys/${page.slug}/workbook`} download>
            {t("surveys.workbook.download")}
          </a>
        </p>
        <FileForm id="workbook-file" name="workbook" intent="workbook" label={t("surveys.workbook.file")} accept={XLSX_FILES} submit={t("surveys.workbook.submit")} quiet />
        <p>
          {page.onlyMissing ? (
            <Link to={`/surveys/${page.slug}`}>{t("surveys.translations.showAll")}</Link>
          ) : (
            <Link to={`/surveys/${page.slug}?show=missing`}>{t("surveys.translations.showMissing")}</Link>
          )}
        </p>
        {page.rows.length === 0 ? (
          <p>{t(page.onlyMissing ? "surveys.translations.noneMissing" : "surveys.translations.none")}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="translate" />
            <div className="table-wrap">
              <table className="translation-table">
                <caption className="visually-hidden">{t("surveys.translations.heading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("surveys.translations.where")}</th>
                    {LANGUAGES.map((code) => (
                      <th scope="col" key={code}>
                        {page.languageNames[code]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((row, index) => (
                    <tr key={row.key}>
                      <th scope="row" id={`text-${index}`}>
                        <code>{row.where}</code>
                        <br />
                        {row.what}
                      </th>
                      {LANGUAGES.map((code) => (
                        <td key={code} lang={code}>
                          <label className="visually-hidden" htmlFor={`text-${index}-${code}`}>
                            {t("surveys.translations.field", { what: row.what, where: row.where, language: page.languageNames[code] })}
                          </label>
                          <input type="hidden" name={`was:${code}:${row.key}`} value={row[code]} />
                          <textarea
                            id={`text-${index}-${code}`}
                            name={`text:${code}:${row.key}`}
                            defaultValue={row[code]}
                            rows={Math.min(6, Math.max(2, Math.ceil(row.en.length / 40)))}
                            aria-invalid={row[code].trim() ? undefined : true}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("surveys.translations.save")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="publish-heading" className="stack">
        <h2 id="publish-heading">{t("surveys.publish.heading")}</h2>
        <p>{t(page.blocking ? "surveys.publish.blocked" : page.status === "published" ? "surveys.publish.current" : "surveys.publish.ready")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <button type="submit" className="button" disabled={busy}>
            {t("surveys.publish.submit")}
          </button>
        </Form>
        {page.versions.length > 0 ? (
          <>
            <h3>{t("surveys.versions.heading")}</h3>
            <ul>
              {page.versions.map((version) => (
                <li key={version.id}>
                  {formatDateTime(version.createdAt, language)} · <code>{version.id.slice(0, 12)}</code> · {t("surveys.versions.consultations", { count: version.consultations })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="replace-heading" className="stack">
        <h2 id="replace-heading">{t("surveys.replace.heading")}</h2>
        <p id="replace-help">{t("surveys.replace.help")}</p>
        <FileForm id="replace-file" name="file" intent="replace" label={t("surveys.replace.file")} accept={JSON_FILES} submit={t("surveys.replace.submit")} describedBy="replace-help" quiet />
      </section>
    </div>
  );
}
