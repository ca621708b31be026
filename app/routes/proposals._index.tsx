import { data as withStatus, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CodingNotice } from "#app/components/proposals/coding-notice.tsx";
import { STATUS_LABELS } from "#app/components/proposals/labels.ts";
import { FilterSelect, Pager, RegionSelect, viewHref } from "#app/components/list-controls.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { inboxConsultations, inboxViewOf, inboxViewParams, listInbox, type InboxRow } from "#app/features/proposals/inbox.ts";
import { INBOX_SORTS, TAG_MAX_LENGTH, WITHDRAWN_CHOICES } from "#app/features/proposals/inbox-choices.ts";
import { regionChoices, regionName } from "#app/features/organisations/countries.ts";
import { GCM_OBJECTIVES, GUIDING_PRINCIPLES, STAKEHOLDER_TYPES } from "#app/features/taxonomy/taxonomy.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";
import { ATTRIBUTIONS, PROPOSAL_STATUSES } from "#db/schema.ts";

export const meta = pageTitle("inbox.title");

const PATH = "/proposals";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "response.readAll");
  const db = getDb();
  const language = detectLanguage(request);
  const params = new URL(request.url).searchParams;
  const consultations = await inboxConsultations(db, language);
  const { view, problems } = inboxViewOf(
    params,
    consultations.map((consultation) => consultation.id),
  );
  // A view the reader did not mean is not shown: the page says what to correct instead.
  const list = problems.length ? { rows: [], total: 0, page: 1, pageCount: 1, withdrawnHidden: 0 } : await listInbox(db, user, view, language);
  const viewParams = inboxViewParams(view);
  const term = (terms: typeof GCM_OBJECTIVES) => terms.map((item) => ({ value: item.value, label: item.text[language] }));
  return withStatus(
    {
      view,
      problems,
      viewParams,
      selectAll: params.get("select") === "all",
      filtered: Object.entries(viewParams).some(([name, value]) => value !== undefined && name !== "sort"),
      consultations,
      objectives: term(GCM_OBJECTIVES),
      principles: term(GUIDING_PRINCIPLES),
      types: term(STAKEHOLDER_TYPES),
      regions: regionChoices(language),
      total: list.total,
      page: list.page,
      pageCount: list.pageCount,
      withdrawnHidden: list.withdrawnHidden,
      rows: list.rows.map((row) => ({ ...row, region: row.regionM49 ? regionName(row.regionM49, language) : "" })),
    },
    { status: problems.length ? 400 : 200 },
  );
}

type Row = InboxRow & { region: string };

