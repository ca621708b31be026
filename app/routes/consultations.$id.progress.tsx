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
        <FilterSelect
          name="state"
          label={t("progress.status")}
          value={view.state ?? ""}
          options={[{ value: "", label: t("progress.allStatuses") }, ...states.map((state) => ({ value: state, label: t(`progress.statusName.${state}`) }))]}
        />
        <FilterSelect
          name="region"
          label={t("organisations.region")}
          value={view.region ?? ""}
          options={[{ value: "", label: t("progress.allRegions") }, ...regions.map((region) => ({ value: region.code, label: region.continent ? region.name : `\u00a0\u00a0${region.name}` }))]}
        />
        {audience.length > 1 ? (
          <FilterSelect
            name="type"
            label={t("organisations.type")}
            value={view.type ?? ""}
            options={[{ value: "", label: t("organisations.allTypes") }, ...audience.map((type) => ({ value: type, label: t(`organisationType.${type}`) }))]}
          />
        ) : null}
        <FilterSelect name="sort" label={t("progress.sort")} value={view.sort} options={sorts.map((sort) => ({ value: sort, label: t(`progress.sortBy.${sort}`) }))} />
        <FilterSelect
          name="order"
          label={t("progress.order")}
          value={view.descending ? "desc" : "asc"}
          options={[
            { value: "asc", label: t("progress.ascending") },
            { value: "desc", label: t("progress.descending") },
          ]}
        />
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

/** One labelled choice of the filter form, sent in the address. */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
