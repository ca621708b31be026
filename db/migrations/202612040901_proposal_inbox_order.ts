import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// The inbox lists every consultation's proposals newest (or last changed) first, page by page:
// these indexes give that order without sorting 50,000 rows for each page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("proposal_created_idx").on("proposal").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("proposal_updated_idx").on("proposal").columns(["updated_at", "id"]).execute();
  // Counting the current and the withdrawn proposals reads this index alone.
  await db.schema.createIndex("proposal_withdrawn_idx").on("proposal").column("withdrawn_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposal_withdrawn_idx").execute();
  await db.schema.dropIndex("proposal_updated_idx").execute();
  await db.schema.dropIndex("proposal_created_idx").execute();
}
