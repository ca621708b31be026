import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addDays } from "#app/features/ids.ts";
import { createMember, currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import {
  MAX_SESSIONS_PER_USER,
  SESSION_DAYS,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  purgeExpiredSessions,
  validateSessionToken,
} from "./sessions.ts";
import { hashToken } from "./tokens.ts";

const T0 = new Date("2026-03-01T10:00:00Z");

describe("sessions", () => {
  it("stores only the SHA-256 of the token and finds the session by the token", async () => {
    const db = getDb();
    const user = await currentUserFor(demoEmail("partner"));
    const { token, session } = await createSession(db, user.id, { now: T0, ip: "10.0.0.1" });
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(hashToken(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const stored = await db.selectFrom("session").selectAll().where("id", "=", session.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    const valid = await validateSessionToken(db, token, T0);
    expect(valid?.session).toEqual(stored);
    expect(valid?.user).toEqual({ id: user.id, email: user.email, name: user.name, preferred_language: user.preferredLanguage });
    expect(valid?.renewed).toBe(false);
  });

  it("gives a new token every time", async () => {
    const user = await currentUserFor(demoEmail("partner"));
    const a = await createSession(getDb(), user.id, { now: T0 });
    const b = await createSession(getDb(), user.id, { now: T0 });
    expect(a.token).not.toBe(b.token);
  });

  it("keeps at most 10 sessions per person: an eleventh ends the oldest", async () => {
    const db = getDb();
    const user = await createMember(await stateId("PH"), "focal_point");
    const opened = [];
    for (let i = 0; i < 11; i += 1) opened.push(await createSession(db, user.id, { now: new Date(T0.getTime() + i * 1000) }));
    const left = await db.selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(left).toHaveLength(10);
    expect(MAX_SESSIONS_PER_USER).toBe(10);
    expect(await validateSessionToken(db, opened[0]?.token ?? "", T0)).toBeNull();
    for (const kept of opened.slice(1)) expect(await validateSessionToken(db, kept.token, T0)).not.toBeNull();
  });

  it("slides: a session used in its second half is extended to a full 30 days", async () => {
    const db = getDb();
    const user = await currentUserFor(demoEmail("partner"));
    const { token } = await createSession(db, user.id, { now: T0 });
    const early = await validateSessionToken(db, token, addDays(T0, 10));
    expect(early?.renewed).toBe(false);
    const later = addDays(T0, 20);
    const renewed = await validateSessionToken(db, token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expires_at).toBe(addDays(later, SESSION_DAYS).toISOString());
    expect(await validateSessionToken(db, token, addDays(T0, 45))).not.toBeNull();
  });

  it("extends nothing when asked not to renew (requests that cannot send a new cookie)", async () => {
    const db = getDb();
    const user = await currentUserFor(demoEmail("partner"));
    const { token, session } = await createSession(db, user.id, { now: T0 });
    const valid = await validateSessionToken(db, token, addDays(T0, 20), { renew: false });
    expect(valid?.renewed).toBe(false);
    expect(valid?.session.expires_at).toBe(session.expires_at);
  });

  it("expires after 30 days without use and deletes the row", async () => {
    const db = getDb();
    const user = await currentUserFor(demoEmail("partner"));
    const { token, session } = await createSession(db, user.id, { now: T0 });
    expect(await validateSessionToken(db, token, addDays(T0, 31))).toBeNull();
    expect(await db.selectFrom("session").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("refuses malformed and unknown tokens", async () => {
    expect(await validateSessionToken(getDb(), "")).toBeNull();
    expect(await validateSessionToken(getDb(), "' or 1=1 --")).toBeNull();
    expect(await validateSessionToken(getDb(), "a".repeat(32))).toBeNull();
  });

  it("revokes one session, all sessions of a person, or all but one", async () => {
    const db = getDb();
    const user = await currentUserFor(demoEmail("rapporteur"));
    const a = await createSession(db, user.id, { now: T0 });
    const b = await createSession(db, user.id, { now: T0 });
    const c = await createSession(db, user.id, { now: T0 });
    await invalidateSession(db, a.session.id);
    expect(await validateSessionToken(db, a.token, T0)).toBeNull();
    expect(await invalidateUserSessions(db, user.id, b.session.id)).toBeGreaterThanOrEqual(1);
    expect(await validateSessionToken(db, c.token, T0)).toBeNull();
    expect(await validateSessionToken(db, b.token, T0)).not.toBeNull();
    await invalidateUserSessions(db, user.id);
    expect(await validateSessionToken(db, b.token, T0)).toBeNull();
  });

  it("purges expired sessions", async () => {
    const db = getDb();
    const user = await currentUserFor(demoEmail("admin"));
    const old = await createSession(db, user.id, { now: addDays(T0, -60) });
    const fresh = await createSession(db, user.id, { now: T0 });
    expect(await purgeExpiredSessions(db, T0)).toBeGreaterThanOrEqual(1);
    const ids = (await db.selectFrom("session").select("id").execute()).map((row) => row.id);
    expect(ids).not.toContain(old.session.id);
    expect(ids).toContain(fresh.session.id);
  });

  it("does not accept sessions of disabled accounts", async () => {
    const db = getDb();
    const user = await currentUserFor(demoEmail("focal_point"));
    const { token } = await createSession(db, user.id, { now: T0 });
    await db.updateTable("user").set({ disabled_at: T0.toISOString() }).where("id", "=", user.id).execute();
    expect(await validateSessionToken(db, token, T0)).toBeNull();
    await db.updateTable("user").set({ disabled_at: null }).where("id", "=", user.id).execute();
  });
});
