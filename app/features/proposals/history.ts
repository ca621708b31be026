import type { Db } from "#db/connect.ts";
import { isRecord } from "./source.ts";

/**
 * What happened to a proposal, newest first: its answer submitted and amended, its entry
 * withdrawn (from the answer's revisions and the row itself), and every audited change made to
 * it by rapporteurs (coding, merging), with who did it.
 */
export type ProposalEvent = { at: string; actor: string | null } & (
  | { kind: "submitted" | "amended" | "withdrawn" }
  | { kind: "status"; before: { status: string; reason: string | null }; after: { status: string; reason: string | null } }
  | { kind: "tag-added" | "tag-removed"; tag: string }
  | { kind: "code-added" | "code-removed"; scheme: string; code: string }
  | { kind: "merged-into" | "unmerged" | "merge-made" }
  /** An audited change this module does not describe (a merge, an undo): named by its action. */
  | { kind: "other"; action: string }
);

const text = (value: unknown) => (typeof value === "string" ? value : "");
const statusOf = (value: unknown) => (isRecord(value) ? { status: text(value.status), reason: typeof value.reason === "string" ? value.reason : null } : { status: "", reason: null });

function auditedEvent(action: string, detail: Record<string, unknown>, at: string, actor: string | null): ProposalEvent {
  switch (action) {
    case "proposal.status_changed":
      return { kind: "status", at, actor, before: statusOf(detail.before), after: statusOf(detail.after) };
    case "proposal.tag_added":
    case "proposal.tag_removed":
      return { kind: action === "proposal.tag_added" ? "tag-added" : "tag-removed", at, actor, tag: text(detail.tag) };
    case "proposal.code_added":
    case "proposal.code_removed":
      return { kind: action === "proposal.code_added" ? "code-added" : "code-removed", at, actor, scheme: text(detail.scheme), code: text(detail.code) };
    case "proposal.merged":
      return { kind: "merged-into", at, actor };
    case "proposal.unmerged":
      return { kind: "unmerged", at, actor };
    case "proposal.merge":
      return { kind: "merge-made", at, actor };
    default:
      return { kind: "other", at, actor, action };
  }
}

function detailOf(json: string | null): Record<string, unknown> {
  if (!json) return {};
  const parsed: unknown = JSON.parse(json);
  return isRecord(parsed) ? parsed : {};
}

/** The submissions of the proposal's answer: the one that brought the proposal, then the amendments. */
async function derivationEvents(db: Db, proposal: { response_id: string | null; created_at: string; withdrawn_at: string | null }): Promise<ProposalEvent[]> {
  const events: ProposalEvent[] = [];
  if (proposal.withdrawn_at) events.push({ kind: "withdrawn", at: proposal.withdrawn_at, actor: null });
  if (!proposal.response_id) return events;
  const submissions = await db
    .selectFrom("response_revision")
    .leftJoin("user", "user.id", "response_revision.user_id")
    .select(["response_revision.created_at", "user.name"])
    .where("response_revision.response_id", "=", proposal.response_id)
    .where("response_revision.action", "=", "submit")
    .orderBy("response_revision.revision")
    .execute();
  // The submission that brought the proposal is the last one at or before its row was made
  // (rows made later by a rebuild keep the submission's time and author).
  const bringing = submissions.filter((submission) => submission.created_at <= proposal.created_at).at(-1);
  events.push({ kind: "submitted", at: bringing?.created_at ?? proposal.created_at, actor: bringing?.name ?? null });
  for (const submission of submissions) {
    if (submission.created_at > proposal.created_at) events.push({ kind: "amended", at: submission.created_at, actor: submission.name ?? null });
  }
  return events;
}

/** A proposal's history, newest first; undefined for an unknown proposal. */
export async function proposalHistory(db: Db, proposalId: string): Promise<ProposalEvent[] | undefined> {
  const proposal = await db.selectFrom("proposal").select(["response_id", "created_at", "withdrawn_at"]).where("id", "=", proposalId).executeTakeFirst();
  if (!proposal) return undefined;
  const audited = await db
    .selectFrom("audit_event")
    .leftJoin("user", "user.id", "audit_event.actor_user_id")
    .select(["audit_event.action", "audit_event.detail", "audit_event.created_at", "user.name"])
    .where("audit_event.target_type", "=", "proposal")
    .where("audit_event.target_id", "=", proposalId)
    .orderBy("audit_event.created_at", "desc")
    .orderBy("audit_event.id")
    .execute();
  const events = [...audited.map((event) => auditedEvent(event.action, detailOf(event.detail), event.created_at, event.name ?? null)), ...(await derivationEvents(db, proposal))];
  // Stable: events of one moment keep the order above (the rapporteurs' after the answer's).
  return events.sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1));
}
