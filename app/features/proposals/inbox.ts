import { sql, type ExpressionBuilder, type RawBuilder } from "kysely";
import { collated, collatesByKey } from "#db/collation.ts";
import type { Db } from "#db/connect.ts";
import { ATTRIBUTIONS, PROPOSAL_STATUSES, type Attribution, type CodeScheme, type Database, type ProposalKind, type ProposalStatus } from "#db/schema.ts";
import { proposalsMatching, searchWords } from "#db/search.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { isId } from "#app/features/ids.ts";
import { oneOf, pageParam, paging } from "#app/features/lists/paging.ts";
import { m49Areas, subregionsOf } from "#app/features/organisations/countries.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { GCM_OBJECTIVES, GUIDING_PRINCIPLES, STAKEHOLDER_TYPES } from "#app/features/taxonomy/taxonomy.ts";
import { hasUnsafeCharacters } from "#app/features/text.ts";
import { LANGUAGES, localized, type Language } from "#app/i18n/languages.ts";
import { attributedTo, quotable } from "./attribution.ts";
import { INBOX_SORTS, SEARCH_MAX_LENGTH, TAG_MAX_LENGTH, WITHDRAWN_CHOICES, type InboxFilter, type InboxSort, type WithdrawnChoice } from "./inbox-choices.ts";

export const INBOX_PAGE_SIZE = 50;
export interface InboxView {
  consultation?: string;
  /** A GCM objective code, such as `gcm-05`, given by the author or a rapporteur. */
  objective?: string;
  /** A guiding principle code, such as `human-rights`. */
  principle?: string;
  /** An M49 area: proposals of organisations in it or in any area under it. */
  region?: string;
  stakeholderType?: string;
  language?: Language;
  status?: ProposalStatus;
  tag?: string;
  attribution?: Attribution;
  /** Words searched for in the proposals' own language and in their Spanish translation. */
  q?: string;
  withdrawn: WithdrawnChoice;
  sort: InboxSort;
  /** From 1. */
  page: number;
}

const values = (terms: { value: string }[]) => terms.map((term) => term.value);

/**
 * The view an address asks for, and the filters whose values cannot be used: those are named to
 * the reader (and nothing listed) rather than silently widened to "all". Sort and page fall back
 * to their defaults, since they never narrow what is shown.
 */
export function inboxViewOf(params: URLSearchParams, consultations: readonly string[]): { view: InboxView; problems: InboxFilter[] } {
  const problems: InboxFilter[] = [];
  const pick = <T extends string>(name: InboxFilter, accept: (value: string) => T | undefined): T | undefined => {
    const value = (params.get(name) ?? "").trim();
    if (!value) return undefined;
    const accepted = accept(value);
    if (accepted === undefined) problems.push(name);
    return accepted;
  };
  const freeText = (max: number, words: (value: string) => boolean) => (value: string) => (value.length <= max && !hasUnsafeCharacters(value) && words(value) ? value : undefined);
  const view: InboxView = {
    consultation: pick("consultation", (value) => (isId(value) ? oneOf(consultations, value) : undefined)),
    objective: pick("objective", (value) => oneOf(values(GCM_OBJECTIVES), value)),
    principle: pick("principle", (value) => oneOf(values(GUIDING_PRINCIPLES), value)),
    region: pick("region", (value) => oneOf(m49Areas(), value)),
    stakeholderType: pick("type", (value) => oneOf(values(STAKEHOLDER_TYPES), value)),
    language: pick("language", (value) => oneOf(LANGUAGES, value)),
    status: pick("status", (value) => oneOf(PROPOSAL_STATUSES, value)),
    tag: pick("tag", freeText(TAG_MAX_LENGTH, () => true)),
    attribution: pick("attribution", (value) => oneOf(ATTRIBUTIONS, value)),
    // A search of punctuation or operators alone has no word to look for.
    q: pick("q", freeText(SEARCH_MAX_LENGTH, (value) => searchWords(value).length > 0)),
    withdrawn: oneOf(WITHDRAWN_CHOICES, params.get("withdrawn")) ?? "exclude",
    sort: oneOf(INBOX_SORTS, params.get("sort")) ?? "newest",
    page: pageParam(params),
  };
  const withdrawn = params.get("withdrawn");
  if (withdrawn && !oneOf(WITHDRAWN_CHOICES, withdrawn)) problems.push("withdrawn");
  return { view, problems };
}

