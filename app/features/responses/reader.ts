import { sql, type RawBuilder } from "kysely";
import { collated } from "#db/collation.ts";
import type { Db } from "#db/connect.ts";
import { ATTRIBUTIONS, type Attribution, type Consultation, type ResponseRow } from "#db/schema.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { parseCalendarDay } from "#app/features/dates.ts";
import { isId } from "#app/features/ids.ts";
import { oneOf, pageParam, paging } from "#app/features/lists/paging.ts";
import { m49Areas, subregionsOf } from "#app/features/organisations/countries.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { stateNamesTable } from "#app/features/organisations/state-names.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";
import { genevaLocalToIso } from "#app/i18n/time-zone.ts";

export const ANSWER_SORTS = ["name", "submitted"] as const;
export type AnswerSort = (typeof ANSWER_SORTS)[number];
export const ANSWERS_PAGE_SIZE = 25;
/** The filters of the list, as named in its address. */
export const ANSWER_FILTERS = ["region", "type", "organisation", "attribution", "language", "from", "to"] as const;
export type AnswerFilter = (typeof ANSWER_FILTERS)[number];

export interface AnswersView {
  /** An M49 area: answers of organisations in it or in any area under it. */
  region?: string;
  type?: string;
  organisation?: string;
  attribution?: Attribution;
  language?: Language;
  /** Calendar days (`YYYY-MM-DD`, Geneva time), both included. */
  from?: string;
  to?: string;
  sort: AnswerSort;
  descending: boolean;
  /** From 1. */
  page: number;
}

/** A filter the address gives a value it cannot take; `range` is a "from" after the "to". */
export type ViewProblem = AnswerFilter | "range";

/**
 * The view a list's address asks for, and the filters whose values cannot be used (an unknown
 * region, 30 February): those are named to the reader rather than silently widened to "all".
 * Sort, order and page fall back to their defaults, as they never narrow what is shown.
 */
export function answersViewOf(params: URLSearchParams, audience: readonly string[]): { view: AnswersView; problems: ViewProblem[] } {
  const problems: ViewProblem[] = [];
  const pick = <T extends string>(name: AnswerFilter, accept: (value: string) => T | undefined): T | undefined => {
    const value = (params.get(name) ?? "").trim();
    if (!value) return undefined;
    const accepted = accept(value);
    if (accepted === undefined) problems.push(name);
    return accepted;
  };
  const day = (value: string) => (parseCalendarDay(value) ? value : undefined);
  const view: AnswersView = {
    region: pick("region", (value) => oneOf(m49Areas(), value)),
    type: pick("type", (value) => oneOf(audience, value)),
    organisation: pick("organisation", (value) => (isId(value) ? value : undefined)),
    attribution: pick("attribution", (value) => oneOf(ATTRIBUTIONS, value)),
    language: pick("language", (value) => oneOf(LANGUAGES, value)),
    from: pick("from", day),
    to: pick("to", day),
    sort: oneOf(ANSWER_SORTS, params.get("sort")) ?? "name",
    descending: params.get("order") === "desc",
    page: pageParam(params),
  };
  if (view.from && view.to && view.from > view.to) problems.push("range");
  return { view, problems };
}

/** The address parameters of a view, without its defaults: for links that keep it. */
export function answersViewParams(view: AnswersView): Record<string, string | undefined> {
  return {
    region: view.region,
    type: view.type,
    organisation: view.organisation,
    attribution: view.attribution,
    language: view.language,
    from: view.from,
    to: view.to,
    sort: view.sort === "name" ? undefined : view.sort,
    order: view.descending ? "desc" : undefined,
  };
}

export interface AnswerListRow {
  responseId: string;
  organisationId: string;
  organisation: string;
  type: string;
  regionM49: string | null;
  attribution: Attribution | null;
  language: string | null;
  reference: string | null;
  submittedAt: string | null;
  /** Reopened for an amendment not yet submitted: the last submission is what is shown. */
  amending: boolean;
}

export interface AnswersPage {
  rows: AnswerListRow[];
  /** Answers that match the view, on every page. */
  total: number;
  page: number;
  pageCount: number;
}

