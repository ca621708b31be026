import type { Db } from "#db/connect.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isoNow } from "#app/features/ids.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { createSession, invalidateUserSessions, type NewSession } from "./sessions.ts";
import { PasswordChecksBusy } from "./password-gate.ts";
import { guardedPasswordCheck, refusalOf, settleAttempt, type PasswordRefusal } from "./throttle.ts";

export type ChangePasswordResult = ({ ok: true; sessionsEnded: number } & NewSession) | { ok: false; reason: "wrong-password" } | PasswordRefusal;

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
    check: async () => !!user.password_hash && (await verifyPassword(input.currentPassword, user.password_hash)),
  });
  const refused = refusalOf(check);
  if (refused) return refused;
  if (check.outcome !== "valid") return { ok: false, reason: "wrong-password" };
  const { attemptId } = check;
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(input.newPassword);
  } catch (error) {
    if (!(error instanceof PasswordChecksBusy)) throw error;
    await settleAttempt(db, attemptId, "succeeded");
    return { ok: false, reason: "busy", retryAfterSeconds: error.retryAfterSeconds };
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("user")
      .set({ password_hash: passwordHash, updated_at: isoNow(now) })
      .where("id", "=", input.userId)
      .execute();
    await settleAttempt(trx, attemptId, "succeeded");
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