/** The address parameters of a view, without its defaults and its page: for links that keep it. */
export function inboxViewParams(view: InboxView): Record<string, string | undefined> {
  return {
    consultation: view.consultation,
    objective: view.objective,
    principle: view.principle,
    region: view.region,
    type: view.stakeholderType,
    language: view.language,
    status: view.status,
    tag: view.tag,
    attribution: view.attribution,
    q: view.q,
    withdrawn: view.withdrawn === "exclude" ? undefined : view.withdrawn,
    sort: view.sort === "newest" ? undefined : view.sort,
  };
}

export interface InboxRow {
  id: string;
  kind: ProposalKind;
  consultationId: string;
  consultationTitle: string;
  /** The answer it came from: where a count-only proposal is read. Null for a merged proposal. */
  responseId: string | null;
  /** Null for a count-only answer's proposal: counted, never quoted. */
  title: string | null;
  summary: string | null;
  countOnly: boolean;
  /** Null where the author chose not to be named (and for merged proposals). */
  organisation: string | null;
  stakeholderType: string | null;
  regionM49: string | null;
  language: string | null;
  status: ProposalStatus;
  tags: string[];
  withdrawn: boolean;
  createdAt: string;
}

export interface InboxPage {
  rows: InboxRow[];
  /** Proposals that match the view, on every page. */
  total: number;
  page: number;
  pageCount: number;
  /** Withdrawn proposals that would match but are left out (the view excludes them). */
  withdrawnHidden: number;
}

type ProposalQuery = ExpressionBuilder<Database, "proposal">;

const coded = (scheme: CodeScheme, code: string) => (eb: ProposalQuery) =>
  eb.exists(eb.selectFrom("proposal_code").select(sql`1`.as("one")).whereRef("proposal_code.proposal_id", "=", "proposal.id").where("proposal_code.scheme", "=", scheme).where("proposal_code.code", "=", code));

/** The proposals a view's filters select, withdrawn ones included, unordered; nothing for anyone who may not read every answer. */
function filtered(db: Db, user: CurrentUser, view: InboxView) {
  let query = db.selectFrom("proposal");
  if (!can(user, "response.readAll")) query = query.where(sql<boolean>`1 = 0`);
  if (view.consultation) query = query.where("proposal.consultation_id", "=", view.consultation);
  if (view.objective) query = query.where(coded("gcm_objective", view.objective));
  if (view.principle) query = query.where(coded("guiding_principle", view.principle));
  if (view.region) query = query.where("proposal.region_m49", "in", [view.region, ...subregionsOf(view.region)]);
  if (view.stakeholderType) query = query.where("proposal.stakeholder_type", "=", view.stakeholderType);
  if (view.language) query = query.where("proposal.language", "=", view.language);
  if (view.status) query = query.where("proposal.status", "=", view.status);
  if (view.attribution) query = query.where("proposal.attribution", "=", view.attribution);
  const tag = view.tag;
  if (tag) query = query.where((eb) => eb.exists(eb.selectFrom("proposal_tag").select(sql`1`.as("one")).whereRef("proposal_tag.proposal_id", "=", "proposal.id").where("proposal_tag.tag", "=", tag)));
  const matched = view.q ? proposalsMatching(db, view.q) : null;
  // The search's matches lead to the proposals (a join), instead of each proposal being looked up among them.
  return matched ? query.innerJoin(matched, "matched.proposal_id", "proposal.id") : query;
}

type Filtered = ReturnType<typeof filtered>;

/** What a count-only proposal is sorted by: nothing, since its title is not shown; those come first. */
const TITLE_SORTED = sql<string>`case when proposal.attribution = 'aggregate_only' then '' else coalesce(proposal.title, proposal.summary) end`;

function ordering(db: Db, view: InboxView, language: Language): RawBuilder<unknown>[] {
  // Ties broken by id in the same direction, so that an index on (date, id) gives the order.
  switch (view.sort) {
    case "oldest":
      return [sql`proposal.created_at asc`, sql`proposal.id asc`];
    case "updated":
      return [sql`proposal.updated_at desc`, sql`proposal.id desc`];
    case "title":
      return [sql`${collated(db, TITLE_SORTED, language)} asc`, sql`proposal.id asc`];
    default:
      return [sql`proposal.created_at desc`, sql`proposal.id desc`];
  }
}

/** The fields of a view that narrow the proposals; the others only order and page them. */
const NARROWING = ["consultation", "objective", "principle", "region", "stakeholderType", "language", "status", "tag", "attribution", "q"] as const;

/** The condition on `withdrawn_at` of the proposals a view shows; null when it shows them all. */
function shownCondition(view: InboxView): "is" | "is not" | null {
  return view.withdrawn === "include" ? null : view.withdrawn === "only" ? "is not" : "is";
}

