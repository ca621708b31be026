import type { Db } from "#db/connect.ts";
import { addMinutes, isoNow } from "#app/features/ids.ts";

/** Failed sign-ins allowed in a window, per account and per client address. */
export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  perAccount: 5,
  perIp: 20,
} as const;

export const SIGN_IN_FAILED = "auth.sign_in_failed";
export const SIGN_IN_SUCCEEDED = "auth.sign_in";

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides from the audit trail whether another attempt may be made, so that every app server
 * behind a load balancer sees the same count. A success clears the account's count; the
 * address's count only ages out.
 */
export async function checkSignInThrottle(
  db: Db,
  { account, ip, now = new Date() }: { account: string; ip: string | null; now?: Date },
): Promise<ThrottleDecision> {
  const windowStart = isoNow(addMinutes(now, -SIGN_IN_LIMITS.windowMinutes));
  const lastSuccess = await db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("action", "=", SIGN_IN_SUCCEEDED)
    .where("target_id", "=", account)
    .where("created_at", ">", windowStart)
    .executeTakeFirst();
  const accountSince = lastSuccess?.at && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  const accountFailures = await failuresSince(db, "target_id", account, accountSince);
  const ipFailures = ip ? await failuresSince(db, "ip", ip, windowStart) : [];

  const blockedUntil: string[] = [];
  if (accountFailures.length >= SIGN_IN_LIMITS.perAccount) {
    blockedUntil.push(unblockTime(accountFailures, SIGN_IN_LIMITS.perAccount));
  }
  if (ipFailures.length >= SIGN_IN_LIMITS.perIp) {
    blockedUntil.push(unblockTime(ipFailures, SIGN_IN_LIMITS.perIp));
  }
  if (blockedUntil.length === 0) return { allowed: true };
  const until = blockedUntil.sort().at(-1) as string;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000)) };
}

async function failuresSince(db: Db, column: "target_id" | "ip", value: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_event")
    .select("created_at")
    .where("action", "=", SIGN_IN_FAILED)
    .where(column, "=", value)
    .where("created_at", ">", since)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((row) => row.created_at);
}

/** The moment the count falls back under the limit: when the limit-th newest failure ages out. */
function unblockTime(newestFirst: string[], limit: number): string {
  const pivot = newestFirst[limit - 1] as string;
  return isoNow(addMinutes(new Date(pivot), SIGN_IN_LIMITS.windowMinutes));
}
