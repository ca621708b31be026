/** A merged proposal's limits, shared by the merge form in the browser and the feature's own check. */
export const MERGED_TITLE_MAX_LENGTH = 300;
export const MERGED_SUMMARY_MAX_LENGTH = 5_000;
