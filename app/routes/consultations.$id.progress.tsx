import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationBreadcrumb } from "#app/components/consultation-breadcrumb.tsx";
import { titled } from "#app/components/meta.ts";
import { FilterSelect, OrganisationCell, Pager, RegionSelect, SortSelects, TypeSelect, viewHref } from "#app/components/list-controls.tsx";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { audienceOf, consultationProgress } from "#app/features/consultations/consultations.ts";
import { PROGRESS_SORTS, PROGRESS_STATES, listProgress, progressViewOf, type ProgressView } from "#app/features/consultations/progress.ts";
import { regionChoices, regionName } from "#app/features/organisations/countries.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.heading) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireConsultation(request, params.id, "consultation.progress");
  const db = getDb();
  const language = detectLanguage(request);
  const audience = audienceOf(consultation);
  const view = progressViewOf(new URL(request.url).searchParams, audience);
  const [list, counts] = await Promise.all([listProgress(db, consultation, view, language), consultationProgress(db, consultation)]);
  const title = localized(consultation, "title", language);
  return {
    consultation: { id: consultation.id, title },
    heading: translator(language)("progress.heading", { title }),
    view,
    counts,
    audience,
    states: PROGRESS_STATES,
    sorts: PROGRESS_SORTS,
    regions: regionChoices(language),
    ...list,
    rows: list.rows.map((row) => ({
      ...row,
      region: row.regionM49 ? regionName(row.regionM49, language) : "",
      lastActivity: row.lastActivity ? formatDateTime(row.lastActivity, language) : null,
    })),
  };
}

/** The address of the same view on another page. */
function pageHref(path: string, view: ProgressView, page: number): string {
  return viewHref(path, { q: view.q, state: view.state, region: view.region, type: view.type, sort: view.sort === "name" ? undefined : view.sort, order: view.descending ? "desc" : undefined }, page);
}

export default function ConsultationProgressPage() {
  const { consultation, heading, view, counts, audience, states, sorts, regions, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <ConsultationBreadcrumb id={consultation.id} title={consultation.title} />
      <h1>{heading}</h1>
      <ul className="plain">
        <li>{t("progress.countNotStarted", { count: counts.notStarted })}</li>
        <li>{t("progress.countDraft", { count: counts.draft })}</li>
        <li>
          {t("progress.countSubmitted", { count: counts.submitted })} {counts.amending > 0 ? t("progress.amendingAmong", { count: counts.amending }) : null}
        </li>
      </ul>
      <Form method="get" className="filters" role="search" aria-label={t("progress.filter")}>
        <div className="field">
          <label htmlFor="q">{t("progress.search")}</label>
          <input id="q" name="q" type="search" defaultValue={view.q ?? ""} maxLength={100} />
        </div>
        <FilterSelect
          name="state"
          label={t("progress.status")}
          value={view.state ?? ""}
          options={[{ value: "", label: t("progress.allStatuses") }, ...states.map((state) => ({ value: state, label: t(`progress.statusName.${state}`) }))]}
        />
        <RegionSelect regions={regions} value={view.region ?? ""} />
        <TypeSelect audience={audience} value={view.type ?? ""} />
        <SortSelects sorts={sorts} sort={view.sort} descending={view.descending} sortLabel={(sort) => t(`progress.sortBy.${sort}`)} />
        <button type="submit" className="button button--quiet">
          {t("organisations.apply")}
        </button>
      </Form>
      <p role="status">{t("organisations.count", { count: total })}</p>
      <Table
        rows={rows}
        rowKey={(row) => row.organisationId}
        columns={[
          {
            header: t("progress.organisation"),
            cell: (row) => <OrganisationCell to={`/organisations/${row.organisationId}`} name={row.name} type={row.type} region={row.region} />,
          },
          { header: t("progress.status"), cell: (row) => <span className={`badge badge--${row.state}`}>{t(`progress.statusName.${row.state}`)}</span> },
          { header: t("progress.lastActivity"), cell: (row) => row.lastActivity ?? <span className="muted">{t("progress.noActivity")}</span> },
          {
            header: t("progress.people"),
            cell: (row) =>
              row.people.length ? (
                <ul className="plain">
                  {row.people.map((person) => (
                    <li key={person.email}>
                      {person.name} – <a href={`mailto:${person.email}`}>{person.email}</a> – {t(`role.${person.role}`)}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">{t("progress.nobody")}</span>
              ),
          },
        ]}
      />
      <Pager page={page} pageCount={pageCount} href={(to) => pageHref(`/consultations/${consultation.id}/progress`, view, to)} />
    </div>
  );
}
