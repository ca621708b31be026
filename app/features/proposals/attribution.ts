import type { Attribution } from "#db/schema.ts";

interface Attributed {
  attribution: Attribution | null;
  organisation_id: string | null;
}

/**
 * Whether a proposal's text may be quoted: never that of an answer given "count only"
 * (aggregate_only). A merged proposal, written by rapporteurs, may be.
 */
export function quotable(proposal: Pick<Attributed, "attribution">): boolean {
  return proposal.attribution !== "aggregate_only";
}

/** The organisation a proposal may be attributed to: none where its author chose not to be named. */
export function attributedTo(proposal: Attributed): string | null {
  return proposal.attribution === "attributable" ? proposal.organisation_id : null;
}

/**
 * What may be quoted of a proposal, with whom it may be attributed to; null for a count-only
 * answer's. Every function meant for quoting (key messages, public pages, exports) goes through it.
 */
export function quotation<T extends Attributed & { title: string | null; summary: string }>(proposal: T): { title: string | null; summary: string; organisationId: string | null } | null {
  if (!quotable(proposal)) return null;
  return { title: proposal.title, summary: proposal.summary, organisationId: attributedTo(proposal) };
}
