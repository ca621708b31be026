import type { Db } from "#db/connect.ts";
import { addMinutes, isoNow } from "#app/features/ids.ts";
import { SIGN_IN_LIMITS } from "./throttle.ts";

/** One account's failed and refused sign-ins over the mailbox window, for the secretariat. */
export interface AccountUnderAttack {
  account: string;
  /** Whether the address tried is someone's account (attacks on unknown addresses are guesses). */
  known: boolean;
  failures: number;
  refused: number;
  addresses: number;
  lastAt: string;
  /** The password alone no longer signs this account in: a link goes to its mailbox. */
  mailboxProof: boolean;
}

/** One address's failed and refused sign-ins over the same window. */
export interface BusyAddress {
  ip: string;
  failures: number;
  refused: number;
  accounts: number;
  lastAt: string;
}

export interface SignInActivity {
  since: string;
  accounts: AccountUnderAttack[];
  addresses: BusyAddress[];
}

const SHOWN = 50;

/**
 * The accounts and addresses with failed or refused sign-ins over the last day, most failures
 * first: who is under attack, and from where. Counted in SQL; only the rows shown are read.
 */
export async function signInActivity(db: Db, now: Date = new Date()): Promise<SignInActivity> {
  const since = isoNow(addMinutes(now, -SIGN_IN_LIMITS.mailboxWindowHours * 60));
  const recent = db.selectFrom("sign_in_attempt").where("created_at", ">", since).where("outcome", "in", ["failed", "mailbox", "blocked"]);
  const failures = recent.select((eb) => [
    eb.fn.sum<number | string>(eb.case().when("outcome", "=", "blocked").then(0).else(eb.ref("attempts")).end()).as("failures"),
    eb.fn.sum<number | string>(eb.case().when("outcome", "=", "blocked").then(eb.ref("attempts")).else(0).end()).as("refused"),
    eb.fn.max("created_at").as("last_at"),
  ]);
  const accounts = await failures
    .select((eb) => ["account", eb.fn.count<number | string>("ip").distinct().as("addresses")])
    .groupBy("account")
    .orderBy("failures", "desc")
    .orderBy("refused", "desc")
    .orderBy("account")
    .limit(SHOWN)
    .execute();
  const addresses = await failures
    .select((eb) => ["ip", eb.fn.count<number | string>("account").distinct().as("accounts")])
    .where("ip", "is not", null)
    .groupBy("ip")
    .orderBy("failures", "desc")
    .orderBy("refused", "desc")
    .orderBy("ip")
    .limit(SHOWN)
    .execute();
  const emails = accounts.map((row) => row.account);
  const known = new Set(
    emails.length === 0 ? [] : (await db.selectFrom("user").select("email").where("email", "in", emails).execute()).map((row) => row.email),
  );
  return {
    since,
    accounts: accounts.map((row) => ({
      account: row.account,
      known: known.has(row.account),
      failures: Number(row.failures),
      refused: Number(row.refused),
      addresses: Number(row.addresses),
      lastAt: String(row.last_at),
      mailboxProof: Number(row.failures) >= SIGN_IN_LIMITS.mailboxAfterFailures,
    })),
    addresses: addresses.map((row) => ({
      ip: row.ip ?? "",
      failures: Number(row.failures),
      refused: Number(row.refused),
      accounts: Number(row.accounts),
      lastAt: String(row.last_at),
    })),
  };
}
