import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// /healthz proves that the database takes writes by writing one row here: a database that can
// still be read but no longer written (full, read-only, its file deleted) is reported, not only
// one that cannot be reached.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("health_check")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("health_check").execute();
}
