import type { Db } from "#db/connect.ts";
import type { Proposal, ProposalCode } from "#db/schema.ts";
import { attributedTo, quotable } from "./attribution.ts";

/**
 * A proposal as the rapporteurs' workspace reads it: its row with the organisation left out where
 * the author chose not to be named, its codes (the author's and the rapporteurs'), the answer
 * entry it came from, and the proposals merged into it.
 */
export interface ProposalView extends Omit<Proposal, "organisation_id"> {
  organisation_id: string | null;
  /** False for a count-only answer's: its text is read here, never quoted. */
  quotable: boolean;
  codes: Pick<ProposalCode, "scheme" | "code" | "source">[];
  /** The answer and entry it came from; null for a merged proposal. */
  source: { responseId: string; question: string | null; position: number | null; itemId: string | null } | null;
  /** The proposals merged into it. */
  mergedFrom: string[];
}

function viewOf(row: Proposal, codes: Pick<ProposalCode, "proposal_id" | "scheme" | "code" | "source">[], mergedFrom: string[]): ProposalView {
  return {
    ...row,
    organisation_id: attributedTo(row),
    quotable: quotable(row),
    codes: codes.filter((code) => code.proposal_id === row.id).map(({ scheme, code, source }) => ({ scheme, code, source })),
    source: row.response_id ? { responseId: row.response_id, question: row.question, position: row.position, itemId: row.item_id } : null,
    mergedFrom,
  };
}

async function codesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("proposal_code").select(["proposal_id", "scheme", "code", "source"]).where("proposal_id", "in", ids).orderBy("scheme").orderBy("code").orderBy("source").execute();
}

export async function getProposal(db: Db, id: string): Promise<ProposalView | undefined> {
  const row = await db.selectFrom("proposal").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const sources = await db.selectFrom("proposal").select("id").where("merged_into_id", "=", id).orderBy("created_at").orderBy("id").execute();
  return viewOf(row, await codesOf(db, [id]), sources.map((source) => source.id));
}

/** The proposals of one answer, in the order of its last submission (withdrawn ones last). */
export async function proposalsOfResponse(db: Db, responseId: string): Promise<ProposalView[]> {
  const rows = await db
    .selectFrom("proposal")
    .selectAll()
    .where("response_id", "=", responseId)
    .orderBy((eb) => eb.case().when("withdrawn_at", "is", null).then(0).else(1).end())
    .orderBy("question")
    .orderBy("position")
    .execute();
  const codes = await codesOf(db, rows.map((row) => row.id));
  return rows.map((row) => viewOf(row, codes, []));
}
