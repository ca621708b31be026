import { CODED_PARAM } from "#app/components/proposals/coding-notice.tsx";
import { safeRedirect } from "#app/features/security/safe-redirect.ts";

/** Where the inbox and the proposal pages live: a coding form goes back only there. */
const PROPOSALS = "/proposals";

/** The page a coding form returns to: a path under /proposals (the inbox with its view, a proposal's page), anything else the inbox. */
export function codingReturn(redirectTo: FormDataEntryValue | null): string {
  const safe = safeRedirect(redirectTo, PROPOSALS);
  const { pathname } = new URL(safe, "http://local");
  return pathname === PROPOSALS || pathname.startsWith(`${PROPOSALS}/`) ? safe : PROPOSALS;
}

/** The same page with the count of proposals a change changed, for its status message. */
export function withCodedCount(path: string, changed: number): string {
  const url = new URL(path, "http://local");
  url.searchParams.set(CODED_PARAM, String(changed));
  return `${url.pathname}${url.search}${url.hash}`;
}
