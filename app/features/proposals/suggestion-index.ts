import type { Db } from "#db/connect.ts";
import { isLanguage } from "#app/i18n/languages.ts";
import { PIVOT_LANGUAGE, SimilarityIndex, type SimilarityProposal } from "./similarity/similar.ts";

/**
 * One similarity index per meeting and process (docs/decisions/0023-duplicates-and-merging.md):
 * built once from the meeting's active proposals, then brought up to date before each question by
 * a cheap check of the proposal rows (how many, the latest change, the latest translation, the
 * objectives coded), re-reading only the rows that changed. Other processes' writes show up the
 * same way, since the check reads the database.
 */

/**
 * What the check reads. The latest dates come from indexes at the cost of a lookup; the counts,
 * which see a row or a code deleted without any date moving, cost a scan of an index, so they are
 * read when a date moved and otherwise at most every `recountAfterMs`.
 */
interface Stamp {
  updated: string | null;
  translated: string | null;
  coded: string | null;
  rows: number;
  codes: number;
}
interface Known {
  active: boolean;
  translated: boolean;
  language: string | null;
  /** The row's dates and objectives when indexed: a row read again unchanged is not indexed again. */
  version: string;
}

export interface MeetingIndex {
  index: SimilarityIndex;
  known: Map<string, Known>;
  /** Active proposals still waiting for their Spanish text: counted on every question, so kept rather than counted. */
  untranslated: Set<string>;
  stamp: Stamp;
  countedAt: number;
}

/** How long the counts may go unread while no date moves: how late a deleted code can be seen. */
export const RECOUNT_AFTER_MS = 5_000;

const OBJECTIVE_SCHEME = "gcm_objective";
/** Rows indexed between two turns of the event loop: a first build of 50,000 does not hold up other requests. */
const BUILD_SLICE = 500;

function meetingConsultations(db: Db, meetingId: string) {
  return db.selectFrom("consultation").select("consultation.id").where("consultation.meeting_id", "=", meetingId);
}

async function consultationsOf(db: Db, meetingId: string): Promise<string[]> {
  return (await meetingConsultations(db, meetingId).execute()).map((row) => row.id);
}

/** The latest change, translation and objective coded: one index lookup each (per consultation). */
async function latestOf(db: Db, consultations: readonly string[]): Promise<Pick<Stamp, "updated" | "translated" | "coded">> {
  let updated: string | null = null;
  let translated: string | null = null;
  const later = (a: string | null, b: string | null | undefined) => (b != null && (a === null || b > a) ? b : a);
  for (const id of consultations) {
    const row = await db.selectFrom("proposal").select((eb) => eb.fn.max("updated_at").as("at")).where("consultation_id", "=", id).executeTakeFirst();
    const translation = await db.selectFrom("proposal").select((eb) => eb.fn.max("translated_at").as("at")).where("consultation_id", "=", id).executeTakeFirst();
    updated = later(updated, row?.at);
    translated = later(translated, translation?.at);
  }
  // Objectives coded in any meeting: a change elsewhere costs one needless look, and the lookup stays on an index.
  const code = await db.selectFrom("proposal_code").select((eb) => eb.fn.max("created_at").as("at")).where("scheme", "=", OBJECTIVE_SCHEME).executeTakeFirst();
  return { updated, translated, coded: code?.at ?? null };
}

async function countsOf(db: Db, consultations: readonly string[]): Promise<Pick<Stamp, "rows" | "codes">> {
  if (consultations.length === 0) return { rows: 0, codes: 0 };
  const rows = await db.selectFrom("proposal").select((eb) => eb.fn.countAll<number | string>().as("n")).where("consultation_id", "in", [...consultations]).executeTakeFirstOrThrow();
  const codes = await db.selectFrom("proposal_code").select((eb) => eb.fn.countAll<number | string>().as("n")).where("scheme", "=", OBJECTIVE_SCHEME).executeTakeFirstOrThrow();
  return { rows: Number(rows.n), codes: Number(codes.n) };
}

