import type { Db } from "#db/connect.ts";
import type { EmailOutboxMessage } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isoNow, newId } from "#app/features/ids.ts";

export interface OutgoingEmail {
  kind: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; resolves when the SMTP server accepted it. */
export type Transport = (message: { to: string; subject: string; text: string }) => Promise<void>;

/**
 * Keeps every message in the outbox, inside the caller's transaction, so that nothing is lost if
 * sending fails. Without a transport the message is only logged there, for admins to read.
 */
export async function queueEmail(db: Db, email: OutgoingEmail, options: { delivers: boolean; now?: Date }): Promise<string> {
  const id = newId();
  await db
    .insertInto("email_outbox")
    .values({
      id,
      kind: email.kind,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      status: options.delivers ? "pending" : "logged",
      error: null,
      created_at: isoNow(options.now),
      sent_at: null,
      attempts: 0,
      next_attempt_at: null,
      claimed_at: null,
    })
    .execute();
  return id;
}

/**
 * Long single-use tokens (invitation links) in a message. Once the SMTP server has the message,
 * they are masked in the stored copy so that the outbox never holds a usable link.
 */
const SECRET_TOKEN = /\b[a-z2-7]{40,}\b/g;

export function maskSecrets(text: string): string {
  return text.replace(SECRET_TOKEN, "[…]");
}

/** How many times a message is tried before it is marked failed. */
export const MAX_ATTEMPTS = 6;

/** The waits before the second, third… attempt: about half a day in all. */
export const RETRY_DELAYS_MS = [5, 15, 60, 180, 480].map((minutes) => minutes * 60_000);

/**
 * A message "being sent" for longer than this was taken by a process that stopped meanwhile (a
 * restart, a crash): it is taken up again. The SMTP transport gives up well before (20 s).
 */
export const STUCK_AFTER_MS = 15 * 60_000;

type OutboxRow = Pick<EmailOutboxMessage, "id" | "status" | "claimed_at">;

/**
 * Whether a failure will not pass by trying again: the mail server refused the message for good
 * (an SMTP reply in the 500s, such as an unknown mailbox). Anything else (no connection, a
 * timeout, a 4xx reply such as a full mailbox or greylisting) is tried again later.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { responseCode?: unknown }).responseCode : undefined;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * Takes one message for sending (pending -> sending, or a stuck "sending" taken up again), so
 * that two senders never send it both; then sends it and records the outcome: sent, due again
 * after a wait, or failed once the attempts are spent or the server refused it for good.
 */
async function claimAndSend(db: Db, transport: Transport, row: OutboxRow, now: () => Date): Promise<boolean> {
  const claimedAt = isoNow(now());
  let claim = db
    .updateTable("email_outbox")
    .set((eb) => ({ status: "sending", claimed_at: claimedAt, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", row.id)
    .where("status", "=", row.status);
  claim = row.claimed_at === null ? claim.where("claimed_at", "is", null) : claim.where("claimed_at", "=", row.claimed_at);
  const claimed = await claim.executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  const message = await db.selectFrom("email_outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
  try {
    await transport({ to: message.to_address, subject: message.subject, text: message.text_body });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const delay = RETRY_DELAYS_MS[message.attempts - 1];
    const retry = !isPermanentFailure(error) && message.attempts < MAX_ATTEMPTS && delay !== undefined;
    await db
      .updateTable("email_outbox")
      .set(retry ? { status: "pending", error: reason, claimed_at: null, next_attempt_at: isoNow(new Date(now().getTime() + delay)) } : { status: "failed", error: reason, claimed_at: null, next_attempt_at: null })
      .where("id", "=", row.id)
      .execute();
    return false;
  }
  await db
    .updateTable("email_outbox")
    .set({ status: "sent", sent_at: isoNow(now()), error: null, claimed_at: null, next_attempt_at: null, text_body: maskSecrets(message.text_body) })
    .where("id", "=", row.id)
    .execute();
  return true;
}

/**
 * Sends the messages that are due: pending ones whose wait is over, and those a stopped process
 * left "being sent". Returns how many were sent.
 */
export async function deliverPending(db: Db, transport: Transport, now: () => Date = () => new Date()): Promise<number> {
  const at = now();
  const stamp = isoNow(at);
  const stuckSince = isoNow(new Date(at.getTime() - STUCK_AFTER_MS));
  const due = await db
    .selectFrom("email_outbox")
    .select(["id", "status", "claimed_at"])
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", stamp)])]),
        eb.and([eb("status", "=", "sending"), eb("claimed_at", "<=", stuckSince)]),
      ]),
    )
    .orderBy("created_at")
    .execute();
  let sent = 0;
  for (const row of due) if (await claimAndSend(db, transport, row, now)) sent += 1;
  return sent;
}

/** Sends one pending message now (one just queued): whether it was sent. */
export async function deliverMessage(db: Db, transport: Transport, id: string, now: () => Date = () => new Date()): Promise<boolean> {
  const row = await db.selectFrom("email_outbox").select(["id", "status", "claimed_at"]).where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
  return row ? claimAndSend(db, transport, row, now) : false;
}

/**
 * Puts a failed message back in line with a fresh set of attempts (the address was corrected at
 * the other end, the mail server is back). Only failed messages: a sent one no longer holds its
 * link. Recorded in the audit trail.
 */
export async function resendMessage(db: Db, actor: { id: string }, id: string, context: { ip: string | null; now?: Date }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("email_outbox")
      .set({ status: "pending", attempts: 0, error: null, next_attempt_at: null, claimed_at: null })
      .where("id", "=", id)
      .where("status", "=", "failed")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { action: "email.resent", actorUserId: actor.id, targetType: "email", targetId: id, ip: context.ip, now: context.now });
    return true;
  });
}

export async function listOutbox(db: Db, { limit = 200 }: { limit?: number } = {}): Promise<EmailOutboxMessage[]> {
  return db.selectFrom("email_outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}

export async function getOutboxMessage(db: Db, id: string): Promise<EmailOutboxMessage | undefined> {
  return db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
