import { describe, expect, it } from "vitest";
import { action, loader } from "#app/routes/sign-in.tsx";
import { action as linkAction, loader as linkLoader } from "#app/routes/sign-in-link.$token.tsx";
import { getDb } from "#app/db.server.ts";
import { PASSWORD_GATE } from "#app/features/auth/password-gate.ts";
import { setPreferredLanguage } from "#app/features/auth/people.ts";
import { SIGN_IN_LINK_MINUTES } from "#app/features/auth/sign-in-links.ts";
import { SIGN_IN_LIMITS } from "#app/features/auth/throttle.ts";
import { newId } from "#app/features/ids.ts";
import { DEMO_PASSWORD, context, cookieFor, createMember, currentUserFor, demoEmail, get, outcome, post, settle, stateId, whilePasswordGateFull } from "#tests/helpers.ts";

function errorsOf(data: unknown): { form: string[]; fields: Record<string, string[]> } {
  const reply = data as { error?: Record<string, string[] | null> };
  const error = reply.error ?? {};
  return { form: error[""] ?? [], fields: Object.fromEntries(Object.entries(error).filter(([key]) => key !== "")) as Record<string, string[]> };
}

describe("sign-in route", () => {
  it("signs in, sets an HttpOnly SameSite=Lax cookie and goes back where the person was", async () => {
    const result = outcome(await action({ request: post("/sign-in", { email: demoEmail("admin"), password: DEMO_PASSWORD, redirectTo: "/people" }), context, params: {} }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/people");
    const cookie = result.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^consulta_session=[a-z2-7]{32};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("brings back the language the person chose last time", async () => {
    await setPreferredLanguage(getDb(), (await currentUserFor(demoEmail("partner"))).id, "fr", { ip: null });
    const result = outcome(await action({ request: post("/sign-in", { email: demoEmail("partner"), password: DEMO_PASSWORD }), context, params: {} }));
    const cookies = result.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[1]).toMatch(/^consulta_lang=fr;/);
  });

  it("never redirects to another site", async () => {
    const result = outcome(await action({ request: post("/sign-in", { email: demoEmail("admin"), password: DEMO_PASSWORD, redirectTo: "https://evil.example/" }), context, params: {} }));
    expect(result.headers.get("Location")).toBe("/");
  });

  it("refuses a wrong password with a message key and no cookie", async () => {
    const result = outcome(await action({ request: post("/sign-in", { email: demoEmail("admin"), password: "not it at all" }), context, params: {} }));
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(errorsOf(result.data).form).toEqual(["signIn.invalid"]);
  });

  it("reports malformed and over-long fields by name", async () => {
    const missing = outcome(await action({ request: post("/sign-in", { password: "x" }), context, params: {} }));
    expect(missing.status).toBe(400);
    expect(errorsOf(missing.data).fields.email).toEqual(["form.required"]);
    const long = outcome(await action({ request: post("/sign-in", { email: `${"a".repeat(300)}@example.org`, password: "x" }), context, params: {} }));
    expect(errorsOf(long.data).fields.email).toContain("form.tooLong:254");
    const notEmail = outcome(await action({ request: post("/sign-in", { email: "not an address", password: "x" }), context, params: {} }));
    expect(errorsOf(notEmail.data).fields.email).toEqual(["form.email"]);
  });

  it("sends someone already signed in onwards", async () => {
    const cookie = await cookieFor(demoEmail("partner"));
    const result = outcome(await settle(() => loader({ request: get("/sign-in?redirectTo=/account", { cookie }), context, params: {} })));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/account");
  });

  it("says when an address is throttled for an account, with status 429 and Retry-After; the owner elsewhere still signs in", async () => {
    const email = demoEmail("rapporteur");
    const from = (ip: string) => ({ ...context, ip });
    for (let i = 0; i < 5; i += 1) await action({ request: post("/sign-in", { email, password: "wrong password" }), context: from("203.0.113.66"), params: {} });
    const result = outcome(await action({ request: post("/sign-in", { email, password: DEMO_PASSWORD }), context: from("203.0.113.66"), params: {} }));
    expect(result.status).toBe(429);
    expect(Number(result.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(errorsOf(result.data).form[0]).toMatch(/^signIn\.throttled:\d+$/);
    const owner = outcome(await action({ request: post("/sign-in", { email, password: DEMO_PASSWORD }), context: from("198.51.100.7"), params: {} }));
    expect(owner.status).toBe(302);
    expect(owner.headers.get("Set-Cookie")).toMatch(/^consulta_session=/);
  }, 120_000);

  it("answers 503 with Retry-After and a message while every password check of the process is taken", async () => {
    const result = outcome(await whilePasswordGateFull(() => action({ request: post("/sign-in", { email: demoEmail("partner"), password: DEMO_PASSWORD }), context, params: {} })));
    expect(result.status).toBe(503);
    expect(result.headers.get("Retry-After")).toBe(String(PASSWORD_GATE.retryAfterSeconds));
    expect(errorsOf(result.data).form).toEqual(["signIn.busy"]);
  });

  it("for an account under attack, says a link was sent (202), whatever the password; the link page signs in once", async () => {
    const db = getDb();
    const member = await createMember(await stateId("GH"), "focal_point");
    const at = new Date().toISOString();
    await db
      .insertInto("sign_in_attempt")
      .values(Array.from({ length: SIGN_IN_LIMITS.mailboxAfterFailures }, (_, i) => ({ id: newId(), account: member.email, ip: `203.0.113.${i}`, outcome: "failed" as const, attempts: 1, created_at: at })))
      .execute();
    const wrong = outcome(await action({ request: post("/sign-in", { email: member.email, password: "a wrong guess" }), context, params: {} }));
    const right = outcome(await action({ request: post("/sign-in", { email: member.email, password: DEMO_PASSWORD }), context, params: {} }));
    for (const answer of [wrong, right]) {
      expect(answer.status).toBe(202);
      expect(answer.headers.get("Set-Cookie")).toBeNull();
      expect(answer.data).toMatchObject({ linkSentMinutes: SIGN_IN_LINK_MINUTES });
    }
    const email = await db.selectFrom("email_outbox").select("text_body").where("to_address", "=", member.email).executeTakeFirstOrThrow();
    const token = /\/sign-in-link\/([a-z2-7]+)/.exec(email.text_body)?.[1] ?? "";
    expect(outcome(await linkLoader({ request: get(`/sign-in-link/${token}`), context, params: { token } })).data).toEqual({ status: "pending", email: member.email });
    const used = outcome(await linkAction({ request: post(`/sign-in-link/${token}`, {}), context, params: { token } }));
    expect(used.status).toBe(302);
    expect(used.headers.get("Set-Cookie")).toMatch(/^consulta_session=[a-z2-7]{32};/);
    const again = outcome(await linkAction({ request: post(`/sign-in-link/${token}`, {}), context, params: { token } }));
    expect(again.status).toBe(410);
    expect(again.data).toEqual({ error: "signInLink.status.used" });
    expect(outcome(await linkLoader({ request: get(`/sign-in-link/${token}`), context, params: { token } })).status).toBe(410);
  });
});
