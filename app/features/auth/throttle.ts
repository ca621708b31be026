import type { Db } from "#db/connect.ts";
import type { SignInAttempt } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { addDays, addMinutes, isoNow, newId } from "#app/features/ids.ts";
import { PASSWORD_GATE, passwordGate, PasswordChecksBusy } from "./password-gate.ts";
import { hashToken } from "./tokens.ts";

/**
 * The sign-in limits (docs/decisions/0007). Failures are counted per account *and* address, so
 * that an attacker slows and then shuts only their own address out, never the account's owner;
 * past a day's worth of failures from everywhere, the password alone no longer signs in (a link
 * is sent to the mailbox instead). Successes are limited too: a right password costs as much CPU
 * as a wrong one.
 */
export const SIGN_IN_LIMITS = {
  /** Failures of one account from one address, since that address last signed in to it. */
  pairWindowMinutes: 60,
  /** That many go unhindered; each one more waits twice as long as the one before, from 1 minute. */
  pairFree: 5,
  /** From that many on, the address is refused for the account until the oldest ages out. */
  pairRefused: 10,
  /** Failures from one address across every account (password spraying). */
  addressWindowMinutes: 15,
  addressFailures: 30,
  /** Successful password checks (sign-ins, a password change, joining an organisation). */
  successWindowMinutes: 15,
  accountSuccesses: 30,
  addressSuccesses: 100,
  /** Failures of one account from all addresses together, past which the mailbox must be proved. */
  mailboxWindowHours: 24,
  mailboxAfterFailures: 100,
  /** How long the rows are kept, as evidence, before the maintenance purges them. */
  retentionDays: 90,
} as const;

/**
 * Attempts that count as failures: a wrong password, one being checked, or a right one that had
 * to prove the mailbox (which must not be told apart from a wrong one by its effect on the limits).
 */
const FAILURES: SignInAttempt["outcome"][] = ["pending", "failed", "mailbox"];
/** Attempts that count against the success limits: successes, and checks not finished yet. */
const SUCCESSES: SignInAttempt["outcome"][] = ["pending", "succeeded"];

/** Which kind of limit refused an attempt, and for how long. */
export type Refusal = { limit: "failures" | "successes"; retryAfterSeconds: number };
export type ThrottleDecision = ({ allowed: true; mailboxProof: boolean } | ({ allowed: false } & Refusal)) & {
  /** Whether a refusal comes from the address's failures across accounts, rather than from this account. */
  byAddress?: boolean;
};

interface Key {
  account: string;
  ip: string | null;
  now: Date;
  /** The caller's own attempt, left out of the counts. */
  attemptId?: string;
}

/** A limit reached: refused until `until`. */
interface Block {
  until: number;
  limit: Refusal["limit"];
  byAddress: boolean;
}

/**
 * Decides from the sign-in rows whether a password may be checked now for this account from
 * this address, so that every app server behind a load balancer sees the same counts.
 */
export async function checkSignInThrottle(db: Db, key: Key): Promise<ThrottleDecision> {
  const { account, ip, now } = key;
  const L = SIGN_IN_LIMITS;
  const blocks: Block[] = [];
  const add = (newestFirst: string[], count: number, windowMinutes: number, limit: Block["limit"], byAddress = false) => {
    const pivot = newestFirst[count - 1];
    if (pivot) blocks.push({ until: addMinutes(new Date(pivot), windowMinutes).getTime(), limit, byAddress });
  };

  const pairStart = isoNow(addMinutes(now, -L.pairWindowMinutes));
  const lastPairSuccess = await pairRows(db, key)
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("outcome", "=", "succeeded")
    .where("created_at", ">", pairStart)
    .executeTakeFirst();
  const pairSince = lastPairSuccess?.at && lastPairSuccess.at > pairStart ? lastPairSuccess.at : pairStart;
  const pair = await newest(pairRows(db, key), key, FAILURES, pairSince, L.pairRefused);
  add(pair, L.pairRefused, L.pairWindowMinutes, "failures");
  if (pair.length >= L.pairFree && pair.length < L.pairRefused) {
    const waitMinutes = 2 ** (pair.length - L.pairFree);
    blocks.push({ until: addMinutes(new Date(pair[0] as string), waitMinutes).getTime(), limit: "failures", byAddress: false });
  }

  const successSince = isoNow(addMinutes(now, -L.successWindowMinutes));
  const accountRows = attemptRows(db).where("account", "=", account);
  add(await newest(accountRows, key, SUCCESSES, successSince, L.accountSuccesses), L.accountSuccesses, L.successWindowMinutes, "successes");
  if (ip !== null) {
    const addressRows = attemptRows(db).where("ip", "=", ip);
    const addressSince = isoNow(addMinutes(now, -L.addressWindowMinutes));
    add(await newest(addressRows, key, FAILURES, addressSince, L.addressFailures), L.addressFailures, L.addressWindowMinutes, "failures", true);
    add(await newest(addressRows, key, SUCCESSES, successSince, L.addressSuccesses), L.addressSuccesses, L.successWindowMinutes, "successes", true);
  }

  const latest = blocks.filter((block) => block.until > now.getTime()).sort((a, b) => b.until - a.until)[0];
  if (latest) {
    const retryAfterSeconds = Math.max(1, Math.ceil((latest.until - now.getTime()) / 1000));
    return { allowed: false, limit: latest.limit, retryAfterSeconds, byAddress: latest.byAddress };
  }
  return { allowed: true, mailboxProof: (await dailyFailures(db, account, now, key.attemptId)) >= L.mailboxAfterFailures };
}

