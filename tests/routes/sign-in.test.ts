import { describe, expect, it } from "vitest";
import { action, loader } from "#app/routes/sign-in.tsx";
import { getDb } from "#app/db.server.ts";
import { setPreferredLanguage } from "#app/features/auth/people.ts";
import { DEMO_PASSWORD, context, cookieFor, currentUserFor, demoEmail, get, outcome, post, settle } from "#tests/helpers.ts";

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

  it("says when an account is throttled, with status 429", async () => {
    const email = demoEmail("rapporteur");
    for (let i = 0; i < 5; i += 1) await action({ request: post("/sign-in", { email, password: "wrong password" }), context, params: {} });
    const result = outcome(await action({ request: post("/sign-in", { email, password: DEMO_PASSWORD }), context, params: {} }));
    expect(result.status).toBe(429);
    expect(errorsOf(result.data).form[0]).toMatch(/^signIn\.throttled:\d+$/);
  });
});
