import type { CodeScheme, ProposalKind, ProposalStatus } from "#db/schema.ts";

/** Catalogue keys of a proposal's statuses, kinds and code schemes, written out so that the catalogue test sees each one used. */
export const STATUS_LABELS: Record<ProposalStatus, string> = {
  received: "proposal.status.received",
  under_review: "proposal.status.under_review",
  retained: "proposal.status.retained",
  merged: "proposal.status.merged",
  not_retained: "proposal.status.not_retained",
};

export const KIND_LABELS: Record<ProposalKind, string> = {
  proposal: "proposal.kind.proposal",
  commitment: "proposal.kind.commitment",
  offer: "proposal.kind.offer",
  merged: "proposal.kind.merged",
};

export const SCHEME_LABELS: Record<CodeScheme, string> = {
  gcm_objective: "proposal.scheme.gcm_objective",
  guiding_principle: "proposal.scheme.guiding_principle",
  capacity_gap: "proposal.scheme.capacity_gap",
  support_modality: "proposal.scheme.support_modality",
  governance_level: "proposal.scheme.governance_level",
  stakeholder_type: "proposal.scheme.stakeholder_type",
};
