import type { Db } from "#db/connect.ts";
import type { MatchStatus } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { reasonsFor, type CandidateKind } from "./rules.ts";
import { meetingCandidate, meetingNeeds } from "./sources.ts";

export interface Actor {
  id: string;
}

interface Context {
  ip: string | null;
  now?: Date;
}

/** What a rapporteur may do with a match. */
export const MATCH_INTENTS = ["confirm", "dismiss", "undo"] as const;

export interface MatchChoice {
  needId: string;
  kind: CandidateKind;
  candidateId: string;
}

/**
 * Why a decision was refused: the need or the candidate is not one of this meeting's (unknown,
 * withdrawn, another meeting's, a proposal not retained), or the candidate does not fit the need.
 */
export type DecisionRefusal = "need-not-found" | "candidate-not-found" | "no-fit";

export type DecisionResult = { ok: true; changed: boolean } | { ok: false; reason: DecisionRefusal };

const candidateColumns = (choice: MatchChoice) => (choice.kind === "offer" ? { offer_id: choice.candidateId, proposal_id: null } : { offer_id: null, proposal_id: choice.candidateId });

function whereDecision(db: Db, meetingId: string, choice: MatchChoice) {
  return db
    .selectFrom("capacity_match")
    .select(["id", "status"])
    .where("meeting_id", "=", meetingId)
    .where("need_id", "=", choice.needId)
    .where(choice.kind === "offer" ? "offer_id" : "proposal_id", "=", choice.candidateId);
}

async function refusalOf(db: Db, meetingId: string, choice: MatchChoice): Promise<DecisionRefusal | null> {
  const [need] = await meetingNeeds(db, meetingId, choice.needId);
  if (!need) return "need-not-found";
  const candidate = await meetingCandidate(db, meetingId, choice.kind, choice.candidateId);
  if (!candidate) return "candidate-not-found";
  return reasonsFor(need, candidate) ? null : "no-fit";
}

/**
 * Confirms or dismisses a suggested match. Deciding what is already decided changes nothing and
 * records nothing; changing one's mind replaces the decision.
 */
export async function decideMatch(db: Db, actor: Actor, meetingId: string, choice: MatchChoice, status: MatchStatus, context: Context): Promise<DecisionResult> {
  return db.transaction().execute(async (trx) => {
    const refusal = await refusalOf(trx, meetingId, choice);
    if (refusal) return { ok: false, reason: refusal };
    const before = await whereDecision(trx, meetingId, choice).executeTakeFirst();
    if (before?.status === status) return { ok: true, changed: false };
    const stamp = isoNow(context.now);
    const id = before?.id ?? newId();
    if (before) await trx.updateTable("capacity_match").set({ status, decided_by: actor.id, decided_at: stamp }).where("id", "=", id).execute();
    else await trx.insertInto("capacity_match").values({ id, meeting_id: meetingId, need_id: choice.needId, ...candidateColumns(choice), status, decided_by: actor.id, decided_at: stamp }).execute();
    await recordAudit(trx, { action: `capacity_match.${status}`, actorUserId: actor.id, targetType: "capacity_match", targetId: id, ip: context.ip, now: context.now, detail: { ...choice, before: before?.status ?? null } });
    return { ok: true, changed: true };
  });
}

/** Takes a decision back: the match is suggested again. Undoing nothing changes nothing. */
export async function undoMatchDecision(db: Db, actor: Actor, meetingId: string, choice: MatchChoice, context: Context): Promise<DecisionResult> {
  return db.transaction().execute(async (trx) => {
    const before = await whereDecision(trx, meetingId, choice).executeTakeFirst();
    if (!before) {
      const [need] = await meetingNeeds(trx, meetingId, choice.needId);
      return need ? { ok: true, changed: false } : { ok: false, reason: "need-not-found" };
    }
    await trx.deleteFrom("capacity_match").where("id", "=", before.id).execute();
    await recordAudit(trx, { action: "capacity_match.undone", actorUserId: actor.id, targetType: "capacity_match", targetId: before.id, ip: context.ip, now: context.now, detail: { ...choice, before: before.status } });
    return { ok: true, changed: true };
  });
}
