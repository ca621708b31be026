/**
 * What a list of proposals for readers shows of each (the public page of published proposals,
 * the report's annex): the proposal, the parts of its organisation's name and its consultation's
 * titles. One list, so that both read the same columns; each adds what only it needs.
 */
export const PROPOSAL_LISTING_COLUMNS = [
  "proposal.id",
  "proposal.kind",
  "proposal.title",
  "proposal.summary",
  "proposal.language",
  "proposal.attribution",
  "proposal.stakeholder_type",
  "proposal.region_m49",
  "organisation.type",
  "organisation.name",
  "organisation.country_code",
  "consultation.title_en",
  "consultation.title_fr",
  "consultation.title_es",
] as const;
