import type { Db } from "#db/connect.ts";
import type { EmailOutboxMessage } from "#db/schema.ts";
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

/**
 * Sends the pending messages through the transport, recording each outcome. Each message is
 * claimed first (pending -> sending), so that two senders never send the same one.
 */
export async function deliverPending(db: Db, transport: Transport, now: () => Date = () => new Date()): Promise<number> {
  const pending = await db.selectFrom("email_outbox").select("id").where("status", "=", "pending").orderBy("created_at").execute();
  let sent = 0;
  for (const { id } of pending) {
    const claimed = await db.updateTable("email_outbox").set({ status: "sending" }).where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const message = await db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    try {
      await transport({ to: message.to_address, subject: message.subject, text: message.text_body });
      await db
        .updateTable("email_outbox")
        .set({ status: "sent", sent_at: isoNow(now()), error: null, text_body: maskSecrets(message.text_body) })
        .where("id", "=", id)
        .execute();
      sent += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await db.updateTable("email_outbox").set({ status: "failed", error: reason.slice(0, 500) }).where("id", "=", id).execute();
    }
  }
  return sent;
}

export async function listOutbox(db: Db, { limit = 200 }: { limit?: number } = {}): Promise<EmailOutboxMessage[]> {
  return db.selectFrom("email_outbox").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}

export async function getOutboxMessage(db: Db, id: string): Promise<EmailOutboxMessage | undefined> {
  return db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
