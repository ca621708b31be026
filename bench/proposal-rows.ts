import type { SimilarityProposal } from "#app/features/proposals/similarity/similar.ts";
import type { Attribution, ProposalStatus } from "#db/schema.ts";

export interface BenchOrganisation {
  id: string;
  type: string;
  region_m49: string | null;
}

/**
 * The proposal row of the `index`-th synthetic proposal (bench/similarity-corpus.ts), from an
 * organisation, a minute after the one before from 1 July 2018: the benches that need many
 * proposals in the database (inbox, report) write the same rows, each with its own use and status.
 */
export function syntheticProposalRow(
  proposal: SimilarityProposal,
  index: number,
  place: { consultationId: string; organisation: BenchOrganisation },
  use: { attribution: Attribution; consentToPublish: boolean; status: ProposalStatus; pivotText: string | null },
) {
  const at = new Date(Date.UTC(2018, 6, 1) + index * 60_000).toISOString();
  return {
    id: `bench-${index}`,
    consultation_id: place.consultationId,
    kind: "proposal" as const,
    organisation_id: place.organisation.id,
    stakeholder_type: place.organisation.type,
    region_m49: place.organisation.region_m49,
    language: proposal.language,
    title: proposal.title,
    summary: proposal.summary,
    attribution: use.attribution,
    consent_to_publish: use.consentToPublish ? 1 : 0,
    status: use.status,
    pivot_text: use.pivotText,
    created_at: at,
    updated_at: at,
  };
}