/** What names a proposal in the list: its title, else the start of its summary (offers have no title). */
function nameOf(row: Row, untitled: string): string {
  const text = row.title || row.summary || "";
  if (!text) return untitled;
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

function ProposalCell({ row, number }: { row: Row; number: number }) {
  const { t } = useTranslation();
  if (row.countOnly) {
    return (
      <>
        <Link to={`${PATH}/${row.id}`}>{t("reading.use.aggregate_only")}</Link>
        {row.responseId ? (
          <>
            {" · "}
            <Link to={`/consultations/${row.consultationId}/responses/${row.responseId}`} aria-label={`${t("inbox.readInAnswer")} (${number})`}>
              {t("inbox.readInAnswer")}
            </Link>
          </>
        ) : null}
      </>
    );
  }
  return (
    <>
      <Link to={`${PATH}/${row.id}`} lang={row.language ?? undefined}>
        {nameOf(row, t("inbox.untitled"))}
      </Link>
      {row.withdrawn ? <span className="badge badge--withdrawn">{t("inbox.withdrawnBadge")}</span> : null}
      <br />
      {row.title ? (
        <span className="muted" lang={row.language ?? undefined}>
          {row.summary && row.summary.length > 200 ? `${row.summary.slice(0, 200)}…` : row.summary}
        </span>
      ) : null}
    </>
  );
}

function BulkControls() {
  const { t } = useTranslation();
  return (
    <fieldset className="filters">
      <legend>{t("inbox.selection")}</legend>
      <p className="muted">{t("inbox.bulkHelp")}</p>
      <FilterSelect
        name="status"
        label={t("inbox.newStatus")}
        value=""
        options={PROPOSAL_STATUSES.filter((status) => status !== "merged").map((status) => ({ value: status, label: t(STATUS_LABELS[status]) }))}
      />
      <div className="field">
        <label htmlFor="reason">{t("inbox.reason")}</label>
        <input id="reason" name="reason" type="text" maxLength={500} />
      </div>
      <button type="submit" name="intent" value="status" className="button">
        {t("inbox.setStatus")}
      </button>
      <div className="field">
        <label htmlFor="bulk-tag">{t("inbox.bulkTag")}</label>
        <input id="bulk-tag" name="tag" type="text" maxLength={TAG_MAX_LENGTH} />
      </div>
      <button type="submit" name="intent" value="add-tag" className="button">
        {t("inbox.addTag")}
      </button>
      <button type="submit" name="intent" value="remove-tag" className="button button--quiet">
        {t("inbox.removeTag")}
      </button>
      <button type="submit" formAction="/proposals/merge" className="button button--quiet">
        {t("inbox.merge")}
      </button>
    </fieldset>
  );
}

export default function InboxPage() {
  const { view, problems, viewParams, selectAll, filtered, consultations, objectives, principles, types, regions, total, page, pageCount, withdrawnHidden, rows } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // Where the bulk actions come back to: this very view and page.
  const here = viewHref(PATH, viewParams, page);
  return (
    <div>
      <h1>{t("inbox.title")}</h1>
      <CodingNotice />
      {problems.length ? (
        <div className="notice notice--error" role="alert">
          <h2 className="notice__title">{t("inbox.problemsTitle")}</h2>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{t(`inbox.problem.${problem}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("inbox.filter")}>
        <div className="field">
          <label htmlFor="q">{t("inbox.search")}</label>
          <input id="q" name="q" type="search" defaultValue={view.q ?? ""} aria-describedby="search-help" aria-invalid={problems.includes("q") ? true : undefined} />
        </div>
        <FilterSelect
          name="consultation"
          label={t("inbox.consultation")}
          value={view.consultation ?? ""}
          options={[{ value: "", label: t("inbox.allConsultations") }, ...consultations.map((consultation) => ({ value: consultation.id, label: consultation.title }))]}
        />
        <FilterSelect name="objective" label={t("inbox.objective")} value={view.objective ?? ""} options={[{ value: "", label: t("inbox.allObjectives") }, ...objectives]} />
        <FilterSelect name="principle" label={t("inbox.principle")} value={view.principle ?? ""} options={[{ value: "", label: t("inbox.allPrinciples") }, ...principles]} />
        <RegionSelect regions={regions} value={view.region ?? ""} />
        <FilterSelect name="type" label={t("organisations.type")} value={view.stakeholderType ?? ""} options={[{ value: "", label: t("organisations.allTypes") }, ...types]} />
        <FilterSelect
          name="language"
          label={t("inbox.language")}
          value={view.language ?? ""}
          options={[{ value: "", label: t("reading.allLanguages") }, ...LANGUAGES.map((code) => ({ value: code, label: t(`reading.languageName.${code}`) }))]}
        />
        <FilterSelect
          name="status"
          label={t("inbox.status")}
          value={view.status ?? ""}
          options={[{ value: "", label: t("inbox.allStatuses") }, ...PROPOSAL_STATUSES.map((status) => ({ value: status, label: t(STATUS_LABELS[status]) }))]}
        />
        <div className="field">
          <label htmlFor="tag">{t("inbox.tag")}</label>
          <input id="tag" name="tag" type="text" maxLength={TAG_MAX_LENGTH} defaultValue={view.tag ?? ""} aria-invalid={problems.includes("tag") ? true : undefined} />
        </div>
        <FilterSelect
          name="attribution"
          label={t("reading.attribution")}
          value={view.attribution ?? ""}
          options={[{ value: "", label: t("reading.allAttributions") }, ...ATTRIBUTIONS.map((level) => ({ value: level, label: t(`reading.use.${level}`) }))]}
        />
        <FilterSelect name="withdrawn" label={t("inbox.withdrawn")} value={view.withdrawn} options={WITHDRAWN_CHOICES.map((choice) => ({ value: choice, label: t(`inbox.withdrawnChoice.${choice}`) }))} />
        <FilterSelect name="sort" label={t("progress.sort")} value={view.sort} options={INBOX_SORTS.map((sort) => ({ value: sort, label: t(`inbox.sortBy.${sort}`) }))} />
        <button type="submit" className="button button--quiet">
          {t("organisations.apply")}
        </button>
        {filtered || problems.length ? <Link to={PATH}>{t("reading.clear")}</Link> : null}
      </Form>
      <p className="muted" id="search-help">
        {t("inbox.searchHelp")}
      </p>
      {problems.length ? null : (
        <>
          <p role="status">{t("inbox.count", { count: total })}</p>
          {withdrawnHidden > 0 ? (
            <p>
              {t("inbox.withdrawnHidden", { count: withdrawnHidden })} <Link to={viewHref(PATH, { ...viewParams, withdrawn: "include" })}>{t("inbox.showWithdrawn")}</Link>
            </p>
          ) : null}
          {total === 0 ? (
            <p>{t(filtered ? "inbox.noneMatch" : "inbox.none")}</p>
          ) : (
            // Made anew when "select all" changes, since React keeps a checkbox's state across navigations.
            <form method="post" action="/proposals/coding" key={selectAll ? "all" : "some"}>
              <input type="hidden" name="redirectTo" value={here} />
              <BulkControls />
              <p className="actions">
                {/* Links rather than a script, so that selecting a page works without JavaScript. */}
                <Link to={viewHref(PATH, { ...viewParams, select: "all" }, page)}>{t("inbox.selectAll")}</Link>
                {selectAll ? <Link to={here}>{t("inbox.selectNone")}</Link> : null}
              </p>
              <Table
                rows={rows.map((row, index) => ({ ...row, number: index + 1 }))}
                rowKey={(row) => row.id}
                columns={[
                  {
                    header: t("inbox.select"),
                    cell: (row) => (
                      <input
                        type="checkbox"
                        name="proposal"
                        value={row.id}
                        defaultChecked={selectAll}
                        aria-label={row.countOnly ? t("inbox.selectCountOnly", { number: row.number }) : t("inbox.selectOne", { title: nameOf(row, t("inbox.untitled")) })}
                      />
                    ),
                  },
                  { header: t("inbox.proposal"), cell: (row) => <ProposalCell row={row} number={row.number} /> },
                  {
                    header: t("inbox.organisation"),
                    cell: (row) => (
                      <>
                        {row.organisation ?? (row.responseId ? t("inbox.notNamed") : "—")}
                        <br />
                        <span className="muted">{[row.stakeholderType ? t(`organisationType.${row.stakeholderType}`) : "", row.region].filter(Boolean).join(" · ")}</span>
                      </>
                    ),
                  },
                  {
                    header: t("inbox.status"),
                    cell: (row) => <span className="badge">{t(STATUS_LABELS[row.status])}</span>,
                  },
                  { header: t("inbox.tags"), cell: (row) => row.tags.join(", ") },
                  { header: t("inbox.language"), cell: (row) => (row.language ? t(`reading.languageName.${row.language}`) : "—") },
                  { header: t("inbox.consultation"), cell: (row) => row.consultationTitle },
                ]}
              />
            </form>
          )}
          <Pager page={page} pageCount={pageCount} href={(to) => viewHref(PATH, viewParams, to)} />
        </>
      )}
    </div>
  );
}
