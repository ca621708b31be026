import type { Db } from "#db/connect.ts";
import type { Proposal, ProposalStatus } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { enqueueJob } from "#app/features/jobs/jobs.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { hasUnsafeCharacters } from "#app/features/text.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import { quotable } from "./attribution.ts";
import { NO_ENTRY_DETAILS } from "./rows.ts";
import { MERGED_SUMMARY_MAX_LENGTH, MERGED_TITLE_MAX_LENGTH } from "./merge-limits.ts";
import { PIVOT_LANGUAGE } from "./similarity/similar.ts";
import { TRANSLATE_JOB } from "./translations.ts";

/**
 * Merging duplicates (docs/decisions/0023-duplicates-and-merging.md): a rapporteur folds two or
 * more proposals of one meeting into a new proposal of kind "merged", written by them; the
 * sources stay, marked merged, pointing to it, with the status they had kept aside so that undoing
 * the merge gives it back exactly. A merged proposal may itself be merged further; a merge is
 * undone only while its proposal has not been.
 */


export interface MergeActor {
  id: string;
}

interface Context {
  ip: string | null;
  now?: Date;
}

export interface MergeInput {
  proposalIds: readonly string[];
  title: string;
  summary: string;
  /** The language the rapporteur wrote in; the first source's when not given. */
  language?: Language;
}

export type MergeTextProblem = { field: "title" | "summary"; problem: "empty" | "too-long" | "unsafe-characters" };

/** Why a merge was refused: each has its own message, and nothing is changed. */
export type MergeRefusal =
  | { reason: "too-few" }
  | { reason: "not-found"; ids: string[] }
  | { reason: "withdrawn"; ids: string[] }
  | { reason: "already-merged"; ids: string[] }
  | { reason: "other-meeting" }
  | { reason: "invalid"; problems: MergeTextProblem[] };

export type MergeResult = { ok: true; id: string } | ({ ok: false } & MergeRefusal);

export type UndoResult = { ok: true; sources: string[] } | { ok: false; reason: "not-found" | "not-merged" | "merged-further" };

function textProblems(input: Pick<MergeInput, "title" | "summary">): MergeTextProblem[] {
  const problems: MergeTextProblem[] = [];
  const check = (field: MergeTextProblem["field"], text: string, max: number, multiline: boolean) => {
    const trimmed = text.trim();
    if (!trimmed) problems.push({ field, problem: "empty" });
    else if (trimmed.length > max) problems.push({ field, problem: "too-long" });
    else if (hasUnsafeCharacters(trimmed, { multiline })) problems.push({ field, problem: "unsafe-characters" });
  };
  check("title", input.title, MERGED_TITLE_MAX_LENGTH, false);
  check("summary", input.summary, MERGED_SUMMARY_MAX_LENGTH, true);
  return problems;
}

async function sourcesOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("proposal")
    .innerJoin("consultation", "consultation.id", "proposal.consultation_id")
    .selectAll("proposal")
    .select("consultation.meeting_id")
    .where("proposal.id", "in", [...ids])
    .execute();
}

/** The refusal a set of sources earns, if any, checked inside the merge's transaction. */
function refusalOf(ids: readonly string[], rows: Awaited<ReturnType<typeof sourcesOf>>): MergeRefusal | null {
  const missing = ids.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) return { reason: "not-found", ids: missing };
  const withdrawn = rows.filter((row) => row.withdrawn_at !== null).map((row) => row.id);
  if (withdrawn.length > 0) return { reason: "withdrawn", ids: withdrawn };
  const merged = rows.filter((row) => row.merged_into_id !== null || row.status === "merged").map((row) => row.id);
  if (merged.length > 0) return { reason: "already-merged", ids: merged };
  if (new Set(rows.map((row) => row.meeting_id)).size > 1) return { reason: "other-meeting" };
  return null;
}

const statusOf = (row: Pick<Proposal, "status" | "status_reason" | "merged_into_id">) => ({ status: row.status, status_reason: row.status_reason, merged_into_id: row.merged_into_id });

/**
 * Merges two or more proposals of one meeting into a new one, in one transaction: the new
 * proposal (in the first source's consultation, with every code of the sources as the
 * rapporteurs'), the sources marked merged, an audit event for each.
 */
