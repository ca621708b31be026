import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// One row per export someone asked for (docs/decisions/0032): what they asked, and what the
// background job made of it. The file itself lives in the data directory under `file_name`, which
// is set only once the file is complete, so that a row never points at a partial file.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("export_file")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("requested_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("consultation_id", "text", (c) => c.references("consultation.id"))
    .addColumn("meeting_id", "text", (c) => c.references("meeting.id"))
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("profile", "text", (c) => c.notNull())
    .addColumn("value_mode", "text", (c) => c.notNull())
    .addColumn("filters", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("job_id", "text")
    .addColumn("rows_expected", "integer")
    .addColumn("rows_written", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sha256", "text")
    .addColumn("file_name", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("export_file_requester").on("export_file").columns(["requested_by", "created_at"]).execute();
  await db.schema.createIndex("export_file_finished").on("export_file").columns(["status", "finished_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("export_file").execute();
}
