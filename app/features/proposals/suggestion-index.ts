import type { Db } from "#db/connect.ts";
import { isLanguage } from "#app/i18n/languages.ts";
import { SimilarityIndex, type SimilarityProposal } from "./similarity/similar.ts";

/**
 * One similarity index per meeting and process (docs/decisions/0023-duplicates-and-merging.md):
 * built once from the meeting's active proposals, then brought up to date before each question by
 * a cheap check of the proposal rows (how many, the latest change, the latest translation, the
 * objectives coded), re-reading only the rows that changed. Other processes' writes show up the
 * same way, since the check reads the database.
 */

/** What the check reads: any write that matters to suggestions changes one of these. */
interface Stamp {
  rows: number;
  updated: string | null;
  translated: string | null;
  codes: number;
  coded: string | null;
}

/** What the index knows of each proposal it holds (or left out), to tell what changed. */
interface Known {
  active: boolean;
  translated: boolean;
  language: string | null;
}

export interface MeetingIndex {
  index: SimilarityIndex;
  known: Map<string, Known>;
  stamp: Stamp;
}

const OBJECTIVE_SCHEME = "gcm_objective";
/** Rows indexed between two turns of the event loop: a first build of 50,000 does not hold up other requests. */
const BUILD_SLICE = 500;

function meetingConsultations(db: Db, meetingId: string) {
  return db.selectFrom("consultation").select("consultation.id").where("consultation.meeting_id", "=", meetingId);
}

async function stampOf(db: Db, meetingId: string): Promise<Stamp> {
  const rows = await db
    .selectFrom("proposal")
    .select((eb) => [eb.fn.countAll<number | string>().as("rows"), eb.fn.max("updated_at").as("updated"), eb.fn.max("translated_at").as("translated")])
    .where("consultation_id", "in", meetingConsultations(db, meetingId))
    .executeTakeFirstOrThrow();
  const codes = await db
    .selectFrom("proposal_code")
    .innerJoin("proposal", "proposal.id", "proposal_code.proposal_id")
    .select((eb) => [eb.fn.countAll<number | string>().as("codes"), eb.fn.max("proposal_code.created_at").as("coded")])
    .where("proposal_code.scheme", "=", OBJECTIVE_SCHEME)
    .where("proposal.consultation_id", "in", meetingConsultations(db, meetingId))
    .executeTakeFirstOrThrow();
  return { rows: Number(rows.rows), updated: rows.updated ?? null, translated: rows.translated ?? null, codes: Number(codes.codes), coded: codes.coded ?? null };
}

const sameStamp = (a: Stamp, b: Stamp) => a.rows === b.rows && a.updated === b.updated && a.translated === b.translated && a.codes === b.codes && a.coded === b.coded;

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
    .select(["id", "language", "title", "summary", "organisation_id", "partners_named", "pivot_text", "withdrawn_at", "merged_into_id"])
    .where("consultation_id", "in", meetingConsultations(db, meetingId));
  if (filter !== "all" && "ids" in filter) query = query.where("id", "in", filter.ids);
  if (filter !== "all" && "changedSince" in filter) {
    const { updated, translated } = filter.changedSince;
    // ">=": a row written in the same millisecond as the last one seen is read again, never missed.
    query = query.where((eb) => eb.or([eb("updated_at", ">=", updated ?? ""), eb("translated_at", ">=", translated ?? "")]));
  }
  const rows = await query.execute();
  const objectives = new Map<string, number[]>();
  const codes = db.selectFrom("proposal_code").select(["proposal_id", "code"]).where("scheme", "=", OBJECTIVE_SCHEME);
  const batches =
    filter === "all"
      ? [codes.where("proposal_id", "in", db.selectFrom("proposal").select("id").where("consultation_id", "in", meetingConsultations(db, meetingId)))]
      : chunksOf(rows.map((row) => row.id)).map((ids) => codes.where("proposal_id", "in", ids));
  for (const batch of batches) {
    for (const code of await batch.execute()) {
      const number = objectiveNumber(code.code);
      if (number !== null) objectives.set(code.proposal_id, [...(objectives.get(code.proposal_id) ?? []), number]);
    }
  }
  return rows.map((row) => ({ row, objectives: [...new Set(objectives.get(row.id) ?? [])] }));
}

type Row = Awaited<ReturnType<typeof rowsOf>>[number];

function put(state: MeetingIndex, { row, objectives }: Row): void {
  // Withdrawn and merged-away proposals are never suggested, nor compared.
  const active = row.withdrawn_at === null && row.merged_into_id === null && isLanguage(row.language);
  state.known.set(row.id, { active, translated: row.pivot_text !== null, language: row.language });
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
  const state: MeetingIndex = { index: new SimilarityIndex(), known: new Map(), stamp };
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
    // A code added or removed does not change its proposal's row: the codes since the last one seen, or all when one went.
    const coded = db.selectFrom("proposal_code").select("proposal_id").distinct().where("scheme", "=", OBJECTIVE_SCHEME);
    const recoded =
      stamp.codes > state.stamp.codes
        ? await coded.where("created_at", ">=", state.stamp.coded ?? "").execute()
        : await coded.where("proposal_id", "in", db.selectFrom("proposal").select("id").where("consultation_id", "in", meetingConsultations(db, meetingId))).execute();
    const ids = [...new Set(recoded.map((row) => row.proposal_id))].filter((id) => state.known.has(id));
    for (const chunk of chunksOf(ids)) for (const row of await rowsOf(db, meetingId, { ids: chunk })) put(state, row);
  }
  if (stamp.rows !== state.known.size) {
    // Rows deleted (an undone merge), or written with an earlier date than the last seen: compare the lists of ids.
    const present = new Set((await db.selectFrom("proposal").select("id").where("consultation_id", "in", meetingConsultations(db, meetingId)).execute()).map((row) => row.id));
    for (const id of [...state.known.keys()]) {
      if (present.has(id)) continue;
      state.known.delete(id);
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
export function meetingIndex(db: Db, meetingId: string): Promise<MeetingIndex> {
  const previous = indexes.get(meetingId);
  const next = (async () => {
    const state = previous ? await previous.catch(() => undefined) : undefined;
    if (!state) return build(db, meetingId);
    const stamp = await stampOf(db, meetingId);
    if (!sameStamp(stamp, state.stamp)) await refresh(db, meetingId, state, stamp);
    return state;
  })();
  indexes.set(meetingId, next);
  // A failed build (the database was unavailable) is not kept: the next question builds again.
  next.catch(() => {
    if (indexes.get(meetingId) === next) indexes.delete(meetingId);
  });
  return next;
}
