import type { Db } from "#db/connect.ts";
import type { EmailOutboxMessage } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import type { Language } from "#app/i18n/languages.ts";

export interface OutgoingEmail {
  kind: string;
  /** The invitation the message carries, withdrawn with it. */
  invitationId?: string;
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
      invitation_id: email.invitationId ?? null,
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

type OutboxRow = Pick<EmailOutboxMessage, "id" | "status" | "claimed_at" | "attempts">;

/** What became of one message handed to `claimAndSend`. */
export type DeliveryOutcome = "sent" | "retry" | "failed" | "not-claimed";

/** The SMTP commands whose refusal is about this message (its sender, a recipient, its content). */
const MESSAGE_COMMANDS = new Set(["MAIL FROM", "RCPT TO", "DATA"]);

/**
 * Whether a failure will not pass by trying again: the mail server refused this message for good
 * (a 5xx reply to its sender, recipients or content, such as an unknown mailbox). Anything else
 * is tried again later: no connection, a timeout, a 4xx reply (a full mailbox, greylisting), and
 * a refused sign-in or greeting, which are the server's settings and are mended for all messages.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600 && typeof command === "string" && MESSAGE_COMMANDS.has(command);
}

/**
 * Takes one message for sending (pending -> sending, or a stuck "sending" taken up again): the
 * claim matches the state the message was read in, attempts included, so that two senders never
 * both send it and a message that failed meanwhile keeps its wait. Then sends it and records the
 * outcome, only while the claim is still this sender's: sent, due again after a wait, or failed
 * once the attempts are spent or the server refused it for good.
 */
async function claimAndSend(db: Db, transport: Transport, row: OutboxRow, now: () => Date): Promise<DeliveryOutcome> {
  const claimedAt = isoNow(now());
  let claim = db
    .updateTable("email_outbox")
    .set((eb) => ({ status: "sending", claimed_at: claimedAt, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", row.id)
    .where("status", "=", row.status)
    .where("attempts", "=", row.attempts);
  claim = row.claimed_at === null ? claim.where("claimed_at", "is", null) : claim.where("claimed_at", "=", row.claimed_at);
  const message = await claim.returningAll().executeTakeFirst();
  if (!message) return "not-claimed";
  /** Records the outcome unless another sender took the message over meanwhile (it was stuck). */
  const record = async (outcome: DeliveryOutcome, values: Partial<Pick<EmailOutboxMessage, "status" | "error" | "sent_at" | "next_attempt_at" | "text_body">>): Promise<DeliveryOutcome> => {
    const result = await db
      .updateTable("email_outbox")
      .set({ ...values, claimed_at: null })
      .where("id", "=", row.id)
      .where("status", "=", "sending")
      .where("claimed_at", "=", claimedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? outcome : "not-claimed";
  };
  try {
    await transport({ to: message.to_address, subject: message.subject, text: message.text_body });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const delay = RETRY_DELAYS_MS[message.attempts - 1];
    if (isPermanentFailure(error) || message.attempts >= MAX_ATTEMPTS || delay === undefined) {
      return record("failed", { status: "failed", error: reason, next_attempt_at: null });
    }
    return record("retry", { status: "pending", error: reason, next_attempt_at: isoNow(new Date(now().getTime() + delay)) });
  }
  return record("sent", { status: "sent", sent_at: isoNow(now()), error: null, next_attempt_at: null, text_body: maskSecrets(message.text_body) });
}

const DUE_COLUMNS = ["id", "status", "claimed_at", "attempts"] as const;

/**
 * Sends the messages that are due: pending ones whose wait is over, and those a stopped process
 * left "being sent". One message's trouble (the database busy when its outcome is recorded) is
 * logged and does not hold up the others. Returns how many were sent.
 */
export async function deliverPending(db: Db, transport: Transport, now: () => Date = () => new Date()): Promise<number> {
  const at = now();
  const stamp = isoNow(at);
  const stuckSince = isoNow(new Date(at.getTime() - STUCK_AFTER_MS));
  const due = await db
    .selectFrom("email_outbox")
    .select(DUE_COLUMNS)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", stamp)])]),
        eb.and([eb("status", "=", "sending"), eb("claimed_at", "<=", stuckSince)]),
      ]),
    )
    .orderBy("created_at")
    .execute();
  let sent = 0;
  for (const row of due) {
    try {
      if ((await claimAndSend(db, transport, row, now)) === "sent") sent += 1;
    } catch (error) {
      console.error(`E-mail ${row.id} could not be delivered:`, error);
    }
  }
  return sent;
}

/** Sends one pending message now (one just queued, or put back in line), if no other sender has it. */
export async function deliverMessage(db: Db, transport: Transport, id: string, now: () => Date = () => new Date()): Promise<DeliveryOutcome> {
  const row = await db.selectFrom("email_outbox").select(DUE_COLUMNS).where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
  return row ? claimAndSend(db, transport, row, now) : "not-claimed";
}

/** Messages not sent yet, or kept for the secretariat to pass on. */
const WITHDRAWABLE = ["logged", "pending", "failed"] as const;

/**
 * Withdraws what is still to be sent (or passed on by hand) for invitations that were revoked:
 * their links no longer work. Call it inside the revocation's transaction.
 */
export async function withdrawInvitationEmails(db: Db, invitationIds: readonly string[]): Promise<void> {
  if (invitationIds.length === 0) return;
  const waiting = await db
    .selectFrom("email_outbox")
    .select(["id", "text_body"])
    .where("invitation_id", "in", invitationIds)
    .where("status", "in", WITHDRAWABLE)
    .execute();
  for (const message of waiting) {
    await db
      .updateTable("email_outbox")
      .set({ status: "withdrawn", next_attempt_at: null, text_body: maskSecrets(message.text_body) })
      .where("id", "=", message.id)
      .where("status", "in", WITHDRAWABLE)
      .execute();
  }
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

/** When a pending message that failed before is due again, as the outbox pages show it; none for any other. */
export function formatNextAttempt(message: Pick<EmailOutboxMessage, "status" | "next_attempt_at">, language: Language): string | null {
  return message.status === "pending" && message.next_attempt_at ? formatDateTime(message.next_attempt_at, language) : null;
}

export async function listOutbox(db: Db, { limit = 200 }: { limit?: number } = {}): Promise<EmailOutboxMessage[]> {
  return db.selectFrom("email_outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}

export async function getOutboxMessage(db: Db, id: string): Promise<EmailOutboxMessage | undefined> {
  return db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
