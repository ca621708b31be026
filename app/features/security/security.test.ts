import { describe, expect, it } from "vitest";
import { securityHeaders } from "./headers.ts";
import { isSameOriginMutation } from "./origin.ts";
import { safeRedirect } from "./safe-redirect.ts";

describe("safeRedirect", () => {
  it.each([
    ["/organisations?type=state", "/organisations?type=state"],
    ["/", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/ok\nSet-Cookie: x", "/"],
    ["", "/"],
    [null, "/"],
    ["/日本?q=é#à", "/%E6%97%A5%E6%9C%AC?q=%C3%A9#%C3%A0"],
    ["/a b\ud800", "/a%20b%EF%BF%BD"],
    ["/.//evil.example", "/"],
    ["/x/..//evil.example", "/"],
  ])("%s -> %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it("uses the fallback given", () => {
    expect(safeRedirect("https://evil.example", "/account")).toBe("/account");
  });
});

describe("isSameOriginMutation", () => {
  const base = { host: "consulta.example.org", protocol: "https" as const, secFetchSite: null };

  it("always allows reading", () => {
    expect(isSameOriginMutation({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
  });

  it("allows posts from this site and refuses cross-site ones", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "https://consulta.example.org" })).toBe(true);
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "http://consulta.example.org" })).toBe(false);
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "null" })).toBe(false);
  });

  it("trusts PUBLIC_URL behind a proxy that changes the Host", () => {
    const input = { method: "POST", origin: "https://consulta.example.org", host: "10.0.0.5:3000", protocol: "http" as const, secFetchSite: null };
    expect(isSameOriginMutation(input)).toBe(false);
    expect(isSameOriginMutation({ ...input, publicUrl: "https://consulta.example.org" })).toBe(true);
  });

  it("with PUBLIC_URL set, counts only its origin: a forged Host header makes no other Origin acceptable", () => {
    const publicUrl = "https://consulta.example.org";
    expect(isSameOriginMutation({ method: "POST", origin: "https://evil.example", host: "evil.example", protocol: "https", secFetchSite: null, publicUrl })).toBe(false);
    expect(isSameOriginMutation({ method: "POST", origin: "http://evil.example", host: "evil.example", protocol: "http", secFetchSite: null, publicUrl })).toBe(false);
    expect(isSameOriginMutation({ method: "POST", origin: "https://consulta.example.org", host: "evil.example", protocol: "https", secFetchSite: null, publicUrl })).toBe(true);
  });

  it("falls back on Sec-Fetch-Site when there is no Origin", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: null, secFetchSite: "cross-site" })).toBe(false);
    expect(isSameOriginMutation({ ...base, method: "POST", origin: null, secFetchSite: "same-site" })).toBe(false);
    expect(isSameOriginMutation({ ...base, method: "POST", origin: null, secFetchSite: "same-origin" })).toBe(true);
  });
});

describe("securityHeaders", () => {
  it("sets a nonce-based CSP that forbids framing, and the other headers", () => {
    const headers = securityHeaders({ nonce: "abc123", https: true, dev: false });
    const csp = headers["Content-Security-Policy"];
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Strict-Transport-Security"]).toBeDefined();
    expect(securityHeaders({ nonce: "n", https: false, dev: false })["Strict-Transport-Security"]).toBeUndefined();
  });
});
