import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addMinutes, isoNow, newId } from "#app/features/ids.ts";
import { DEMO_PASSWORD, createMember, stateId } from "#tests/helpers.ts";
import { validateSessionToken } from "./sessions.ts";
import { SIGN_IN_LINK_MINUTES, findSignInLink, signInWithLink } from "./sign-in-links.ts";
import { signIn } from "./sign-in.ts";
import { SIGN_IN_LIMITS } from "./throttle.ts";
import { hashToken } from "./tokens.ts";

const T0 = new Date("2026-06-10T09:00:00Z");
const LINK = { baseUrl: "https://consulta.example.org", delivers: false, language: "en" } as const;

/** A day's attack on an account from as many addresses as it takes, as other servers recorded it. */
async function attacked(account: string, at: Date): Promise<void> {
  const rows = Array.from({ length: SIGN_IN_LIMITS.mailboxAfterFailures }, (_, i) => ({
    id: newId(),
    account,
    ip: `203.0.${Math.floor(i / 250)}.${i % 250}`,
    outcome: "failed" as const,
    attempts: 1,
    created_at: isoNow(at),
  }));
  await getDb().insertInto("sign_in_attempt").values(rows).execute();
}

async function linkEmails(to: string) {
  return getDb().selectFrom("email_outbox").select(["subject", "text_body", "status", "kind"]).where("to_address", "=", to).where("kind", "=", "sign_in_link").execute();
}

describe("proof of the mailbox for an account under attack", () => {
  it("below the daily number of failures, the right password signs in as usual", async () => {
    const member = await createMember(await stateId("SN"), "focal_point");
    await getDb()
      .insertInto("sign_in_attempt")
      .values(Array.from({ length: SIGN_IN_LIMITS.mailboxAfterFailures - 1 }, (_, i) => ({ id: newId(), account: member.email, ip: `203.0.113.${i}`, outcome: "failed" as const, attempts: 1, created_at: isoNow(T0) })))
      .execute();
    expect((await signIn(getDb(), { email: member.email, password: DEMO_PASSWORD, ip: "198.51.100.1", now: addMinutes(T0, 1), link: LINK })).ok).toBe(true);
  });

  it("past it, the right password sends a one-time link in the person's language instead of a session, and says the same as a wrong one", async () => {
    const db = getDb();
    const member = await createMember(await stateId("SN"), "focal_point");
    await db.updateTable("user").set({ preferred_language: "fr" }).where("id", "=", member.id).execute();
    await attacked(member.email, T0);
    const now = addMinutes(T0, 10);
    const sessionsBefore = await db.selectFrom("session").select("id").where("user_id", "=", member.id).execute();

    const wrong = await signIn(db, { email: member.email, password: "a wrong guess", ip: "198.51.100.2", now, link: LINK });
    expect(wrong).toEqual({ ok: false, reason: "mailbox", emailId: null });
    const right = await signIn(db, { email: member.email, password: DEMO_PASSWORD, ip: "198.51.100.2", now: addMinutes(now, 1), link: LINK });
    expect(right).toMatchObject({ ok: false, reason: "mailbox", emailId: expect.any(String) });
    expect(await db.selectFrom("session").select("id").where("user_id", "=", member.id).execute()).toEqual(sessionsBefore);

    const [email, ...more] = await linkEmails(member.email);
    expect(more).toEqual([]);
    expect(email).toMatchObject({ status: "logged", subject: "Votre lien de connexion à Consulta" });
    const token = /\/sign-in-link\/([a-z2-7]+)/.exec(email?.text_body ?? "")?.[1] ?? "";
    expect(email?.text_body).toContain(`https://consulta.example.org/sign-in-link/${token}`);
    // Stored hashed, like invitation tokens.
    const stored = await db.selectFrom("sign_in_link").selectAll().where("user_id", "=", member.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // A right password again moments later does not flood the mailbox.
    expect(await signIn(db, { email: member.email, password: DEMO_PASSWORD, ip: "198.51.100.3", now: addMinutes(now, 2), link: LINK })).toEqual({ ok: false, reason: "mailbox", emailId: null });
    expect(await linkEmails(member.email)).toHaveLength(1);

    // The link signs in once: a session, `auth.sign_in` in the audit trail.
    const usedAt = addMinutes(now, 5);
    expect(await findSignInLink(db, token, usedAt)).toEqual({ status: "pending", email: member.email });
    const signedIn = await signInWithLink(db, { token, ip: "198.51.100.2", now: usedAt });
    if (!signedIn.ok) throw new Error(signedIn.reason);
    expect(await validateSessionToken(db, signedIn.token, usedAt)).not.toBeNull();
    const audit = await db.selectFrom("audit_event").select(["detail", "ip"]).where("action", "=", "auth.sign_in").where("actor_user_id", "=", member.id).execute();
    expect(audit).toEqual([{ detail: JSON.stringify({ method: "link" }), ip: "198.51.100.2" }]);
    expect(await signInWithLink(db, { token, ip: "198.51.100.2", now: usedAt })).toEqual({ ok: false, reason: "used" });
  });

  it("a link expires after a short while, and an unknown one is refused", async () => {
    const db = getDb();
    const member = await createMember(await stateId("SN"), "focal_point");
    await attacked(member.email, T0);
    const sent = await signIn(db, { email: member.email, password: DEMO_PASSWORD, ip: "198.51.100.4", now: T0, link: { ...LINK, language: "es" } });
    expect(sent).toMatchObject({ reason: "mailbox", emailId: expect.any(String) });
    const [email] = await linkEmails(member.email);
    expect(email?.subject).toBe("Su enlace de inicio de sesión en Consulta");
    const token = /\/sign-in-link\/([a-z2-7]+)/.exec(email?.text_body ?? "")?.[1] ?? "";
    expect(await signInWithLink(db, { token, ip: null, now: addMinutes(T0, SIGN_IN_LINK_MINUTES + 1) })).toEqual({ ok: false, reason: "expired" });
    expect(await signInWithLink(db, { token: "a".repeat(52), ip: null, now: T0 })).toEqual({ ok: false, reason: "unknown" });
    expect(await signInWithLink(db, { token: "not a token", ip: null, now: T0 })).toEqual({ ok: false, reason: "unknown" });
  });
});
