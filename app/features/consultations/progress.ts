import { sql } from "kysely";
import { collated } from "#db/collation.ts";
import type { Db } from "#db/connect.ts";
import type { Consultation, Role } from "#db/schema.ts";
import { m49Areas, subregionsOf } from "#app/features/organisations/countries.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { stateNamesTable } from "#app/features/organisations/state-names.ts";
import { oneOf, pageParam, paging } from "#app/features/lists/paging.ts";
import { foldText } from "#app/features/text.ts";
import type { Language } from "#app/i18n/languages.ts";
import { audienceOf } from "./consultations.ts";

/** Where an organisation of the audience stands: amending is a submitted answer reopened for amendment. */
export const PROGRESS_STATES = ["not_started", "draft", "amending", "submitted"] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];
export const PROGRESS_SORTS = ["name", "state", "activity"] as const;
export type ProgressSort = (typeof PROGRESS_SORTS)[number];
export const PROGRESS_PAGE_SIZE = 50;

export interface ProgressView {
  state?: ProgressState;
  /** An M49 area: the organisations in it or in any area under it. */
  region?: string;
  type?: string;
  q?: string;
  sort: ProgressSort;
  descending: boolean;
  /** From 1. */
  page: number;
}

export interface ProgressPerson {
  name: string;
  email: string;
  role: Role;
}

export interface ProgressRow {
  organisationId: string;
  name: string;
  type: string;
  regionM49: string | null;
  state: ProgressState;
  lastActivity: string | null;
  people: ProgressPerson[];
}

export interface ProgressPage {
  rows: ProgressRow[];
  /** Organisations that match the view, on every page. */
  total: number;
  page: number;
  pageCount: number;
}

/**
 * The view a progress page's address asks for. Values it does not know (an old link, a forged
 * one) are dropped for the default, so that any address shows a page.
 */
export function progressViewOf(params: URLSearchParams, audience: readonly string[]): ProgressView {
  return {
    state: oneOf(PROGRESS_STATES, params.get("state")),
    region: oneOf(m49Areas(), params.get("region")),
    type: oneOf(audience, params.get("type")),
    q: (params.get("q") ?? "").trim().slice(0, 100) || undefined,
    sort: oneOf(PROGRESS_SORTS, params.get("sort")) ?? "name",
    descending: params.get("order") === "desc",
    page: pageParam(params),
  };
}

/** `%` and `_` typed in a search are letters, not LIKE's wildcards. */
function containing(text: string): string {
  return `%${text.replace(/[!%_]/g, (char) => `!${char}`)}%`;
}

/**
 * The organisations of a consultation's audience with where each stands, the last time its
 * answer changed and its people: filtered, sorted and paged in SQL, for the secretariat to see
 * whom to chase. States are named in the reader's language and every name sorts by its collation.
 */
export async function listProgress(db: Db, consultation: Consultation, view: ProgressView, language: Language): Promise<ProgressPage> {
  const audience = audienceOf(consultation);
  const types = view.type ? audience.filter((type) => type === view.type) : audience;
  if (types.length === 0) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const name = sql<string>`coalesce(state_name.name, organisation.name, '')`;
  const state = sql<ProgressState>`coalesce(response.status, 'not_started')`;
  let query = db
    .selectFrom("organisation")
    .leftJoin("response", (join) => join.onRef("response.organisation_id", "=", "organisation.id").on("response.consultation_id", "=", consultation.id))
    .leftJoin(stateNamesTable(language), (join) => join.onRef("state_name.code", "=", "organisation.country_code").on("organisation.type", "=", "state"))
    .where("organisation.type", "in", types);
  if (view.state) query = query.where(state, "=", view.state);
  if (view.region) query = query.where("organisation.region_m49", "in", [view.region, ...subregionsOf(view.region)]);
  const needle = view.q ? foldText(view.q) : "";
  if (needle) query = query.where(sql<boolean>`coalesce(state_name.name_key, organisation.name_key, '') like ${containing(needle)} escape '!'`);

  const counted = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const { page, pageCount, offset } = paging(total, view.page, PROGRESS_PAGE_SIZE);
  const direction = view.descending ? "desc" : "asc";
  const byName = collated(db, name, language);
  let ordered = query.select(["organisation.id", "organisation.type", "organisation.name", "organisation.country_code", "organisation.region_m49", "response.updated_at"]).select(state.as("state"));
  if (view.sort === "state") {
    const rank = sql`case ${state} when 'not_started' then 0 when 'draft' then 1 when 'amending' then 2 else 3 end`;
    ordered = ordered.orderBy(rank, direction).orderBy(byName);
  } else if (view.sort === "activity") {
    // Organisations that never answered come last either way (SQLite and PostgreSQL place nulls differently).
    ordered = ordered
      .orderBy(sql`case when response.updated_at is null then 1 else 0 end`)
      .orderBy("response.updated_at", direction)
      .orderBy(byName);
  } else ordered = ordered.orderBy(byName, direction);
  const rows = await ordered
    .orderBy("organisation.id")
    .limit(PROGRESS_PAGE_SIZE)
    .offset(offset)
    .execute();
  const people = await peopleOf(
    db,
    rows.map((row) => row.id),
    language,
  );
  return {
    total,
    page,
    pageCount,
    rows: rows.map((row) => ({
      organisationId: row.id,
      name: organisationName(row, language),
      type: row.type,
      regionM49: row.region_m49,
      state: row.state,
      lastActivity: row.updated_at,
      people: people.get(row.id) ?? [],
    })),
  };
}

/** The people who can act for each organisation: active accounts only, by name. */
async function peopleOf(db: Db, organisationIds: string[], language: Language): Promise<Map<string, ProgressPerson[]>> {
  const byOrganisation = new Map<string, ProgressPerson[]>();
  if (organisationIds.length === 0) return byOrganisation;
  const rows = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["membership.organisation_id", "user.name", "user.email", "membership.role"])
    .where("membership.organisation_id", "in", organisationIds)
    .where("user.disabled_at", "is", null)
    .orderBy(collated(db, sql.ref("user.name"), language))
    .orderBy("user.email")
    .execute();
  for (const row of rows) {
    const list = byOrganisation.get(row.organisation_id) ?? [];
    list.push({ name: row.name, email: row.email, role: row.role });
    byOrganisation.set(row.organisation_id, list);
  }
  return byOrganisation;
}
