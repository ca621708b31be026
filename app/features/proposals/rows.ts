/**
 * The columns of a proposal that only an answer's entry fills in (what capacity it builds, for
 * whom, with what): empty for a proposal made otherwise (a merge) and in generated rows.
 */
export const NO_ENTRY_DETAILS = {
  capacity_built: null,
  beneficiaries: null,
  resources_needed: null,
  resources_offered: null,
  indicators: null,
  timeline: null,
  start_readiness: null,
} as const;