async function stampOf(db: Db, meetingId: string): Promise<Stamp> {
  const consultations = await consultationsOf(db, meetingId);
  return { ...(await latestOf(db, consultations)), ...(await countsOf(db, consultations)) };
}

type Latest = Pick<Stamp, "updated" | "translated" | "coded">;
const sameLatest = (a: Latest, b: Latest) => a.updated === b.updated && a.translated === b.translated && a.coded === b.coded;

/** A GCM objective's number from its code ("gcm-07" is 7). */
export function objectiveNumber(code: string): number | null {
  const match = /^gcm-(\d{1,2})$/.exec(code);
  return match ? Number(match[1]) : null;
}

/** The partners an author named, one by one: they write them as a list separated by commas, semicolons or lines. */
export function partnersOf(text: string | null): string[] {
  return (text ?? "")
    .split(/[,;\n]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Lists of ids short enough for one query's parameters on either database. */
function chunksOf(ids: readonly string[], size = 5_000): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}

type Filter = { ids: string[] } | { changedSince: Pick<Stamp, "updated" | "translated"> } | "all";

/** The meeting's proposals as the engine reads them, with their objectives (the author's and the rapporteurs' codes). */
async function rowsOf(db: Db, meetingId: string, filter: Filter) {
  let query = db
    .selectFrom("proposal")
    .select(["id", "language", "title", "summary", "organisation_id", "partners_named", "pivot_text", "withdrawn_at", "merged_into_id", "updated_at", "translated_at"])
    .where("consultation_id", "in", meetingConsultations(db, meetingId));
  if (filter !== "all" && "ids" in filter) query = query.where("id", "in", filter.ids);
  if (filter !== "all" && "changedSince" in filter) {
    const { updated, translated } = filter.changedSince;
    // ">=": a row written in the same millisecond as the last one seen is read again, never missed.
    query = query.where((eb) => eb.or([eb("updated_at", ">=", updated ?? ""), eb("translated_at", ">=", translated ?? "")]));
  }
  const rows = await query.execute();
  const objectives = await objectivesOf(db, meetingId, filter === "all" ? "all" : rows.map((row) => row.id));
  return rows.map((row) => ({ row, objectives: objectives.get(row.id) ?? [] }));
}

/** The objectives coded on proposals (the author's and the rapporteurs'), by proposal, in order. */
async function objectivesOf(db: Db, meetingId: string, ids: string[] | "all"): Promise<Map<string, number[]>> {
  const codes = db.selectFrom("proposal_code").select(["proposal_id", "code"]).where("scheme", "=", OBJECTIVE_SCHEME);
  const batches =
    ids === "all"
      ? [codes.where("proposal_id", "in", db.selectFrom("proposal").select("id").where("consultation_id", "in", meetingConsultations(db, meetingId)))]
      : chunksOf(ids).map((chunk) => codes.where("proposal_id", "in", chunk));
  const objectives = new Map<string, Set<number>>();
  for (const batch of batches) {
    for (const code of await batch.execute()) {
      const number = objectiveNumber(code.code);
      if (number === null) continue;
      const known = objectives.get(code.proposal_id) ?? new Set<number>();
      objectives.set(code.proposal_id, known.add(number));
    }
  }
  return new Map([...objectives].map(([id, numbers]) => [id, [...numbers].sort((a, b) => a - b)]));
}

const versionOf = (row: { updated_at: string; translated_at: string | null }, objectives: readonly number[]) => `${row.updated_at}|${row.translated_at ?? ""}|${objectives.join(",")}`;

type Row = Awaited<ReturnType<typeof rowsOf>>[number];

function put(state: MeetingIndex, { row, objectives }: Row): void {
  const version = versionOf(row, objectives);
  if (state.known.get(row.id)?.version === version) return;
  // Withdrawn and merged-away proposals are never suggested, nor compared.
  const active = row.withdrawn_at === null && row.merged_into_id === null && isLanguage(row.language);
  state.known.set(row.id, { active, translated: row.pivot_text !== null, language: row.language, version });
  if (active && row.language !== PIVOT_LANGUAGE && row.pivot_text === null) state.untranslated.add(row.id);
  else state.untranslated.delete(row.id);
  if (!active || !isLanguage(row.language)) {
    state.index.remove(row.id);
    return;
  }
  const proposal: SimilarityProposal = {
    id: row.id,
    language: row.language,
    title: row.title ?? "",
    summary: row.summary,
    objectives,
    organisationId: row.organisation_id,
    partners: partnersOf(row.partners_named),
    pivotText: row.pivot_text,
  };
  state.index.add(proposal);
}

async function build(db: Db, meetingId: string): Promise<MeetingIndex> {
  const stamp = await stampOf(db, meetingId);
  const state: MeetingIndex = { index: new SimilarityIndex(), known: new Map(), untranslated: new Set(), stamp, countedAt: Date.now() };
  const rows = await rowsOf(db, meetingId, "all");
  for (let i = 0; i < rows.length; i++) {
    put(state, rows[i] as Row);
    if (i % BUILD_SLICE === BUILD_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return state;
}

/** Brings an index up to date with the rows written since its stamp, re-reading only what changed. */
async function refresh(db: Db, meetingId: string, state: MeetingIndex, stamp: Stamp): Promise<void> {
  const changed = await rowsOf(db, meetingId, { changedSince: state.stamp });
  for (const row of changed) put(state, row);
  if (stamp.codes !== state.stamp.codes || stamp.coded !== state.stamp.coded) {
    // A code added or removed leaves its proposal's row as it was: compare the objectives themselves.
    const objectives = await objectivesOf(db, meetingId, "all");
    const recoded = [...state.known].filter(([id, known]) => !known.version.endsWith(`|${(objectives.get(id) ?? []).join(",")}`)).map(([id]) => id);
    for (const chunk of chunksOf(recoded)) for (const row of await rowsOf(db, meetingId, { ids: chunk })) put(state, row);
  }
  if (stamp.rows !== state.known.size) {
    // Rows deleted (an undone merge), or written with an earlier date than the last seen: compare the lists of ids.
    const present = new Set((await db.selectFrom("proposal").select("id").where("consultation_id", "in", meetingConsultations(db, meetingId)).execute()).map((row) => row.id));
    for (const id of [...state.known.keys()]) {
      if (present.has(id)) continue;
      state.known.delete(id);
      state.untranslated.delete(id);
      state.index.remove(id);
    }
    const missing = [...present].filter((id) => !state.known.has(id));
    for (const chunk of chunksOf(missing)) for (const row of await rowsOf(db, meetingId, { ids: chunk })) put(state, row);
  }
  state.stamp = stamp;
}

const indexes = new Map<string, Promise<MeetingIndex>>();

/**
 * The meeting's index, up to date with the database. Questions about one meeting take turns, so
 * that a build or a refresh runs once however many ask at the same time.
 */
export function meetingIndex(db: Db, meetingId: string, { recountAfterMs = RECOUNT_AFTER_MS }: { recountAfterMs?: number } = {}): Promise<MeetingIndex> {
  const previous = indexes.get(meetingId);
  const next = (async () => {
    const state = previous ? await previous.catch(() => undefined) : undefined;
    if (!state) return build(db, meetingId);
    const consultations = await consultationsOf(db, meetingId);
    const latest = await latestOf(db, consultations);
    if (sameLatest(latest, state.stamp) && Date.now() - state.countedAt < recountAfterMs) return state;
    const stamp = { ...latest, ...(await countsOf(db, consultations)) };
    state.countedAt = Date.now();
    if (!sameLatest(stamp, state.stamp) || stamp.rows !== state.stamp.rows || stamp.codes !== state.stamp.codes) await refresh(db, meetingId, state, stamp);
    return state;
  })();
  indexes.set(meetingId, next);
  // A failed build (the database was unavailable) is not kept: the next question builds again.
  next.catch(() => {
    if (indexes.get(meetingId) === next) indexes.delete(meetingId);
  });
  return next;
}
