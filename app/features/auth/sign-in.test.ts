import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addMinutes } from "#app/features/ids.ts";
import { DEMO_PASSWORD, demoEmail } from "#tests/helpers.ts";
import { changePassword } from "./passwords-change.ts";
import { createSession, validateSessionToken } from "./sessions.ts";
import { signIn, signOut } from "./sign-in.ts";
import { SIGN_IN_LIMITS } from "./throttle.ts";

const T0 = new Date("2026-04-01T08:00:00Z");

describe("signIn", () => {
  it("opens a session for the right password, whatever the case of the address", async () => {
    const result = await signIn(getDb(), { email: "  Partner@Consulta.TEST ", password: DEMO_PASSWORD, ip: "192.0.2.1", now: T0 });
    expect(result.ok).toBe(true);
    if (result.ok) expect(await validateSessionToken(getDb(), result.token, T0)).not.toBeNull();
  });

  it("says the same for an unknown account and a wrong password, and records both", async () => {
    const db = getDb();
    const unknown = await signIn(db, { email: "nobody@example.org", password: "whatever it is", ip: "192.0.2.2", now: T0 });
    const wrong = await signIn(db, { email: demoEmail("rapporteur"), password: "not the password", ip: "192.0.2.2", now: T0 });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    const failures = await db.selectFrom("sign_in_attempt").select("account").where("outcome", "=", "failed").where("ip", "=", "192.0.2.2").execute();
    expect(failures.map((failure) => failure.account).sort()).toEqual([demoEmail("rapporteur"), "nobody@example.org"].sort());
  });

  it("parallel attempts from one address cannot get past the free tries", async () => {
    const db = getDb();
    const at = addMinutes(T0, 300);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(db, { email: "parallel@example.org", password: `guess ${i}`, ip: "198.18.0.1", now: at })),
    );
    const checked = results.filter((result) => !result.ok && result.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.pairFree);
    expect(results.some((result) => !result.ok && result.reason === "throttled")).toBe(true);
  });

  it("sign-out ends the session on the server", async () => {
    const db = getDb();
    const result = await signIn(db, { email: demoEmail("partner"), password: DEMO_PASSWORD, ip: null, now: T0 });
    if (!result.ok) throw new Error("sign-in failed");
    await signOut(db, { userId: result.userId, sessionId: result.session.id, ip: null });
    expect(await validateSessionToken(db, result.token, T0)).toBeNull();
  });
});

describe("changePassword", () => {
  it("is throttled like sign-in, so a stolen session cannot guess the password", async () => {
    const db = getDb();
    const user = await db.selectFrom("user").select("id").where("email", "=", demoEmail("admin")).executeTakeFirstOrThrow();
    const at = addMinutes(T0, 600);
    for (let i = 0; i < SIGN_IN_LIMITS.pairFree; i += 1) {
      expect(await changePassword(db, { userId: user.id, currentPassword: `guess ${i}`, newPassword: "whatever passphrase", ip: "192.0.2.77", now: at })).toEqual({
        ok: false,
        reason: "wrong-password",
      });
    }
    const blocked = await changePassword(db, { userId: user.id, currentPassword: DEMO_PASSWORD, newPassword: "whatever passphrase", ip: "192.0.2.77", now: at });
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("checks the current password, then ends every session and opens a fresh one", async () => {
    const db = getDb();
    const first = await signIn(db, { email: demoEmail("partner"), password: DEMO_PASSWORD, ip: null });
    if (!first.ok) throw new Error("sign-in failed");
    const other = await createSession(db, first.userId);

    expect(await changePassword(db, { userId: first.userId, currentPassword: "wrong", newPassword: "a brand new passphrase", ip: null })).toEqual({
      ok: false,
      reason: "wrong-password",
    });
    expect(await validateSessionToken(db, other.token)).not.toBeNull();

    const changed = await changePassword(db, { userId: first.userId, currentPassword: DEMO_PASSWORD, newPassword: "a brand new passphrase", ip: null });
    expect(changed.ok).toBe(true);
    expect(await validateSessionToken(db, first.token)).toBeNull();
    expect(await validateSessionToken(db, other.token)).toBeNull();
    if (changed.ok) expect(await validateSessionToken(db, changed.token)).not.toBeNull();
    expect((await signIn(db, { email: demoEmail("partner"), password: DEMO_PASSWORD, ip: null })).ok).toBe(false);
    expect((await signIn(db, { email: demoEmail("partner"), password: "a brand new passphrase", ip: null })).ok).toBe(true);
  });
});