export async function mergeProposals(db: Db, actor: MergeActor, input: MergeInput, context: Context): Promise<MergeResult> {
  const ids = [...new Set(input.proposalIds)];
  if (ids.length < 2) return { ok: false, reason: "too-few" };
  const problems = textProblems(input);
  if (problems.length > 0) return { ok: false, reason: "invalid", problems };
  const stamp = isoNow(context.now);
  return db.transaction().execute(async (trx): Promise<MergeResult> => {
    const rows = await sourcesOf(trx, ids);
    const refusal = refusalOf(ids, rows);
    if (refusal) return { ok: false, ...refusal };
    const sources = ids.map((id) => rows.find((row) => row.id === id) as (typeof rows)[number]);
    const first = sources[0] as (typeof sources)[number];
    const language = input.language ?? (isLanguage(first.language) ? first.language : null);
    const id = newId();
    const merged = {
      id,
      consultation_id: first.consultation_id,
      response_id: null,
      item_id: null,
      question: null,
      position: null,
      kind: "merged" as const,
      organisation_id: null,
      stakeholder_type: null,
      region_m49: null,
      language,
      title: input.title.trim(),
      summary: input.summary.trim(),
      partners_named: null,
      ...NO_ENTRY_DETAILS,
      // Written by the rapporteurs: quotable, and published only if they decide so later.
      attribution: null,
      consent_to_publish: 0,
      status: "received" as const,
      status_reason: null,
      merged_into_id: null,
      status_before_merge: null,
      status_reason_before_merge: null,
      withdrawn_at: null,
      pivot_text: null,
      translated_at: null,
      created_at: stamp,
      updated_at: stamp,
    };
    await trx.insertInto("proposal").values(merged).execute();
    const codes = await trx.selectFrom("proposal_code").select(["scheme", "code"]).distinct().where("proposal_id", "in", ids).orderBy("scheme").orderBy("code").execute();
    if (codes.length > 0) {
      await trx
        .insertInto("proposal_code")
        .values(codes.map((code) => ({ proposal_id: id, scheme: code.scheme, code: code.code, source: "rapporteur" as const, created_at: stamp, created_by: actor.id })))
        .execute();
    }
    for (const source of sources) {
      await trx
        .updateTable("proposal")
        .set({ status: "merged", status_reason: null, merged_into_id: id, status_before_merge: source.status, status_reason_before_merge: source.status_reason, updated_at: stamp })
        .where("id", "=", source.id)
        .execute();
      const after = { status: "merged", status_reason: null, merged_into_id: id };
      await recordAudit(trx, { action: "proposal.merged", actorUserId: actor.id, targetType: "proposal", targetId: source.id, ip: context.ip, now: context.now, detail: { before: statusOf(source), after } });
    }
    await recordAudit(trx, {
      action: "proposal.merge",
      actorUserId: actor.id,
      targetType: "proposal",
      targetId: id,
      ip: context.ip,
      now: context.now,
      detail: { before: null, after: { ...merged, codes }, sources: ids },
    });
    if (language !== null && language !== PIVOT_LANGUAGE) await enqueueJob(trx, { kind: TRANSLATE_JOB, payload: null, key: "untranslated", now: context.now });
    return { ok: true, id };
  });
}

/**
 * Undoes a merge, in one transaction: every source gets back the status and reason it had, the
 * merged proposal (and its codes) is removed, and the audit trail keeps what it was. A merged
 * proposal that was merged further is not undone before the later merge is.
 */
