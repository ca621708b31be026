import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, test } from "@playwright/test";

test("health answers with the state of the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("a cross-site post is refused with 403 and changes nothing", async ({ request, baseURL }) => {
  const crossSite = await request.post("/sign-in", {
    form: { email: "admin@consulta.test", password: "consulta-demo-2018" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(crossSite.headers()["set-cookie"]).toBeUndefined();
  const sameSite = await request.post("/sign-in", {
    form: { email: "admin@consulta.test", password: "consulta-demo-2018" },
    headers: { Origin: baseURL ?? "" },
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(302);
  expect(sameSite.headers()["set-cookie"]).toContain("HttpOnly");
});

test("an oversized body is refused with 413 before it is read", async ({ request, baseURL }) => {
  const response = await request.post("/sign-in", {
    headers: { Origin: baseURL ?? "", "Content-Type": "application/x-www-form-urlencoded" },
    data: `email=${"a".repeat(2 * 1024 * 1024)}`,
  });
  expect(response.status()).toBe(413);
});

test("malformed posts get a clear 400, not a server error", async ({ request, baseURL }) => {
  const response = await request.post("/sign-in?_data=routes%2Fsign-in", {
    headers: { Origin: baseURL ?? "", "Content-Type": "application/x-www-form-urlencoded" },
    data: "%%%garbage&&==",
  });
  expect(response.status()).toBe(400);
  for (const path of ["/sign-in", "/sign-in.data", "/language", "/invitations"]) {
    const malformed = await request.post(path, {
      headers: { Origin: baseURL ?? "", "Content-Type": "application/x-www-form-urlencoded" },
      data: "%%%garbage&&==",
      maxRedirects: 0,
    });
    expect(malformed.status(), path).toBeGreaterThanOrEqual(300);
    expect(malformed.status(), path).toBeLessThan(500);
  }
});

test("a bad configuration value stops the server with one line naming it", () => {
  const result = spawnSync(process.execPath, ["build/start.js"], {
    env: { ...process.env, PORT: "eighty", DATABASE_URL: "file:./data/never-created.db" },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be a port number from 1 to 65535 (got "eighty")');
  expect(existsSync("data/never-created.db")).toBe(false);
});
