import type { Db } from "#db/connect.ts";
import type { Session, User } from "#db/schema.ts";
import { addDays, isoNow } from "#app/features/ids.ts";
import { generateToken, hashToken } from "./tokens.ts";

export const SESSION_DAYS = 30;
/** Sessions one person may hold at once (devices, browsers): a new one ends the oldest past this. */
export const MAX_SESSIONS_PER_USER = 10;
/** A session used in its last half is extended to a full SESSION_DAYS again. */
const RENEW_WITHIN_DAYS = SESSION_DAYS / 2;

export interface SessionContext {
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}

export interface NewSession {
  token: string;
  session: Session;
}

/**
 * Starts a session for a user: the token goes in the cookie, only its hash is stored. The
 * person's oldest sessions past MAX_SESSIONS_PER_USER end, so that sign-ins cannot pile them up.
 */
export async function createSession(db: Db, userId: string, context: SessionContext = {}): Promise<NewSession> {
  const now = context.now ?? new Date();
  const token = generateToken();
  const session: Session = {
    id: hashToken(token),
    user_id: userId,
    created_at: isoNow(now),
    expires_at: isoNow(addDays(now, SESSION_DAYS)),
    ip: context.ip ?? null,
    user_agent: context.userAgent?.slice(0, 300) ?? null,
  };
  await db.insertInto("session").values(session).execute();
  const others = await db
    .selectFrom("session")
    .select("id")
    .where("user_id", "=", userId)
    .where("id", "!=", session.id)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  const ended = others.slice(MAX_SESSIONS_PER_USER - 1).map((row) => row.id);
  if (ended.length > 0) await db.deleteFrom("session").where("id", "in", ended).execute();
  return { token, session };
}

/** What a request needs to know of the person a session is of. */
export type SessionUser = Pick<User, "id" | "email" | "name" | "preferred_language">;

export interface ValidSession {
  session: Session;
  /** The person signed in, read with the session: never a disabled account. */
  user: SessionUser;
  /** True when the expiry moved, so the cookie must be sent again with the new date. */
  renewed: boolean;
}

/**
 * Finds the live session a token stands for. With `renew`, a session past half its life is
 * extended; only a caller that sends the new cookie back may ask for that.
 */
export async function validateSessionToken(
  db: Db,
  token: string,
  now: Date = new Date(),
  { renew = true }: { renew?: boolean } = {},
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .selectAll("session")
    .select(["user.email", "user.name", "user.preferred_language"])
    .where("session.id", "=", id)
    .where("user.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const { email, name, preferred_language, ...session } = row;
  const user = { id: session.user_id, email, name, preferred_language };
  if (session.expires_at <= isoNow(now)) {
    await db.deleteFrom("session").where("id", "=", id).execute();
    return null;
  }
  if (renew && session.expires_at <= isoNow(addDays(now, RENEW_WITHIN_DAYS))) {
    const expires_at = isoNow(addDays(now, SESSION_DAYS));
    await db.updateTable("session").set({ expires_at }).where("id", "=", id).execute();
    return { session: { ...session, expires_at }, user, renewed: true };
  }
  return { session, user, renewed: false };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, except the one named (the one that asked, if any). */
export async function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<number> {
  let query = db.deleteFrom("session").where("user_id", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function purgeExpiredSessions(db: Db, now: Date = new Date()): Promise<number> {
  const result = await db.deleteFrom("session").where("expires_at", "<=", isoNow(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
