import type { Db } from "#db/connect.ts";
import type { ProposalStatus } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isId, isoNow } from "#app/features/ids.ts";
import type { Term } from "#app/features/taxonomy/taxonomy.ts";
import { hasUnsafeCharacters } from "#app/features/text.ts";
import {
  CODING_INTENTS,
  CODING_SCHEMES,
  CODING_STATUSES,
  MAX_PROPOSALS_PER_CHANGE,
  REASON_MAX_LENGTH,
  TAG_MAX_LENGTH,
  type CodingChange,
  type CodingProblem,
  type CodingScheme,
  type CodingStatus,
} from "./coding-rules.ts";

/**
 * Rapporteurs' coding of proposals (docs/decisions/0022-coding-proposals.md): a status with its
 * reason, free tags, and taxonomy codes of their own beside the author's, which stay read-only.
 * One change applies to one or many proposals in one transaction, with one audit event per
 * proposal it changed.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: CodingProblem };

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === "string" && (list as readonly string[]).includes(value);

export function isCodingScheme(value: unknown): value is CodingScheme {
  return typeof value === "string" && Object.hasOwn(CODING_SCHEMES, value);
}

/** The length of a text as a reader counts characters (code points, not UTF-16 units). */
const lengthOf = (text: string) => [...text].length;

/** A tag as stored: trimmed and composed, so that the same word typed twice is one tag. */
export function parseTag(value: unknown): Parsed<string> {
  const tag = typeof value === "string" ? value.normalize("NFC").trim() : "";
  if (tag === "") return { ok: false, problem: "tag-empty" };
  if (lengthOf(tag) > TAG_MAX_LENGTH) return { ok: false, problem: "tag-too-long" };
  if (hasUnsafeCharacters(tag)) return { ok: false, problem: "tag-unsafe" };
  return { ok: true, value: tag };
}

function parseReason(value: unknown, status: CodingStatus): Parsed<string | null> {
  const reason = typeof value === "string" ? value.trim() : "";
  if (reason === "") return status === "not_retained" ? { ok: false, problem: "reason-required" } : { ok: true, value: null };
  if (lengthOf(reason) > REASON_MAX_LENGTH) return { ok: false, problem: "reason-too-long" };
  if (hasUnsafeCharacters(reason, { multiline: true })) return { ok: false, problem: "reason-unsafe" };
  return { ok: true, value: reason };
}

/** What a coding form asks, checked: the fields of the contract (`intent`, `status`, `reason`, `tag`, `scheme`, `code`). */
export function parseCodingChange(fields: { intent?: unknown; status?: unknown; reason?: unknown; tag?: unknown; scheme?: unknown; code?: unknown }): Parsed<CodingChange> {
  const { intent } = fields;
  if (!isOneOf(CODING_INTENTS, intent)) return { ok: false, problem: "unknown-intent" };
  if (intent === "status") {
    if (fields.status === "merged") return { ok: false, problem: "merged-status" };
    if (!isOneOf(CODING_STATUSES, fields.status)) return { ok: false, problem: "unknown-status" };
    const status = fields.status;
    const reason = parseReason(fields.reason, status);
    return reason.ok ? { ok: true, value: { intent, status, reason: reason.value } } : reason;
  }
  if (intent === "add-tag" || intent === "remove-tag") {
    const tag = parseTag(fields.tag);
    return tag.ok ? { ok: true, value: { intent, tag: tag.value } } : tag;
  }
  if (!isCodingScheme(fields.scheme)) return { ok: false, problem: "unknown-scheme" };
  const scheme = fields.scheme;
  const terms: readonly Term[] = CODING_SCHEMES[scheme];
  if (!terms.some((term) => term.value === fields.code)) return { ok: false, problem: "unknown-code" };
  return { ok: true, value: { intent, scheme, code: String(fields.code) } };
}

/** The proposals a form names: ids, each once, at least one and at most MAX_PROPOSALS_PER_CHANGE. */
export function parseProposalIds(values: readonly unknown[]): Parsed<string[]> {
  if (values.length === 0) return { ok: false, problem: "no-proposal" };
  if (!values.every(isId)) return { ok: false, problem: "unknown-proposal" };
  const ids = [...new Set(values)];
  if (ids.length > MAX_PROPOSALS_PER_CHANGE) return { ok: false, problem: "too-many" };
  return { ok: true, value: ids };
}

export interface Actor {
  id: string;
}

interface Context {
  ip: string | null;
  now?: Date;
}

export type CodingResult = { ok: true; changed: number } | { ok: false; problem: CodingProblem };

/** Tags compared as a reader would: "Financing" and "financing" are one tag. */
const tagKey = (tag: string) => tag.normalize("NFC").toLocaleLowerCase("und");

interface Target {
  id: string;
  organisation_id: string | null;
  status: ProposalStatus;
  status_reason: string | null;
}

/** One proposal's change: written, and its audit's before and after; null when it would change nothing. */
type Applied = { action: string; detail: Record<string, unknown> } | null;