/** The day after a calendar day, `YYYY-MM-DD`. */
function nextDay(day: string): string {
  const date = parseCalendarDay(day) ?? new Date(0);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The filters of a view, without its order and page: what an export of the answers takes. */
export type AnswersFilters = Omit<AnswersView, "sort" | "descending" | "page">;

/**
 * The submitted answers of a consultation that filters select, with their organisations,
 * unordered; nothing for anyone who may not read them all.
 */
export function filteredAnswers(db: Db, user: CurrentUser, consultation: Consultation, view: AnswersFilters) {
  let query = db
    .selectFrom("response")
    .innerJoin("organisation", "organisation.id", "response.organisation_id")
    .where("response.consultation_id", "=", consultation.id)
    // An answer being amended counts as last submitted: submitted_data, never the working copy.
    .where("response.status", "in", ["submitted", "amending"])
    .where("response.submitted_data", "is not", null);
  if (!can(user, "response.readAll")) query = query.where(sql<boolean>`1 = 0`);
  if (view.region) query = query.where("organisation.region_m49", "in", [view.region, ...subregionsOf(view.region)]);
  if (view.type) query = query.where("organisation.type", "=", view.type);
  if (view.organisation) query = query.where("organisation.id", "=", view.organisation);
  if (view.attribution) query = query.where("response.attribution", "=", view.attribution);
  if (view.language) query = query.where("response.language", "=", view.language);
  // Days are the meeting's, in Geneva time, as every date the app shows.
  const from = view.from ? genevaLocalToIso(`${view.from}T00:00`) : null;
  const until = view.to ? genevaLocalToIso(`${nextDay(view.to)}T00:00`) : null;
  if (from) query = query.where("response.submitted_at", ">=", from);
  if (until) query = query.where("response.submitted_at", "<", until);
  return query;
}

/** The answers a view selects, with the States' names in the reader's language to sort by. */
function selected(db: Db, user: CurrentUser, consultation: Consultation, view: AnswersView, language: Language) {
  return filteredAnswers(db, user, consultation, view).leftJoin(stateNamesTable(language), (join) =>
    join.onRef("state_name.code", "=", "organisation.country_code").on("organisation.type", "=", "state"),
  );
}

/** The order of a view, as ORDER BY terms: names by the reader's collation, ties by id so that pages never overlap. */
function ordering(db: Db, view: AnswersView, language: Language): RawBuilder<unknown>[] {
  const direction = sql.raw(view.descending ? "desc" : "asc");
  const byName = collated(db, sql<string>`coalesce(state_name.name, organisation.name, '')`, language);
  const byId = sql`response.id`;
  if (view.sort === "submitted") return [sql`response.submitted_at ${direction}`, sql`${byName} asc`, byId];
  return [sql`${byName} ${direction}`, byId];
}

/**
 * The submitted answers of a consultation, for the rapporteurs and the secretariat: filtered,
 * sorted and paged in SQL, each with its organisation named in the reader's language.
 */
export async function listSubmittedAnswers(db: Db, user: CurrentUser, consultation: Consultation, view: AnswersView, language: Language, pageSize = ANSWERS_PAGE_SIZE): Promise<AnswersPage> {
  const query = selected(db, user, consultation, view, language);
  const counted = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const { page, pageCount, offset } = paging(total, view.page, pageSize);
  let ordered = query.select([
    "response.id as responseId",
    "response.attribution",
    "response.language",
    "response.reference",
    "response.submitted_at",
    "response.status",
    "organisation.id",
    "organisation.type",
    "organisation.name",
    "organisation.country_code",
    "organisation.region_m49",
  ]);
  for (const term of ordering(db, view, language)) ordered = ordered.orderBy(term);
  const rows = await ordered.limit(pageSize).offset(offset).execute();
  return {
    total,
    page,
    pageCount,
    rows: rows.map((row) => ({
      responseId: row.responseId,
      organisationId: row.id,
      organisation: organisationName(row, language),
      type: row.type,
      regionM49: row.region_m49,
      attribution: row.attribution,
      language: row.language,
      reference: row.reference,
      submittedAt: row.submitted_at,
      amending: row.status === "amending",
    })),
  };
}

/** The answers just before and after one in a view's order, to read them one after another. */
export async function neighbourAnswers(
  db: Db,
  user: CurrentUser,
  consultation: Consultation,
  view: AnswersView,
  language: Language,
  responseId: string,
): Promise<{ previous: string | null; next: string | null }> {
  const ranked = selected(db, user, consultation, view, language)
    .select(["response.id as id", sql<number>`row_number() over (order by ${sql.join(ordering(db, view, language))})`.as("position")])
    .as("ranked");
  const current = await db.selectFrom(ranked).select("position").where("id", "=", responseId).executeTakeFirst();
  if (!current) return { previous: null, next: null };
  const position = Number(current.position);
  const around = await db
    .selectFrom(ranked)
    .select(["id", "position"])
    .where("position", "in", [position - 1, position + 1])
    .execute();
  const at = (wanted: number) => around.find((row) => Number(row.position) === wanted)?.id ?? null;
  return { previous: at(position - 1), next: at(position + 1) };
}

/** The organisations that have submitted an answer to a consultation, named and sorted in the reader's language: the organisation filter's choices. */
export async function answeringOrganisations(db: Db, user: CurrentUser, consultation: Consultation, language: Language): Promise<{ id: string; name: string }[]> {
  const rows = await selected(db, user, consultation, { sort: "name", descending: false, page: 1 }, language)
    .select(["organisation.id", "organisation.type", "organisation.name", "organisation.country_code"])
    .orderBy(collated(db, sql<string>`coalesce(state_name.name, organisation.name, '')`, language))
    .orderBy("organisation.id")
    .execute();
  return rows.map((row) => ({ id: row.id, name: organisationName(row, language) }));
}

/** One submitted answer of a consultation, for someone who may read them all; undefined otherwise, or for a draft. */
export async function getSubmittedAnswer(db: Db, user: CurrentUser, consultationId: string, responseId: string): Promise<ResponseRow | undefined> {
  if (!can(user, "response.readAll")) return undefined;
  return db
    .selectFrom("response")
    .selectAll()
    .where("id", "=", responseId)
    .where("consultation_id", "=", consultationId)
    .where("status", "in", ["submitted", "amending"])
    .where("submitted_data", "is not", null)
    .executeTakeFirst();
}
