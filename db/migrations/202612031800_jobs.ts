import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// Background work (translations, large exports) is a row here, claimed by one server process at a
// time through a conditional update, so that it runs once whatever the number of servers and is
// taken up again after a restart. `dedupe_key` lets a caller ask for work that may already be
// queued (the same proposal's translation) without queuing it twice.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_after", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text")
    .addColumn("progress", "text")
    .addColumn("result", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("job_due").on("job").columns(["status", "run_after"]).execute();
  await db.schema.createIndex("job_dedupe").on("job").columns(["kind", "dedupe_key", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job").execute();
}
