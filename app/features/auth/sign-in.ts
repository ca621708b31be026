import type { Db } from "#db/connect.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { verifyAgainstDecoy, verifyPassword } from "./passwords.ts";
import { createSession, invalidateSession, type NewSession } from "./sessions.ts";
import { sendSignInLink, type LinkContext } from "./sign-in-links.ts";
import { guardedPasswordCheck, recordSignIn, refusalOf, settleAttempt, type PasswordRefusal } from "./throttle.ts";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | ({ ok: true; userId: string; preferredLanguage: string | null } & NewSession)
  | { ok: false; reason: "invalid" }
  /**
   * The account is under attack: the password alone does not sign in. Said alike whether the
   * password was right (a link went to the mailbox: `emailId`, for the caller to send) or not.
   */
  | { ok: false; reason: "mailbox"; emailId: string | null }
  | PasswordRefusal;

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  now?: Date;
  /** Where and how a sign-in link is sent when the mailbox must be proved; without it (a script) none is. */
  link?: LinkContext;
}

/** Checks a password and opens a fresh session: a new token at every sign-in, never a reused one. */
export async function signIn(db: Db, input: SignInInput): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const account = normaliseEmail(input.email);
  const user = await db
    .selectFrom("user")
    .select(["id", "email", "password_hash", "preferred_language"])
    .where("email", "=", account)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const check = await guardedPasswordCheck(db, {
    account,
    ip: input.ip,
    now,
    check: () => (user?.password_hash ? verifyPassword(input.password, user.password_hash) : verifyAgainstDecoy(input.password)),
  });
  const refused = refusalOf(check);
  if (refused) return refused;
  if (check.outcome === "invalid") return check.mailboxProof ? { ok: false, reason: "mailbox", emailId: null } : { ok: false, reason: "invalid" };
  if (check.outcome !== "valid" || !user) return { ok: false, reason: "invalid" };
  const { attemptId } = check;
  if (check.mailboxProof) {
    const link = input.link;
    const emailId = await db.transaction().execute(async (trx) => {
      await settleAttempt(trx, attemptId, "mailbox");
      return link ? sendSignInLink(trx, { id: user.id, email: user.email, preferredLanguage: user.preferred_language }, { ...link, ip: input.ip, now }) : null;
    });
    return { ok: false, reason: "mailbox", emailId };
  }
  return db.transaction().execute(async (trx) => {
    const session = await createSession(trx, user.id, { ip: input.ip, userAgent: input.userAgent, now });
    await recordSignIn(trx, { userId: user.id, account, ip: input.ip, now, method: "password", attemptId });
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
