import type { Db } from "#db/connect.ts";

/*
 * A meeting's key-messages page changes only that meeting's messages: an id of another meeting's
 * message (or of its citation) posted there is unknown to it. A message never moves to another
 * meeting, so the check holds for the change that follows it.
 */

export async function isMessageOfMeeting(db: Db, meetingId: string, messageId: string): Promise<boolean> {
  const row = await db.selectFrom("key_message").select("id").where("id", "=", messageId).where("meeting_id", "=", meetingId).executeTakeFirst();
  return row !== undefined;
}

export async function isCitationOfMeeting(db: Db, meetingId: string, citationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("key_message_citation")
    .innerJoin("key_message", "key_message.id", "key_message_citation.key_message_id")
    .select("key_message_citation.id")
    .where("key_message_citation.id", "=", citationId)
    .where("key_message.meeting_id", "=", meetingId)
    .executeTakeFirst();
  return row !== undefined;
}