async function applyStatus(db: Db, target: Target, change: Extract<CodingChange, { intent: "status" }>): Promise<Applied> {
  if (target.status === change.status && target.status_reason === change.reason) return null;
  await db.updateTable("proposal").set({ status: change.status, status_reason: change.reason }).where("id", "=", target.id).execute();
  return {
    action: "proposal.status_changed",
    detail: { before: { status: target.status, reason: target.status_reason }, after: { status: change.status, reason: change.reason } },
  };
}

async function applyTag(db: Db, actor: Actor, target: Target, change: Extract<CodingChange, { intent: "add-tag" | "remove-tag" }>, stamp: string): Promise<Applied> {
  const rows = await db.selectFrom("proposal_tag").select("tag").where("proposal_id", "=", target.id).orderBy("tag").execute();
  const before = rows.map((row) => row.tag);
  const same = before.filter((tag) => tagKey(tag) === tagKey(change.tag));
  if (change.intent === "add-tag") {
    if (same.length > 0) return null;
    await db.insertInto("proposal_tag").values({ proposal_id: target.id, tag: change.tag, created_at: stamp, created_by: actor.id }).onConflict((oc) => oc.doNothing()).execute();
    return { action: "proposal.tag_added", detail: { tag: change.tag, before, after: [...before, change.tag].sort() } };
  }
  if (same.length === 0) return null;
  await db.deleteFrom("proposal_tag").where("proposal_id", "=", target.id).where("tag", "in", same).execute();
  return { action: "proposal.tag_removed", detail: { tag: same[0], before, after: before.filter((tag) => !same.includes(tag)) } };
}

async function applyCode(db: Db, actor: Actor, target: Target, change: Extract<CodingChange, { intent: "add-code" | "remove-code" }>, stamp: string): Promise<Applied> {
  const rows = await db
    .selectFrom("proposal_code")
    .select("code")
    .where("proposal_id", "=", target.id)
    .where("scheme", "=", change.scheme)
    .where("source", "=", "rapporteur")
    .orderBy("code")
    .execute();
  const before = rows.map((row) => row.code);
  const present = before.includes(change.code);
  if (change.intent === "add-code") {
    if (present) return null;
    await db
      .insertInto("proposal_code")
      .values({ proposal_id: target.id, scheme: change.scheme, code: change.code, source: "rapporteur", created_at: stamp, created_by: actor.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { action: "proposal.code_added", detail: { scheme: change.scheme, code: change.code, before, after: [...before, change.code].sort() } };
  }
  if (!present) return null;
  await db.deleteFrom("proposal_code").where("proposal_id", "=", target.id).where("scheme", "=", change.scheme).where("code", "=", change.code).where("source", "=", "rapporteur").execute();
  return { action: "proposal.code_removed", detail: { scheme: change.scheme, code: change.code, before, after: before.filter((code) => code !== change.code) } };
}

function applyTo(db: Db, actor: Actor, target: Target, change: CodingChange, stamp: string): Promise<Applied> {
  switch (change.intent) {
    case "status":
      return applyStatus(db, target, change);
    case "add-tag":
    case "remove-tag":
      return applyTag(db, actor, target, change, stamp);
    case "add-code":
    case "remove-code":
      return applyCode(db, actor, target, change, stamp);
  }
}

/**
 * Applies one change to every proposal named, in one transaction: all of them or none. Withdrawn
 * proposals are coded like the others (their coding is kept, and the rapporteurs may still
 * decide on them). A proposal merged into another keeps its status "merged" until the merge is
 * undone, so a status change that names one is refused. A proposal the change leaves as it was
 * gets no audit event and does not count.
 */
export async function applyCoding(db: Db, actor: Actor, ids: readonly string[], change: CodingChange, context: Context): Promise<CodingResult> {
  return db.transaction().execute(async (trx) => {
    const targets = await trx.selectFrom("proposal").select(["id", "organisation_id", "status", "status_reason"]).where("id", "in", [...ids]).orderBy("id").execute();
    if (targets.length !== new Set(ids).size) return { ok: false, problem: "unknown-proposal" } as const;
    if (change.intent === "status" && targets.some((target) => target.status === "merged")) return { ok: false, problem: "merged-proposal" } as const;
    const stamp = isoNow(context.now);
    let changed = 0;
    for (const target of targets) {
      const applied = await applyTo(trx, actor, target, change, stamp);
      if (!applied) continue;
      changed += 1;
      await recordAudit(trx, { action: applied.action, actorUserId: actor.id, targetType: "proposal", targetId: target.id, organisationId: target.organisation_id, ip: context.ip, now: context.now, detail: applied.detail });
    }
    return { ok: true, changed } as const;
  });
}

/** The free tags of a proposal, in alphabetical order. */
export async function tagsOf(db: Db, proposalId: string): Promise<string[]> {
  const rows = await db.selectFrom("proposal_tag").select("tag").where("proposal_id", "=", proposalId).execute();
  return rows.map((row) => row.tag).sort((a, b) => a.localeCompare(b));
}
