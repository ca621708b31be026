import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addMinutes, isoNow, newId } from "#app/features/ids.ts";
import type { SignInAttempt } from "#db/schema.ts";
import { demoEmail } from "#tests/helpers.ts";
import { signInActivity } from "./sign-in-activity.ts";
import { SIGN_IN_LIMITS } from "./throttle.ts";

const NOW = new Date("2026-07-01T12:00:00Z");

async function rows(account: string, ip: string, outcome: SignInAttempt["outcome"], n: number, { attempts = 1, hoursAgo = 1 } = {}): Promise<void> {
  const at = isoNow(addMinutes(NOW, -hoursAgo * 60));
  await getDb()
    .insertInto("sign_in_attempt")
    .values(Array.from({ length: n }, () => ({ id: newId(), account, ip, outcome, attempts, created_at: at })))
    .execute();
}

describe("sign-in activity", () => {
  it("lists the accounts and addresses with failed or refused sign-ins over the last day, most failures first", async () => {
    const admin = demoEmail("admin");
    await rows(admin, "203.0.113.1", "failed", 60);
    await rows(admin, "203.0.113.2", "failed", 39);
    await rows(admin, "203.0.113.2", "mailbox", 1);
    await rows(admin, "203.0.113.2", "blocked", 1, { attempts: 25 });
    await rows("nobody@example.org", "203.0.113.1", "failed", 3);
    await rows(admin, "203.0.113.1", "succeeded", 4);
    // Older than the window, or not a failure: not shown.
    await rows("old@example.org", "203.0.113.9", "failed", 5, { hoursAgo: SIGN_IN_LIMITS.mailboxWindowHours + 1 });

    const activity = await signInActivity(getDb(), NOW);
    expect(activity.accounts.map(({ lastAt: _lastAt, ...row }) => row)).toEqual([
      { account: admin, known: true, failures: 100, refused: 25, addresses: 2, mailboxProof: true },
      { account: "nobody@example.org", known: false, failures: 3, refused: 0, addresses: 1, mailboxProof: false },
    ]);
    expect(activity.addresses.map(({ lastAt: _lastAt, ...row }) => row)).toEqual([
      { ip: "203.0.113.1", failures: 63, refused: 0, accounts: 2 },
      { ip: "203.0.113.2", failures: 40, refused: 25, accounts: 1 },
    ]);
  });
});
