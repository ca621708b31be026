import type { Db } from "#db/connect.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isoNow } from "#app/features/ids.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { createSession, invalidateUserSessions, type NewSession } from "./sessions.ts";
import { PASSWORD_VERIFIED, guardedPasswordCheck, settleAttempt } from "./throttle.ts";

export type ChangePasswordResult =
  | ({ ok: true; sessionsEnded: number } & NewSession)
  | { ok: false; reason: "wrong-password" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Changes a password after checking the current one. Every session of the person ends, the
 * one that asked included; that one gets a fresh session so that its owner stays signed in.
 */
export async function changePassword(
  db: Db,
  input: {
    userId: string;
    currentPassword: string;
    newPassword: string;
    ip: string | null;
    userAgent?: string | null;
    now?: Date;
  },
): Promise<ChangePasswordResult> {
  const now = input.now ?? new Date();
  const user = await db.selectFrom("user").select(["email", "password_hash"]).where("id", "=", input.userId).executeTakeFirstOrThrow();
  const check = await guardedPasswordCheck(db, {
    account: user.email,
    ip: input.ip,
    now,
    actorUserId: input.userId,
    check: async () => !!user.password_hash && (await verifyPassword(input.currentPassword, user.password_hash)),
  });
  if (check.outcome === "throttled") return { ok: false, reason: "throttled", retryAfterSeconds: check.retryAfterSeconds };
  if (check.outcome === "invalid") return { ok: false, reason: "wrong-password" };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("user")
      .set({ password_hash: passwordHash, updated_at: isoNow(now) })
      .where("id", "=", input.userId)
      .execute();
    await settleAttempt(trx, check.attemptId, PASSWORD_VERIFIED);
    const sessionsEnded = await invalidateUserSessions(trx, input.userId);
    const session = await createSession(trx, input.userId, { ip: input.ip, userAgent: input.userAgent, now });
    await recordAudit(trx, {
      action: "auth.password_changed",
      actorUserId: input.userId,
      targetType: "user",
      targetId: input.userId,
      ip: input.ip,
      now,
      detail: { sessionsEnded },
    });
    return { ok: true as const, sessionsEnded, ...session };
  });
}
