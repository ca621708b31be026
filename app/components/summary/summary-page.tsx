import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Summary, SummaryFilter, SummaryView } from "#app/features/figures/summary.ts";
import { SummaryFilters, SummaryProblems, type SummaryFilterChoices } from "./summary-filters.tsx";
import { SummarySections } from "./summary-sections.tsx";

/** A summary page: where it sits, its heading, its filters (or what to correct in them), and its sections. */
export function SummaryPage(props: {
  breadcrumb: ReactNode;
  heading: string;
  path: string;
  language: string;
  view: SummaryView;
  problems: SummaryFilter[];
  filtered: boolean;
  choices: SummaryFilterChoices;
  summary: Summary | null;
  /** Links to the pages that take the summary further (exports, matching, before and after). */
  related: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div>
      {props.breadcrumb}
      <h1>{props.heading}</h1>
      <p>{t("summary.intro")}</p>
      <nav aria-label={t("summary.related")} className="summary__related">
        {props.related}
      </nav>
      <SummaryProblems problems={props.problems} />
      <SummaryFilters path={props.path} view={props.view} choices={props.choices} filtered={props.filtered} />
      {props.summary ? <SummarySections summary={props.summary} language={props.language} /> : null}
    </div>
  );
}
