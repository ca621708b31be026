import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers`: passes on the Retry-After of a refused or busy password check, which a
 * rendered page would otherwise lose (Remix keeps only an action's cookies without this).
 */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
