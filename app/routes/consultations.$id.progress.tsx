import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "#app/components/meta.ts";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { audienceOf, consultationProgress, getConsultation } from "#app/features/consultations/consultations.ts";
import { PROGRESS_SORTS, PROGRESS_STATES, listProgress, progressViewOf, type ProgressView } from "#app/features/consultations/progress.ts";
import { isId } from "#app/features/ids.ts";
import { CONTINENTS, m49Areas, regionName } from "#app/features/organisations/countries.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.heading) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "consultation.progress");
  const db = getDb();
  const consultation = isId(params.id) ? await getConsultation(db, user, params.id) : undefined;
  if (!consultation) throw new Response("Not found", { status: 404 });
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
    regions: m49Areas().map((code) => ({ code, name: regionName(code, language), continent: CONTINENTS.includes(code) })),
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
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.state) params.set("state", view.state);
  if (view.region) params.set("region", view.region);
  if (view.type) params.set("type", view.type);
  if (view.sort !== "name") params.set("sort", view.sort);
  if (view.descending) params.set("order", "desc");
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export default function ConsultationProgressPage() {
  const { consultation, heading, view, counts, audience, states, sorts, regions, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/consultations">{t("consultations.title")}</Link> › <Link to={`/consultations/${consultation.id}`}>{consultation.title}</Link>
      </p>
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
        <div className="field">
          <label htmlFor="state">{t("progress.status")}</label>
          <select id="state" name="state" defaultValue={view.state ?? ""}>
            <option value="">{t("progress.allStatuses")}</option>
            {states.map((state) => (
              <option key={state} value={state}>
                {t(`progress.statusName.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="region">{t("organisations.region")}</label>
          <select id="region" name="region" defaultValue={view.region ?? ""}>
            <option value="">{t("progress.allRegions")}</option>
            {regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.continent ? region.name : `\u00a0\u00a0${region.name}`}
              </option>
            ))}
          </select>
        </div>
        {audience.length > 1 ? (
          <div className="field">
            <label htmlFor="type">{t("organisations.type")}</label>
            <select id="type" name="type" defaultValue={view.type ?? ""}>
              <option value="">{t("organisations.allTypes")}</option>
              {audience.map((type) => (
                <option key={type} value={type}>
                  {t(`organisationType.${type}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="sort">{t("progress.sort")}</label>
          <select id="sort" name="sort" defaultValue={view.sort}>
            {sorts.map((sort) => (
              <option key={sort} value={sort}>
                {t(`progress.sortBy.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="order">{t("progress.order")}</label>
          <select id="order" name="order" defaultValue={view.descending ? "desc" : "asc"}>
            <option value="asc">{t("progress.ascending")}</option>
            <option value="desc">{t("progress.descending")}</option>
          </select>
        </div>
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
            cell: (row) => (
              <>
                <Link to={`/organisations/${row.organisationId}`}>{row.name}</Link>
                <br />
                <span className="muted">{[t(`organisationType.${row.type}`), row.region].filter(Boolean).join(" · ")}</span>
              </>
            ),
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
      {pageCount > 1 ? (
        <nav aria-label={t("progress.pages")} className="actions pager">
          {page > 1 ? (
            <Link to={pageHref(`/consultations/${consultation.id}/progress`, view, page - 1)} rel="prev" className="button button--quiet">
              {t("progress.previous")}
            </Link>
          ) : null}
          <span>{t("progress.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageHref(`/consultations/${consultation.id}/progress`, view, page + 1)} rel="next" className="button button--quiet">
              {t("progress.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
