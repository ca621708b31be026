const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  host: string | null;
  /** The site's public origin when configured (PUBLIC_URL); otherwise the Host header decides. */
  publicUrl?: string;
  /** The scheme the request arrived on, for comparing with the Host header. */
  protocol: "http" | "https";
}

/**
 * Whether a request may change anything: safe methods always; others only when the browser says
 * the request comes from this site (Origin matching, or Sec-Fetch-Site same-origin or none).
 * A request with neither header (curl, scripts) is allowed: cookies are SameSite=Lax anyway.
 */
export function isSameOriginMutation(input: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  const expected = new Set<string>();
  if (input.publicUrl) expected.add(new URL(input.publicUrl).origin);
  if (input.host) expected.add(`${input.protocol}://${input.host}`);
  if (input.origin && input.origin !== "null") return expected.has(input.origin);
  if (input.origin === "null") return false;
  if (input.secFetchSite) return input.secFetchSite === "same-origin" || input.secFetchSite === "none";
  return true;
}
