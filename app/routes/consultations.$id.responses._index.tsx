import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect, OrganisationCell, Pager, RegionSelect, SortSelects, TypeSelect, viewHref } from "#app/components/list-controls.tsx";
import { ConsultationBreadcrumb } from "#app/components/consultation-breadcrumb.tsx";
import { titled } from "#app/components/meta.ts";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { audienceOf } from "#app/features/consultations/consultations.ts";
import { regionChoices, regionName } from "#app/features/organisations/countries.ts";
import { ANSWER_SORTS, answeringOrganisations, answersViewOf, answersViewParams, listSubmittedAnswers } from "#app/features/responses/reader.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { translator } from "#app/i18n/i18n.ts";
import { LANGUAGES, localized } from "#app/i18n/languages.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";
import { ATTRIBUTIONS } from "#db/schema.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.heading) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  const db = getDb();
  const language = detectLanguage(request);
  const audience = audienceOf(consultation);
  const { view, problems } = answersViewOf(new URL(request.url).searchParams, audience);
  const title = localized(consultation, "title", language);
  const [list, organisations] = await Promise.all([
    // A view the reader did not mean is not shown: the page says what to correct instead.
    problems.length ? { rows: [], total: 0, page: 1, pageCount: 1 } : listSubmittedAnswers(db, user, consultation, view, language),
    answeringOrganisations(db, user, consultation, language),
  ]);
  const path = `/consultations/${consultation.id}/responses`;
  const viewParams = answersViewParams(view);
  const page = {
    consultation: { id: consultation.id, title },
    heading: translator(language)("reading.heading", { title }),
    path,
    view,
    viewParams,
    filtered: Object.entries(viewParams).some(([name, value]) => value !== undefined && name !== "sort" && name !== "order"),
    problems,
    sorts: ANSWER_SORTS,
    audience,
    organisations,
    regions: regionChoices(language),
    ...list,
    rows: list.rows.map((row) => ({
      ...row,
      href: viewHref(`${path}/${row.responseId}`, viewParams),
      region: row.regionM49 ? regionName(row.regionM49, language) : "",
      submittedAt: row.submittedAt ? formatDateTime(row.submittedAt, language) : "",
    })),
  };
  return withStatus(page, { status: problems.length ? 400 : 200 });
}

export default function SubmittedAnswersPage() {
  const { consultation, heading, path, view, viewParams, filtered, problems, sorts, audience, organisations, regions, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <ConsultationBreadcrumb id={consultation.id} title={consultation.title} />
      <h1>{heading}</h1>
      {problems.length ? (
        <div className="notice notice--error" role="alert">
          <h2 className="notice__title">{t("reading.problemsTitle")}</h2>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{t(`reading.problem.${problem}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("reading.filter")}>
        <RegionSelect regions={regions} value={view.region ?? ""} />
        <TypeSelect audience={audience} value={view.type ?? ""} />
        <FilterSelect
          name="organisation"
          label={t("reading.organisation")}
          value={view.organisation ?? ""}
          options={[{ value: "", label: t("reading.allOrganisations") }, ...organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))]}
        />
        <FilterSelect
          name="attribution"
          label={t("reading.attribution")}
          value={view.attribution ?? ""}
          options={[{ value: "", label: t("reading.allAttributions") }, ...ATTRIBUTIONS.map((level) => ({ value: level, label: t(`reading.use.${level}`) }))]}
        />
        <FilterSelect
          name="language"
          label={t("reading.language")}
          value={view.language ?? ""}
          options={[{ value: "", label: t("reading.allLanguages") }, ...LANGUAGES.map((code) => ({ value: code, label: t(`reading.languageName.${code}`) }))]}
        />
        <div className="field">
          <label htmlFor="from">{t("reading.from")}</label>
          <input id="from" name="from" type="date" defaultValue={view.from ?? ""} aria-invalid={problems.includes("from") || problems.includes("range") ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("reading.to")}</label>
          <input id="to" name="to" type="date" defaultValue={view.to ?? ""} aria-invalid={problems.includes("to") || problems.includes("range") ? true : undefined} />
        </div>
        <SortSelects sorts={sorts} sort={view.sort} descending={view.descending} sortLabel={(sort) => t(`reading.sortBy.${sort}`)} />
        <button type="submit" className="button button--quiet">
          {t("organisations.apply")}
        </button>
        {filtered || problems.length ? <Link to={path}>{t("reading.clear")}</Link> : null}
      </Form>
      <p className="muted">{t("reading.datesHelp")}</p>
      {problems.length ? null : (
        <>
          <p role="status">{t("reading.count", { count: total })}</p>
          {total === 0 ? (
            <p>{t(filtered ? "reading.noneMatch" : "reading.none")}</p>
          ) : (
            <Table
              rows={rows}
              rowKey={(row) => row.responseId}
              columns={[
                {
                  header: t("reading.organisation"),
                  cell: (row) => <OrganisationCell to={row.href} name={row.organisation} type={row.type} region={row.region} />,
                },
                {
                  header: t("reading.attribution"),
                  cell: (row) => (row.attribution ? <span className={row.attribution === "aggregate_only" ? "badge badge--count-only" : undefined}>{t(`reading.use.${row.attribution}`)}</span> : "—"),
                },
                { header: t("reading.language"), cell: (row) => (row.language ? t(`reading.languageName.${row.language}`) : "—") },
                {
                  header: t("reading.submitted"),
                  cell: (row) => (
                    <>
                      {row.submittedAt}
                      {row.amending ? (
                        <>
                          <br />
                          <span className="badge badge--amending">{t("reading.amending")}</span>
                        </>
                      ) : null}
                    </>
                  ),
                },
                { header: t("receipt.reference"), cell: (row) => row.reference },
              ]}
            />
          )}
          <Pager page={page} pageCount={pageCount} href={(to) => viewHref(path, viewParams, to)} />
        </>
      )}
    </div>
  );
}
