import { sql, type Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// The inbox lists the proposals not withdrawn (nearly all of them) newest or last changed first.
// An index on withdrawn_at alone looked selective to a planner without statistics, which then read
// every current proposal and sorted them for each page (0.4 s for page 500 of 50,000). Partial
// indexes give each list its order directly, and count the current and the withdrawn ones alone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposal_withdrawn_idx").execute();
  await db.schema.createIndex("proposal_current_created_idx").on("proposal").columns(["created_at", "id"]).where(sql.ref("withdrawn_at"), "is", null).execute();
  await db.schema.createIndex("proposal_current_updated_idx").on("proposal").columns(["updated_at", "id"]).where(sql.ref("withdrawn_at"), "is", null).execute();
  await db.schema.createIndex("proposal_withdrawn_created_idx").on("proposal").columns(["created_at", "id"]).where(sql.ref("withdrawn_at"), "is not", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposal_withdrawn_created_idx").execute();
  await db.schema.dropIndex("proposal_current_updated_idx").execute();
  await db.schema.dropIndex("proposal_current_created_idx").execute();
  await db.schema.createIndex("proposal_withdrawn_idx").on("proposal").column("withdrawn_at").execute();
}
