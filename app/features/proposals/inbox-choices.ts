// The inbox's choices, apart from its queries, so that the page's form can use them in the browser.

export const INBOX_SORTS = ["newest", "oldest", "updated", "title"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
/** Withdrawn proposals (their entry removed by an amendment) are left out unless asked for; the page says how many. */
export const WITHDRAWN_CHOICES = ["exclude", "include", "only"] as const;
export type WithdrawnChoice = (typeof WITHDRAWN_CHOICES)[number];
export const TAG_MAX_LENGTH = 60;
export const SEARCH_MAX_LENGTH = 200;

/** The filters of the inbox, as named in its address. */
export const INBOX_FILTERS = ["consultation", "objective", "principle", "region", "type", "language", "status", "tag", "attribution", "q", "withdrawn"] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];
