import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addMinutes } from "#app/features/ids.ts";
import { DEMO_PASSWORD, demoEmail } from "#tests/helpers.ts";
import { changePassword } from "./passwords-change.ts";
import { createSession, validateSessionToken } from "./sessions.ts";
import { signIn, signOut } from "./sign-in.ts";
import { SIGN_IN_LIMITS, checkSignInThrottle } from "./throttle.ts";

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
    const events = await db.selectFrom("audit_event").select("target_id").where("action", "=", "auth.sign_in_failed").where("ip", "=", "192.0.2.2").execute();
    expect(events.map((event) => event.target_id).sort()).toEqual([demoEmail("rapporteur"), "nobody@example.org"].sort());
  });

  it("throttles an account after five failures in 15 minutes, even with the right password", async () => {
    const db = getDb();
    const email = demoEmail("focal_point");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i += 1) {
      const failed = await signIn(db, { email, password: "wrong password", ip: `198.51.100.${i}`, now: addMinutes(T0, i) });
      expect(failed.ok).toBe(false);
    }
    const blocked = await signIn(db, { email, password: DEMO_PASSWORD, ip: "198.51.100.99", now: addMinutes(T0, 5) });
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    if (!blocked.ok && blocked.reason === "throttled") {
      // The first failure (at T0) ages out at T0 + 15 min: 10 minutes after this attempt.
      expect(blocked.retryAfterSeconds).toBe(10 * 60);
    }
    const later = await signIn(db, { email, password: DEMO_PASSWORD, ip: "198.51.100.99", now: addMinutes(T0, 16) });
    expect(later.ok).toBe(true);
  });

  it("a success clears the account's count", async () => {
    const db = getDb();
    const email = demoEmail("admin");
    const start = addMinutes(T0, 60);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i += 1) {
      await signIn(db, { email, password: "wrong password", ip: "203.0.113.50", now: start });
    }
    expect((await signIn(db, { email, password: DEMO_PASSWORD, ip: "203.0.113.50", now: addMinutes(start, 1) })).ok).toBe(true);
    await signIn(db, { email, password: "wrong password", ip: "203.0.113.50", now: addMinutes(start, 2) });
    expect(await checkSignInThrottle(db, { account: email, ip: "203.0.113.50", now: addMinutes(start, 2) })).toEqual({ allowed: true });
  });

  it("throttles a client address that tries many accounts", async () => {
    const db = getDb();
    const ip = "203.0.113.7";
    const start = addMinutes(T0, 120);
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i += 1) {
      await signIn(db, { email: `guess${i}@example.org`, password: "password guess", ip, now: start });
    }
    const decision = await checkSignInThrottle(db, { account: "someone-else@example.org", ip, now: addMinutes(start, 1) });
    expect(decision).toMatchObject({ allowed: false });
    expect(await checkSignInThrottle(db, { account: "someone-else@example.org", ip: "203.0.113.8", now: addMinutes(start, 1) })).toEqual({ allowed: true });
    // Twenty real password checks (scrypt, memory-hard on purpose): slow on a busy machine.
  }, 60_000);

  it("parallel attempts cannot get past the limit", async () => {
    const db = getDb();
    const at = addMinutes(T0, 300);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(db, { email: "parallel@example.org", password: `guess ${i}`, ip: `198.18.0.${i}`, now: at })),
    );
    const checked = results.filter((result) => !result.ok && result.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount);
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
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i += 1) {
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
