import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FigureFilterSelects } from "#app/components/summary/summary-filters.tsx";
import type { ExportListItem, ExportRequestField } from "#app/features/exports/export-jobs.ts";
import type { ExportFilter } from "#app/features/exports/filters.ts";
import type { FigureFilters } from "#app/features/figures/counters.ts";
import type { RegionChoice } from "#app/features/organisations/countries.ts";

/** How often the list is read again while an export is being written. */
const REFRESH_MS = 2_000;

export interface ExportsPageData {
  /** The fields' choices, read on the server: the writers behind them must not reach the browser. */
  choices: Record<ExportRequestField, readonly string[]>;
  /** The filters' choices and the filters the address asked for (a summary's export link carries its own). */
  filterChoices: { regions: RegionChoice[]; types: string[] };
  filters: FigureFilters;
  /** The person's exports as listed, with the time in the reader's language and the file's address. */
  exports: (Omit<ExportListItem, "finishedAt"> & { href: string; filtersText: string | null })[];
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

/** A consultation's or a meeting's exports page: what to correct, the form (with its filters), and the person's exports with their progress. */
export function ExportsPage({ breadcrumb, heading, intro, none, data, problems }: { breadcrumb: ReactNode; heading: string; intro: string; none: string; data: ExportsPageData; problems: readonly (ExportRequestField | ExportFilter)[] }) {
  const { choices, filterChoices, filters, exports } = data;
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
      {breadcrumb}
      <h1>{heading}</h1>
      <p>{intro}</p>
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
          <fieldset>
            <legend>{t("exports.filtersLegend")}</legend>
            <FigureFilterSelects choices={filterChoices} view={filters} />
          </fieldset>
          <button type="submit" className="button">
            {t("exports.prepare")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("exports.listTitle")}</h2>
        <div aria-live="polite">
          {exports.length === 0 ? (
            <p>{none}</p>
          ) : (
            <ul className="export-list">
              {exports.map((item) => (
                <li key={item.id}>
                  <span>
                    {t(`exports.format.${item.format}`)}, {t(`reading.languageName.${item.language}`)}, {t(`exportFile.profile.${item.profile}`)}, {t(`exportFile.values.${item.values}`)}
                    {item.translate ? `, ${t("exports.machineTranslated")}` : null}
                    {item.filtersText ? `, ${t("exports.filteredBy", { filters: item.filtersText })}` : null}{" "}
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