/** Whether a view shows a proposal read with its `withdrawn_at`. */
function isShown(view: InboxView, withdrawnAt: string | null): boolean {
  return view.withdrawn === "include" || (withdrawnAt === null) === (view.withdrawn === "exclude");
}

/** The proposals a view selects, current and withdrawn: two counts that each read a partial index alone. */
async function counts(query: Filtered): Promise<{ current: number; withdrawn: number }> {
  const count = async (withdrawn: boolean) => {
    const row = await query
      .where("proposal.withdrawn_at", withdrawn ? "is not" : "is", null)
      .select(sql<number>`count(*)`.as("count"))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  return { current: await count(false), withdrawn: await count(true) };
}

/** The ids of a page of a view, in order, and how many proposals the view selects. */
interface PageIds {
  ids: string[];
  current: number;
  withdrawn: number;
  offset: number;
}

const shownCount = (view: InboxView, current: number, withdrawn: number) => (view.withdrawn === "include" ? current + withdrawn : view.withdrawn === "only" ? withdrawn : current);

/**
 * Without filters: the counts from the partial indexes, then the page in the order of an index
 * where there is one (newest, oldest, last changed), reading no more rows than the page needs.
 */
async function indexedPage(db: Db, all: Filtered, view: InboxView, language: Language, pageSize: number): Promise<PageIds> {
  const { current, withdrawn } = await counts(all);
  const { offset } = paging(shownCount(view, current, withdrawn), view.page, pageSize);
  const condition = shownCondition(view);
  let query = (condition ? all.where("proposal.withdrawn_at", condition, null) : all).select("proposal.id");
  for (const term of ordering(db, view, language)) query = query.orderBy(term);
  const rows = await query.limit(pageSize).offset(offset).execute();
  return { ids: rows.map((row) => row.id), current, withdrawn, offset };
}

/**
 * With filters (a search above all): one pass over the proposals they select, counting current and
 * withdrawn ones with window functions while the page is sorted, so that a search runs once. The
 * view's own proposals are sorted first and the others dropped: the counts cover both.
 */
async function filteredPage(db: Db, all: Filtered, view: InboxView, language: Language, pageSize: number, offset: number): Promise<PageIds | null> {
  const condition = shownCondition(view);
  let query = all.select([
    "proposal.id",
    "proposal.withdrawn_at",
    sql<number>`sum(case when proposal.withdrawn_at is null then 1 else 0 end) over ()`.as("current_count"),
    sql<number>`sum(case when proposal.withdrawn_at is null then 0 else 1 end) over ()`.as("withdrawn_count"),
  ]);
  if (condition) query = query.orderBy(sql`case when proposal.withdrawn_at ${sql.raw(condition)} null then 0 else 1 end`);
  for (const term of ordering(db, view, language)) query = query.orderBy(term);
  const rows = await query.limit(pageSize).offset(offset).execute();
  const first = rows[0];
  // Past the last row: the caller counts, then asks for the last page.
  if (!first) return null;
  const shown = rows.filter((row) => isShown(view, row.withdrawn_at));
  return { ids: shown.map((row) => row.id), current: Number(first.current_count), withdrawn: Number(first.withdrawn_count), offset };
}

/**
 * By title where the database would compute a collation key for every row (SQLite): the titles
 * are read (their first 200 characters) and sorted here, in the order the key follows.
 */
async function pageByTitleInMemory(all: Filtered, view: InboxView, language: Language, pageSize: number): Promise<PageIds> {
  const rows = await all.select(["proposal.id", "proposal.withdrawn_at", sql<string>`substr(${TITLE_SORTED}, 1, 200)`.as("sorted_by")]).execute();
  const withdrawn = rows.filter((row) => row.withdrawn_at !== null).length;
  const current = rows.length - withdrawn;
  const shown = rows.filter((row) => isShown(view, row.withdrawn_at));
  const collator = new Intl.Collator(language);
  shown.sort((a, b) => collator.compare(a.sorted_by ?? "", b.sorted_by ?? "") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { offset } = paging(shown.length, view.page, pageSize);
  return { ids: shown.slice(offset, offset + pageSize).map((row) => row.id), current, withdrawn, offset };
}

async function pageIds(db: Db, user: CurrentUser, view: InboxView, language: Language, pageSize: number): Promise<PageIds> {
  const all = filtered(db, user, view);
  if (view.sort === "title" && collatesByKey(db)) return pageByTitleInMemory(all, view, language, pageSize);
  if (!NARROWING.some((field) => view[field] !== undefined)) return indexedPage(db, all, view, language, pageSize);
  const requested = (Math.max(1, view.page) - 1) * pageSize;
  const page = await filteredPage(db, all, view, language, pageSize, requested);
  if (!page) return requested === 0 ? { ids: [], current: 0, withdrawn: 0, offset: 0 } : lastPage(db, all, view, language, pageSize, await counts(all));
  return requested === 0 || requested < shownCount(view, page.current, page.withdrawn) ? page : lastPage(db, all, view, language, pageSize, page);
}

/** A page asked for past the last of a filtered view (an old link): the last one. */
async function lastPage(db: Db, all: Filtered, view: InboxView, language: Language, pageSize: number, counted: { current: number; withdrawn: number }): Promise<PageIds> {
  const shown = shownCount(view, counted.current, counted.withdrawn);
  const { offset } = paging(shown, view.page, pageSize);
  return (shown > 0 ? await filteredPage(db, all, view, language, pageSize, offset) : null) ?? { ids: [], ...counted, offset: 0 };
}

/**
 * The rapporteurs' inbox: proposals of every consultation, filtered, searched, sorted and paged in
 * SQL. Each row honours its author's attribution: a count-only proposal comes without any text, a
 * non-attributable one without its organisation.
 */
export async function listInbox(db: Db, user: CurrentUser, view: InboxView, language: Language, pageSize = INBOX_PAGE_SIZE): Promise<InboxPage> {
  const { ids, current, withdrawn, offset } = await pageIds(db, user, view, language, pageSize);
  const total = shownCount(view, current, withdrawn);
  const { page, pageCount } = paging(total, Math.floor(offset / pageSize) + 1, pageSize);
  const found = ids.length
    ? await db
        .selectFrom("proposal")
        .leftJoin("consultation", "consultation.id", "proposal.consultation_id")
        .leftJoin("organisation", "organisation.id", "proposal.organisation_id")
        .select([
          "proposal.id",
          "proposal.kind",
          "proposal.consultation_id",
          "proposal.response_id",
          "proposal.title",
          "proposal.summary",
          "proposal.attribution",
          "proposal.organisation_id",
          "proposal.stakeholder_type",
          "proposal.region_m49",
          "proposal.language",
          "proposal.status",
          "proposal.withdrawn_at",
          "proposal.created_at",
          "consultation.title_en",
          "consultation.title_fr",
          "consultation.title_es",
          "organisation.type as organisation_type",
          "organisation.name as organisation_name",
          "organisation.country_code",
        ])
        .where("proposal.id", "in", ids)
        .execute()
    : [];
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const tags = rows.length
    ? await db.selectFrom("proposal_tag").select(["proposal_id", "tag"]).where("proposal_id", "in", ids).orderBy("tag").execute()
    : [];
  return {
    total,
    withdrawnHidden: view.withdrawn === "exclude" ? withdrawn : 0,
    page,
    pageCount,
    rows: rows.map((row) => {
      const text = quotable(row);
      const named = attributedTo(row) && row.organisation_type ? organisationName({ type: row.organisation_type, name: row.organisation_name, country_code: row.country_code }, language) : null;
      return {
        id: row.id,
        kind: row.kind,
        consultationId: row.consultation_id,
        consultationTitle: localized({ title_en: row.title_en ?? "", title_fr: row.title_fr ?? "", title_es: row.title_es ?? "" }, "title", language),
        responseId: row.response_id,
        title: text ? row.title : null,
        summary: text ? row.summary : null,
        countOnly: !text,
        organisation: named,
        stakeholderType: row.stakeholder_type,
        regionM49: row.region_m49,
        language: row.language,
        status: row.status,
        tags: tags.filter((tag) => tag.proposal_id === row.id).map((tag) => tag.tag),
        withdrawn: row.withdrawn_at !== null,
        createdAt: row.created_at,
      };
    }),
  };
}

/** The consultations that have proposals, titled in the reader's language: the consultation filter's choices. */
export async function inboxConsultations(db: Db, language: Language): Promise<{ id: string; title: string }[]> {
  const rows = await db
    .selectFrom("consultation")
    .select(["id", "title_en", "title_fr", "title_es", "opens_at"])
    .where((eb) => eb.exists(eb.selectFrom("proposal").select(sql`1`.as("one")).whereRef("proposal.consultation_id", "=", "consultation.id")))
    .orderBy("opens_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ id: row.id, title: localized(row, "title", language) }));
}