/** Failures of an account from every address over the mailbox window. */
async function dailyFailures(db: Db, account: string, now: Date, exclude?: string): Promise<number> {
  let query = db
    .selectFrom("sign_in_attempt")
    .select((eb) => eb.fn.sum<number | string>("attempts").as("n"))
    .where("account", "=", account)
    .where("outcome", "in", FAILURES)
    .where("created_at", ">", isoNow(addMinutes(now, -SIGN_IN_LIMITS.mailboxWindowHours * 60)));
  if (exclude) query = query.where("id", "!=", exclude);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

const attemptRows = (db: Db) => db.selectFrom("sign_in_attempt");
type AttemptQuery = ReturnType<typeof attemptRows>;

/** Rows of this account from this address (no address known: the rows without one). */
function pairRows(db: Db, key: Key): AttemptQuery {
  const byAccount = attemptRows(db).where("account", "=", key.account);
  return key.ip === null ? byAccount.where("ip", "is", null) : byAccount.where("ip", "=", key.ip);
}

/** The times of the newest `limit` rows with these outcomes since `since`, newest first. */
async function newest(query: AttemptQuery, key: Key, outcomes: SignInAttempt["outcome"][], since: string, limit: number): Promise<string[]> {
  let rows = query.select("created_at").where("outcome", "in", outcomes).where("created_at", ">", since);
  if (key.attemptId) rows = rows.where("id", "!=", key.attemptId);
  return (await rows.orderBy("created_at", "desc").limit(limit).execute()).map((row) => row.created_at);
}

export type GuardedCheck =
  | { outcome: "valid"; attemptId: string; mailboxProof: boolean }
  | { outcome: "invalid"; mailboxProof: boolean }
  | ({ outcome: "throttled" } & Refusal)
  | { outcome: "busy"; retryAfterSeconds: number };

/**
 * Runs a password check under the limits, for every place a password is typed (sign-in,
 * password change, joining with an existing account). The attempt is recorded first, so that
 * parallel attempts see each other; it then becomes a failure or (for the caller to settle, with
 * what the right password opens) a success. A refused attempt checks nothing and is folded into
 * one row per address and minute.
 */
export async function guardedPasswordCheck(db: Db, input: { account: string; ip: string | null; now: Date; check: () => Promise<boolean> }): Promise<GuardedCheck> {
  const key = { account: input.account, ip: input.ip, now: input.now };
  if (passwordGate.full()) return { outcome: "busy", retryAfterSeconds: PASSWORD_GATE.retryAfterSeconds };
  const before = await checkSignInThrottle(db, key);
  if (!before.allowed) return refuse(db, key, before);

  const attemptId = newId();
  await db.insertInto("sign_in_attempt").values({ id: attemptId, account: input.account, ip: input.ip, outcome: "pending", attempts: 1, created_at: isoNow(input.now) }).execute();
  const decision = await checkSignInThrottle(db, { ...key, attemptId });
  if (!decision.allowed) {
    await db.deleteFrom("sign_in_attempt").where("id", "=", attemptId).execute();
    return refuse(db, key, decision);
  }
  let valid: boolean;
  try {
    valid = await input.check();
  } catch (error) {
    // Not checked at all: the attempt does not count.
    await db.deleteFrom("sign_in_attempt").where("id", "=", attemptId).execute();
    if (error instanceof PasswordChecksBusy) return { outcome: "busy", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  if (!valid) {
    await settleAttempt(db, attemptId, "failed");
    return { outcome: "invalid", mailboxProof: decision.mailboxProof };
  }
  return { outcome: "valid", attemptId, mailboxProof: decision.mailboxProof };
}

async function refuse(db: Db, key: Key, decision: Refusal & { byAddress?: boolean }): Promise<GuardedCheck> {
  await recordRefusal(db, { ...key, byAddress: !!decision.byAddress });
  return { outcome: "throttled", limit: decision.limit, retryAfterSeconds: decision.retryAfterSeconds };
}

/** Why a password was not even checked, as every feature that takes one reports it. */
export type PasswordRefusal = { ok: false; reason: "throttled"; limit: Refusal["limit"]; retryAfterSeconds: number } | { ok: false; reason: "busy"; retryAfterSeconds: number };

export function refusalOf(check: GuardedCheck): PasswordRefusal | null {
  if (check.outcome === "throttled") return { ok: false, reason: "throttled", limit: check.limit, retryAfterSeconds: check.retryAfterSeconds };
  if (check.outcome === "busy") return { ok: false, reason: "busy", retryAfterSeconds: check.retryAfterSeconds };
  return null;
}

/**
 * A refused attempt, as evidence that costs little: one row per minute for the address (refused
 * across accounts) or for the account from that address, counting the attempts it stands for.
 */
async function recordRefusal(db: Db, { account, ip, now, byAddress }: Key & { byAddress: boolean }): Promise<void> {
  const minute = isoNow(now).slice(0, 16);
  const id = hashToken(byAddress && ip !== null ? `address\n${ip}\n${minute}` : `account\n${account}\n${ip ?? ""}\n${minute}`);
  await db
    .insertInto("sign_in_attempt")
    .values({ id, account, ip, outcome: "blocked", attempts: 1, created_at: isoNow(now) })
    .onConflict((conflict) => conflict.column("id").doUpdateSet((eb) => ({ attempts: eb("sign_in_attempt.attempts", "+", 1) })))
    .execute();
}

/** Records how an attempt ended: in the transaction of what a right password opened, for a success. */
export async function settleAttempt(db: Db, attemptId: string, outcome: "failed" | "succeeded" | "mailbox"): Promise<void> {
  await db.updateTable("sign_in_attempt").set({ outcome }).where("id", "=", attemptId).execute();
}

/** The audit action of every successful sign-in, whatever its way in. */
export const SIGN_IN_AUDIT_ACTION = "auth.sign_in";

/**
 * A sign-in that opened a session: a success for the limits (the password's attempt settled, or a
 * new row for a sign-in link) and `auth.sign_in` in the audit trail. Call it in the session's transaction.
 */
export async function recordSignIn(
  db: Db,
  input: { userId: string; account: string; ip: string | null; now: Date; method: "password" | "link" | "invitation"; attemptId?: string },
): Promise<void> {
  if (input.attemptId) await settleAttempt(db, input.attemptId, "succeeded");
  else await db.insertInto("sign_in_attempt").values({ id: newId(), account: input.account, ip: input.ip, outcome: "succeeded", attempts: 1, created_at: isoNow(input.now) }).execute();
  await recordAudit(db, {
    action: SIGN_IN_AUDIT_ACTION,
    actorUserId: input.userId,
    targetType: "account",
    targetId: input.account,
    ip: input.ip,
    now: input.now,
    detail: { method: input.method },
  });
}

/** Deletes the sign-in rows and links past their retention; run by the server's maintenance. */
export async function purgeSignInRecords(db: Db, now: Date = new Date()): Promise<number> {
  const before = isoNow(addDays(now, -SIGN_IN_LIMITS.retentionDays));
  const attempts = await db.deleteFrom("sign_in_attempt").where("created_at", "<", before).executeTakeFirst();
  const links = await db.deleteFrom("sign_in_link").where("created_at", "<", before).executeTakeFirst();
  return Number(attempts.numDeletedRows) + Number(links.numDeletedRows);
}
