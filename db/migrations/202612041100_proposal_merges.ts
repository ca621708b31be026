import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// A proposal merged into another keeps the status and reason it had before, so that undoing the
// merge gives them back exactly (docs/decisions/0023-duplicates-and-merging.md). The two indexes
// let the duplicate suggestions check, before each question, whether a meeting's proposals or the
// objectives coded changed, by reading an index rather than the tables.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("proposal").addColumn("status_before_merge", "text").execute();
  await db.schema.alterTable("proposal").addColumn("status_reason_before_merge", "text").execute();
  await db.schema.createIndex("proposal_consultation_translated_idx").on("proposal").columns(["consultation_id", "translated_at"]).execute();
  await db.schema.createIndex("proposal_code_scheme_created_idx").on("proposal_code").columns(["scheme", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposal_code_scheme_created_idx").execute();
  await db.schema.dropIndex("proposal_consultation_translated_idx").execute();
  await db.schema.alterTable("proposal").dropColumn("status_reason_before_merge").execute();
  await db.schema.alterTable("proposal").dropColumn("status_before_merge").execute();
}
