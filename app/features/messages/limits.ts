/** A key message's limits, shared by the form in the browser and the feature's own check. */
export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 10_000;
export const QUOTE_MAX_LENGTH = 1_500;
