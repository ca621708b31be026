import type { Db } from "#db/connect.ts";
import { addMinutes, isoNow, newId } from "#app/features/ids.ts";

/** Failed password checks allowed in a window, per account and per client address. */
export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  perAccount: 5,
  perIp: 20,
} as const;

/** Written before a password is checked, so that parallel attempts see each other. */
export const PASSWORD_ATTEMPT = "auth.password_attempt";
export const SIGN_IN_FAILED = "auth.sign_in_failed";
export const SIGN_IN_SUCCEEDED = "auth.sign_in";
export const SIGN_IN_BLOCKED = "auth.sign_in_blocked";
/** A right password typed outside sign-in (password change, joining with an existing account). */
export const PASSWORD_VERIFIED = "auth.password_verified";
/** What counts against the limits: failures, and attempts whose outcome is not known yet. */
const COUNTED = [PASSWORD_ATTEMPT, SIGN_IN_FAILED];

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides from the audit trail whether another password check may be made, so that every app
 * server behind a load balancer sees the same count. A success clears the account's count; the
 * address's count only ages out. `attemptId` is the caller's own attempt, left out of the count.
 */
export async function checkSignInThrottle(
  db: Db,
  { account, ip, now = new Date(), attemptId }: { account: string; ip: string | null; now?: Date; attemptId?: string },
): Promise<ThrottleDecision> {
  const windowStart = isoNow(addMinutes(now, -SIGN_IN_LIMITS.windowMinutes));
  const lastSuccess = await db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("action", "in", [SIGN_IN_SUCCEEDED, PASSWORD_VERIFIED])
    .where("target_id", "=", account)
    .where("created_at", ">", windowStart)
    .executeTakeFirst();
  const accountSince = lastSuccess?.at && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  const accountFailures = await countedSince(db, "target_id", account, accountSince, attemptId);
  const ipFailures = ip ? await countedSince(db, "ip", ip, windowStart, attemptId) : [];

  const blockedUntil: string[] = [];
  if (accountFailures.length >= SIGN_IN_LIMITS.perAccount) blockedUntil.push(unblockTime(accountFailures, SIGN_IN_LIMITS.perAccount));
  if (ipFailures.length >= SIGN_IN_LIMITS.perIp) blockedUntil.push(unblockTime(ipFailures, SIGN_IN_LIMITS.perIp));
  if (blockedUntil.length === 0) return { allowed: true };
  const until = blockedUntil.sort().at(-1) as string;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000)) };
}

async function countedSince(db: Db, column: "target_id" | "ip", value: string, since: string, exclude?: string): Promise<string[]> {
  let query = db
    .selectFrom("audit_event")
    .select("created_at")
    .where("action", "in", COUNTED)
    .where(column, "=", value)
    .where("created_at", ">", since);
  if (exclude) query = query.where("id", "!=", exclude);
  const rows = await query.orderBy("created_at", "desc").execute();
  return rows.map((row) => row.created_at);
}

/** The moment the count falls back under the limit: when the limit-th newest failure ages out. */
function unblockTime(newestFirst: string[], limit: number): string {
  const pivot = newestFirst[limit - 1] as string;
  return isoNow(addMinutes(new Date(pivot), SIGN_IN_LIMITS.windowMinutes));
}

export type GuardedCheck = { outcome: "valid"; attemptId: string } | { outcome: "invalid" } | { outcome: "throttled"; retryAfterSeconds: number };

/**
 * Runs a password check under the limits, for every place a password is typed (sign-in,
 * password change, joining with an existing account). The attempt is recorded first; it then
 * becomes a failure, a block, or (for the caller to finish, with its session) a success.
 */
export async function guardedPasswordCheck(
  db: Db,
  input: { account: string; ip: string | null; now: Date; actorUserId: string | null; check: () => Promise<boolean> },
): Promise<GuardedCheck> {
  const attemptId = newId();
  await db
    .insertInto("audit_event")
    .values({
      id: attemptId,
      created_at: isoNow(input.now),
      actor_user_id: input.actorUserId,
      action: PASSWORD_ATTEMPT,
      target_type: "account",
      target_id: input.account,
      organisation_id: null,
      ip: input.ip,
      detail: null,
    })
    .execute();
  const decision = await checkSignInThrottle(db, { account: input.account, ip: input.ip, now: input.now, attemptId });
  if (!decision.allowed) {
    await settleAttempt(db, attemptId, SIGN_IN_BLOCKED);
    return { outcome: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  }
  if (!(await input.check())) {
    await settleAttempt(db, attemptId, SIGN_IN_FAILED);
    return { outcome: "invalid" };
  }
  return { outcome: "valid", attemptId };
}

/** Records how an attempt ended. */
export async function settleAttempt(db: Db, attemptId: string, action: string): Promise<void> {
  await db.updateTable("audit_event").set({ action }).where("id", "=", attemptId).execute();
}

