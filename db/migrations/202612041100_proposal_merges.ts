import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// A proposal merged into another keeps the status and reason it had before, so that undoing the
// merge gives them back exactly (docs/decisions/0023-duplicates-and-merging.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("proposal").addColumn("status_before_merge", "text").execute();
  await db.schema.alterTable("proposal").addColumn("status_reason_before_merge", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("proposal").dropColumn("status_reason_before_merge").execute();
  await db.schema.alterTable("proposal").dropColumn("status_before_merge").execute();
}
