import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect, RegionSelect } from "#app/components/list-controls.tsx";
import type { RegionChoice } from "#app/features/organisations/countries.ts";
import type { FigureFilters } from "#app/features/figures/counters.ts";
import type { SummaryFilter, SummaryView } from "#app/features/figures/summary.ts";
import { ATTRIBUTIONS } from "#db/schema.ts";

/** What a summary's filter form offers; `consultations` only on a meeting's summary. */
export interface SummaryFilterChoices {
  regions: RegionChoice[];
  types: string[];
  consultations: { id: string; title: string }[] | null;
}

/** The filters' problems, named so that the reader can correct them; nothing is shown until they do. */
export function SummaryProblems({ problems }: { problems: readonly SummaryFilter[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert">
      <h2 className="notice__title">{t("summary.problemsTitle")}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{t(`summary.problem.${problem}`)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The region, stakeholder type and attribution a summary or an export is filtered by (FigureFilters). */
export function FigureFilterSelects({ choices, view }: { choices: Pick<SummaryFilterChoices, "regions" | "types">; view: FigureFilters }) {
  const { t } = useTranslation();
  return (
    <>
      <RegionSelect regions={choices.regions} value={view.region ?? ""} />
      <FilterSelect name="type" label={t("organisations.type")} value={view.stakeholderType ?? ""} options={[{ value: "", label: t("organisations.allTypes") }, ...choices.types.map((type) => ({ value: type, label: t(`organisationType.${type}`) }))]} />
      <FilterSelect
        name="attribution"
        label={t("reading.attribution")}
        value={view.attribution ?? ""}
        options={[{ value: "", label: t("reading.allAttributions") }, ...ATTRIBUTIONS.map((level) => ({ value: level, label: t(`reading.use.${level}`) }))]}
      />
    </>
  );
}

/** The filters of a summary, sent in the address (GET), so that a view can be shared and works without JavaScript. */
export function SummaryFilters({ path, view, choices, filtered }: { path: string; view: SummaryView; choices: SummaryFilterChoices; filtered: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filters" role="search" aria-label={t("summary.filter")}>
      {choices.consultations ? (
        <FilterSelect
          name="consultation"
          label={t("inbox.consultation")}
          value={view.consultation ?? ""}
          options={[{ value: "", label: t("inbox.allConsultations") }, ...choices.consultations.map((consultation) => ({ value: consultation.id, label: consultation.title }))]}
        />
      ) : null}
      <FigureFilterSelects choices={choices} view={view} />
      <button type="submit" className="button button--quiet">
        {t("organisations.apply")}
      </button>
      {filtered ? <Link to={path}>{t("reading.clear")}</Link> : null}
    </Form>
  );
}
