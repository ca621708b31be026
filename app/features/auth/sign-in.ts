import type { Db } from "#db/connect.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { verifyAgainstDecoy, verifyPassword } from "./passwords.ts";
import { createSession, invalidateSession, type NewSession } from "./sessions.ts";
import { SIGN_IN_SUCCEEDED, guardedPasswordCheck, settleAttempt } from "./throttle.ts";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | ({ ok: true; userId: string; preferredLanguage: string | null } & NewSession)
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  now?: Date;
}

/** Checks a password and opens a fresh session: a new token at every sign-in, never a reused one. */
export async function signIn(db: Db, input: SignInInput): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const account = normaliseEmail(input.email);
  const user = await db
    .selectFrom("user")
    .select(["id", "password_hash", "preferred_language"])
    .where("email", "=", account)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const check = await guardedPasswordCheck(db, {
    account,
    ip: input.ip,
    now,
    actorUserId: user?.id ?? null,
    check: () => (user?.password_hash ? verifyPassword(input.password, user.password_hash) : verifyAgainstDecoy(input.password)),
  });
  if (check.outcome === "throttled") return { ok: false, reason: "throttled", retryAfterSeconds: check.retryAfterSeconds };
  if (check.outcome === "invalid" || !user) return { ok: false, reason: "invalid" };
  return db.transaction().execute(async (trx) => {
    const session = await createSession(trx, user.id, { ip: input.ip, userAgent: input.userAgent, now });
    await settleAttempt(trx, check.attemptId, SIGN_IN_SUCCEEDED);
    return { ok: true as const, userId: user.id, preferredLanguage: user.preferred_language, ...session };
  });
}

/** Ends one session on the server, so that its token is worthless even if it was copied. */
export async function signOut(db: Db, input: { userId: string; sessionId: string; ip: string | null; now?: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await invalidateSession(trx, input.sessionId);
    await recordAudit(trx, { action: "auth.sign_out", actorUserId: input.userId, targetType: "user", targetId: input.userId, ip: input.ip, now: input.now });
  });
}
