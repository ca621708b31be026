const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  host: string | null;
  /** The site's public origin when configured (PUBLIC_URL): then the only one; otherwise the Host header's. */
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
  if (input.origin && input.origin !== "null") return input.origin === expectedOrigin(input);
  if (input.origin === "null") return false;
  if (input.secFetchSite) return input.secFetchSite === "same-origin" || input.secFetchSite === "none";
  return true;
}

/**
 * The origin this site's own pages post from. With PUBLIC_URL set, only its origin: the Host header
 * is the client's to write, and a forged one must not make another site's Origin acceptable.
 */
function expectedOrigin({ publicUrl, host, protocol }: OriginCheckInput): string | null {
  if (publicUrl) return new URL(publicUrl).origin;
  return host ? `${protocol}://${host}` : null;
}
