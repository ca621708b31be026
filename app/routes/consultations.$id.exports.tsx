import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ConsultationBreadcrumb } from "#app/components/consultation-breadcrumb.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { listExports, parseExportRequest, requestExport, type ExportRequestField } from "#app/features/exports/export-jobs.ts";
import { EXPORT_FORMAT_NAMES } from "#app/features/exports/formats.ts";
import { EXPORT_PROFILES, VALUE_MODES } from "#app/features/exports/source.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { LANGUAGES, localized } from "#app/i18n/languages.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp } from "#app/session.server.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";

export const meta = pageTitle("exports.title");

/** How often the list is read again while an export is being written. */
const REFRESH_MS = 2_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  const language = detectLanguage(request);
  const exports = await listExports(getDb(), user, consultation.id);
  return {
    consultation: { id: consultation.id, title: localized(consultation, "title", language) },
    language,
    // The choices are read on the server: the writers behind them must not reach the browser.
    choices: { format: EXPORT_FORMAT_NAMES, language: LANGUAGES, profile: EXPORT_PROFILES, values: VALUE_MODES } satisfies Record<ExportRequestField, readonly string[]>,
    exports: exports.map((item) => ({
      ...item,
      createdAt: formatDateTime(item.createdAt, language),
      href: `/consultations/${consultation.id}/exports/${item.id}`,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  const parsed = parseExportRequest(Object.fromEntries(await readFormData(request)));
  if (!parsed.ok) return data<{ problems: ExportRequestField[] }>({ problems: parsed.problems }, { status: 400 });
  await requestExport(getDb(), user, consultation, parsed.request, { ip: clientIp(context) });
  return redirect(`/consultations/${consultation.id}/exports`);
}

/** Reads the list again while an export is under way, without moving the reader's focus. */
function useRefreshWhile(working: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [working, revalidator]);
}

export default function ExportsPage() {
  const { consultation, choices, exports } = useLoaderData<typeof loader>();
  const problems = useActionData<typeof action>()?.problems ?? [];
  const { t } = useTranslation();
  useRefreshWhile(exports.some((item) => item.status === "pending" || item.status === "running"));
  const choice = (name: ExportRequestField, label: (value: string) => string) => (
    <div className="field">
      <label htmlFor={`export-${name}`}>{t(`exports.field.${name}`)}</label>
      <select id={`export-${name}`} name={name} defaultValue={choices[name][0]} aria-invalid={problems.includes(name) ? true : undefined}>
        {choices[name].map((value) => (
          <option key={value} value={value}>
            {label(value)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div>
      <ConsultationBreadcrumb id={consultation.id} title={consultation.title} />
      <h1>{t("exports.heading", { title: consultation.title })}</h1>
      <p>{t("exports.intro")}</p>
      {problems.length ? (
        <div className="notice notice--error" role="alert">
          <h2 className="notice__title">{t("exports.problemsTitle")}</h2>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{t(`exports.problem.${problem}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="prepare-title">
        <h2 id="prepare-title">{t("exports.prepareTitle")}</h2>
        <Form method="post">
          {choice("format", (value) => t(`exports.format.${value}`))}
          {choice("language", (value) => t(`reading.languageName.${value}`))}
          {choice("profile", (value) => t(`exportFile.profile.${value}`))}
          {choice("values", (value) => t(`exportFile.values.${value}`))}
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" name="translate" />
              {t("exports.field.translate")}
            </label>
          </div>
          <button type="submit" className="button">
            {t("exports.prepare")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("exports.listTitle")}</h2>
        <div aria-live="polite">
          {exports.length === 0 ? (
            <p>{t("exports.none")}</p>
          ) : (
            <ul className="export-list">
              {exports.map((item) => (
                <li key={item.id}>
                  <span>
                    {t(`exports.format.${item.format}`)}, {t(`reading.languageName.${item.language}`)}, {t(`exportFile.profile.${item.profile}`)}, {t(`exportFile.values.${item.values}`)}
                    {item.translate ? `, ${t("exports.machineTranslated")}` : null}{" "}
                    <span className="muted">({item.createdAt})</span>
                  </span>{" "}
                  {item.status === "done" ? (
                    <a href={item.href} download>
                      {t("exports.download", { format: t(`exports.format.${item.format}`), count: item.rowsWritten })}
                    </a>
                  ) : item.status === "failed" ? (
                    <strong>{t(`exports.failure.${item.error ?? "failed"}`)}</strong>
                  ) : item.status === "running" && item.rowsExpected !== null ? (
                    <span>
                      {t("exports.running", { written: item.rowsWritten, expected: item.rowsExpected })}{" "}
                      <progress value={item.rowsWritten} max={item.rowsExpected ?? undefined} aria-label={t("exports.progress")} />
                    </span>
                  ) : (
                    <span>{t("exports.pending")}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </div>
  );
}
