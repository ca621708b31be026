import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addDays, addMinutes, isoNow, newId } from "#app/features/ids.ts";
import type { SignInAttempt } from "#db/schema.ts";
import { DEMO_PASSWORD, createMember, demoEmail, stateId } from "#tests/helpers.ts";
import { signIn } from "./sign-in.ts";
import { SIGN_IN_LIMITS, checkSignInThrottle, purgeSignInRecords } from "./throttle.ts";

const T0 = new Date("2026-05-04T08:00:00Z");
const ATTACKER = "203.0.113.66";
const OWNER = "198.51.100.7";

/** Rows as other app servers, or earlier attempts, would have left them. */
async function recorded(account: string, outcome: SignInAttempt["outcome"], at: Date, ips: (string | null)[]): Promise<void> {
  await getDb()
    .insertInto("sign_in_attempt")
    .values(ips.map((ip) => ({ id: newId(), account, ip, outcome, attempts: 1, created_at: isoNow(at) })))
    .execute();
}

const addresses = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${i}`);

async function auditCount(): Promise<number> {
  const row = await getDb().selectFrom("audit_event").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("sign-in limits per account and address", () => {
  it("slows and then refuses the attacker's address, while the right password from another address still signs in", async () => {
    const db = getDb();
    const email = demoEmail("rapporteur");
    const attempt = (password: string, ip: string, minutes: number) => signIn(db, { email, password, ip, now: addMinutes(T0, minutes) });

    for (let i = 0; i < SIGN_IN_LIMITS.pairFree; i += 1) expect(await attempt("wrong password", ATTACKER, 0)).toEqual({ ok: false, reason: "invalid" });
    // Slowed: the sixth try waits a minute, even with the right password.
    expect(await attempt(DEMO_PASSWORD, ATTACKER, 0)).toMatchObject({ ok: false, reason: "throttled", limit: "failures", retryAfterSeconds: 60 });
    // The owner, elsewhere, is not locked out.
    expect((await attempt(DEMO_PASSWORD, OWNER, 0)).ok).toBe(true);

    // Each further failure doubles the wait: 1, 2, 4, 8 minutes...
    let minute = 0;
    for (let failures = SIGN_IN_LIMITS.pairFree; failures < SIGN_IN_LIMITS.pairRefused; failures += 1) {
      const wait = 2 ** (failures - SIGN_IN_LIMITS.pairFree);
      expect(await attempt("wrong password", ATTACKER, minute)).toMatchObject({ reason: "throttled", retryAfterSeconds: wait * 60 });
      minute += wait;
      expect(await attempt("wrong password", ATTACKER, minute)).toEqual({ ok: false, reason: "invalid" });
    }
    // Refused: ten failures within the hour; the address may try again when the first ages out.
    const refused = await attempt(DEMO_PASSWORD, ATTACKER, minute);
    expect(refused).toMatchObject({ ok: false, reason: "throttled", limit: "failures" });
    if (!refused.ok && refused.reason === "throttled") expect(refused.retryAfterSeconds).toBe((SIGN_IN_LIMITS.pairWindowMinutes - minute) * 60);
    expect((await attempt(DEMO_PASSWORD, OWNER, minute)).ok).toBe(true);
    expect((await attempt(DEMO_PASSWORD, ATTACKER, SIGN_IN_LIMITS.pairWindowMinutes + 1)).ok).toBe(true);
  }, 180_000);

  it("refuses an address that tries many accounts, for every account, and no other address", async () => {
    const db = getDb();
    const ip = "203.0.113.7";
    await recorded("guess@example.org", "failed", T0, Array(SIGN_IN_LIMITS.addressFailures).fill(ip));
    const decision = await checkSignInThrottle(db, { account: demoEmail("partner"), ip, now: addMinutes(T0, 1) });
    expect(decision).toMatchObject({ allowed: false, limit: "failures", byAddress: true, retryAfterSeconds: (SIGN_IN_LIMITS.addressWindowMinutes - 1) * 60 });
    expect(await checkSignInThrottle(db, { account: demoEmail("partner"), ip: "203.0.113.8", now: addMinutes(T0, 1) })).toEqual({ allowed: true, mailboxProof: false });
  });

  it("limits successful sign-ins per account and per address, before any password is checked", async () => {
    const db = getDb();
    const member = await createMember(await stateId("KE"), "focal_point");
    const at = addMinutes(T0, 5);
    await recorded(member.email, "succeeded", T0, addresses("192.0.2", SIGN_IN_LIMITS.accountSuccesses));
    const perAccount = await signIn(db, { email: member.email, password: DEMO_PASSWORD, ip: "192.0.2.200", now: at });
    expect(perAccount).toMatchObject({ ok: false, reason: "throttled", limit: "successes", retryAfterSeconds: (SIGN_IN_LIMITS.successWindowMinutes - 5) * 60 });

    const office = "198.51.100.99";
    const others = await Promise.all(Array.from({ length: 4 }, async () => (await createMember(await stateId("KE"), "focal_point")).email));
    for (let i = 0; i < SIGN_IN_LIMITS.addressSuccesses; i += 1) await recorded(others[i % others.length] as string, "succeeded", T0, [office]);
    const newcomer = await createMember(await stateId("KE"), "focal_point");
    expect(await signIn(db, { email: newcomer.email, password: DEMO_PASSWORD, ip: office, now: at })).toMatchObject({ ok: false, reason: "throttled", limit: "successes" });
    // Refused unchecked: nothing was recorded as checked, right or wrong.
    const checked = await db.selectFrom("sign_in_attempt").select("id").where("account", "in", [member.email, newcomer.email]).where("outcome", "in", ["pending", "failed"]).execute();
    expect(checked).toEqual([]);
    expect((await signIn(db, { email: newcomer.email, password: DEMO_PASSWORD, ip: "198.51.100.100", now: at })).ok).toBe(true);
  });

  it("folds refusals into one row per address and minute, and writes none to the audit trail", async () => {
    const db = getDb();
    const email = demoEmail("focal_point");
    const ip = "203.0.113.99";
    await recorded(email, "failed", T0, Array(SIGN_IN_LIMITS.pairRefused).fill(ip));
    const auditBefore = await auditCount();
    for (let i = 0; i < 40; i += 1) {
      expect(await signIn(db, { email, password: `guess ${i}`, ip, now: addMinutes(T0, 1) })).toMatchObject({ reason: "throttled" });
    }
    await signIn(db, { email, password: "one more guess", ip, now: addMinutes(T0, 2) });
    const blocked = await db.selectFrom("sign_in_attempt").select(["attempts", "created_at"]).where("ip", "=", ip).where("outcome", "=", "blocked").orderBy("created_at").execute();
    expect(blocked.map((row) => row.attempts)).toEqual([40, 1]);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("purges sign-in rows and links past their retention, and keeps the rest", async () => {
    const db = getDb();
    const now = addDays(T0, 200);
    const old = addDays(now, -SIGN_IN_LIMITS.retentionDays - 1);
    const recent = addDays(now, -SIGN_IN_LIMITS.retentionDays + 1);
    await recorded("old@example.org", "failed", old, ["192.0.2.50"]);
    await recorded("recent@example.org", "failed", recent, ["192.0.2.50"]);
    const user = await createMember(await stateId("KE"), "focal_point");
    for (const [id, at] of [["old-link", old], ["recent-link", recent]] as const) {
      await db
        .insertInto("sign_in_link")
        .values({ id, user_id: user.id, token_hash: `hash-${id}`, created_at: isoNow(at), expires_at: isoNow(addMinutes(at, 15)), used_at: null, ip: null })
        .execute();
    }
    expect(await purgeSignInRecords(db, now)).toBeGreaterThanOrEqual(2);
    const left = await db.selectFrom("sign_in_attempt").select("account").where("account", "in", ["old@example.org", "recent@example.org"]).execute();
    expect(left).toEqual([{ account: "recent@example.org" }]);
    expect(await db.selectFrom("sign_in_link").select("id").where("user_id", "=", user.id).execute()).toEqual([{ id: "recent-link" }]);
  });
});