export async function undoMerge(db: Db, actor: MergeActor, mergedId: string, context: Context): Promise<UndoResult> {
  const stamp = isoNow(context.now);
  return db.transaction().execute(async (trx): Promise<UndoResult> => {
    const merged = await trx.selectFrom("proposal").selectAll().where("id", "=", mergedId).executeTakeFirst();
    if (!merged) return { ok: false, reason: "not-found" };
    if (merged.kind !== "merged") return { ok: false, reason: "not-merged" };
    if (merged.merged_into_id !== null) return { ok: false, reason: "merged-further" };
    const sources = await trx.selectFrom("proposal").selectAll().where("merged_into_id", "=", mergedId).orderBy("id").execute();
    const codes = await trx.selectFrom("proposal_code").selectAll().where("proposal_id", "=", mergedId).execute();
    for (const source of sources) {
      const restored = { status: source.status_before_merge ?? ("received" as ProposalStatus), status_reason: source.status_reason_before_merge, merged_into_id: null };
      await trx
        .updateTable("proposal")
        .set({ ...restored, status_before_merge: null, status_reason_before_merge: null, updated_at: stamp })
        .where("id", "=", source.id)
        .execute();
      await recordAudit(trx, { action: "proposal.unmerged", actorUserId: actor.id, targetType: "proposal", targetId: source.id, ip: context.ip, now: context.now, detail: { before: statusOf(source), after: restored } });
    }
    await trx.deleteFrom("proposal_code").where("proposal_id", "=", mergedId).execute();
    await trx.deleteFrom("proposal").where("id", "=", mergedId).execute();
    await recordAudit(trx, {
      action: "proposal.merge.undo",
      actorUserId: actor.id,
      targetType: "proposal",
      targetId: mergedId,
      ip: context.ip,
      now: context.now,
      detail: { before: { ...merged, codes: codes.map(({ scheme, code, source }) => ({ scheme, code, source })) }, after: null, sources: sources.map((source) => source.id) },
    });
    return { ok: true, sources: sources.map((source) => source.id) };
  });
}

/** A proposal named on the merge component: a count-only answer's without its title (ADR 0017). */
export interface MergeLink {
  id: string;
  title: string | null;
  quotable: boolean;
  status: ProposalStatus;
}

/** What the proposal page shows of merges: a merged proposal's sources and its undo, or what a source was merged into. */
export interface MergeContext {
  proposalId: string;
  sources: MergeLink[];
  mergedInto: MergeLink | null;
  /** Only a merged proposal not merged further can be undone. */
  canUndo: boolean;
}

function linkOf(row: Pick<Proposal, "id" | "title" | "attribution" | "status">): MergeLink {
  const readable = quotable(row);
  return { id: row.id, title: readable ? row.title : null, quotable: readable, status: row.status };
}

/** The merge context of a proposal, for the component beside it; null when it takes part in no merge. */
export async function mergeContext(db: Db, proposalId: string): Promise<MergeContext | null> {
  const row = await db.selectFrom("proposal").select(["id", "kind", "merged_into_id"]).where("id", "=", proposalId).executeTakeFirst();
  if (!row) return null;
  const columns = ["id", "title", "attribution", "status"] as const;
  const sources = await db.selectFrom("proposal").select(columns).where("merged_into_id", "=", proposalId).orderBy("created_at").orderBy("id").execute();
  const into = row.merged_into_id === null ? undefined : await db.selectFrom("proposal").select(columns).where("id", "=", row.merged_into_id).executeTakeFirst();
  if (sources.length === 0 && !into) return null;
  return { proposalId, sources: sources.map(linkOf), mergedInto: into ? linkOf(into) : null, canUndo: row.kind === "merged" && row.merged_into_id === null && sources.length > 0 };
}

/** What the merge form shows before a merge: the proposals chosen, and a title and summary to start from. */
export interface MergeDraft {
  chosen: MergeLink[];
  title: string;
  summary: string;
  language: Language | null;
}

/**
 * The merge form's starting point: the chosen proposals (unknown ids left out) and the text of
 * the first one that may be quoted, never a count-only answer's (the merged proposal is quotable).
 */
export async function mergeDraft(db: Db, ids: readonly string[]): Promise<MergeDraft> {
  const unique = [...new Set(ids)];
  const rows = unique.length === 0 ? [] : await db.selectFrom("proposal").select(["id", "title", "summary", "attribution", "status", "language"]).where("id", "in", unique).execute();
  const ordered = unique.flatMap((id) => rows.filter((row) => row.id === id));
  const first = ordered.find((row) => quotable(row));
  return { chosen: ordered.map(linkOf), title: first?.title ?? "", summary: first?.summary ?? "", language: isLanguage(first?.language) ? first.language : null };
}
