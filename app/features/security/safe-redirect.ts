/**
 * A redirect target that can only lead within this site: a path starting with one slash.
 * Anything else (absolute URLs, `//host`, backslashes, control characters) becomes the fallback.
 * Other characters are percent-encoded as a browser would: a Location header holds bytes only,
 * and "/日本" would otherwise make the redirect itself fail with a server error.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(to)) return fallback;
  const url = new URL(to, "http://local");
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments resolved, "/.//evil.example" would now lead to another host.
  return path.startsWith("//") ? fallback : path;
}
