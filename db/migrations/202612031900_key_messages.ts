import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// The rapporteurs' key messages of a meeting, in order, each citing the answers and proposals it
// rests on. A citation may quote a passage of its source, or only point at it (a count-only
// answer may be counted, never quoted).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("key_message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("agreed_by", "text", (c) => c.references("user.id"))
    .addColumn("agreed_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("key_message_meeting").on("key_message").columns(["meeting_id", "position"]).execute();
  await db.schema
    .createTable("key_message_citation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key_message_id", "text", (c) => c.notNull().references("key_message.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("response.id"))
    .addColumn("proposal_id", "text")
    .addColumn("question", "text")
    .addColumn("quote", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("key_message_citation_message").on("key_message_citation").columns(["key_message_id", "position"]).execute();
  await db.schema.createIndex("key_message_citation_response").on("key_message_citation").column("response_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("key_message_citation").execute();
  await db.schema.dropTable("key_message").execute();
}
