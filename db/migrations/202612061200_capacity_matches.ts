import { sql, type Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// The rapporteurs' decisions on suggested matches between a capacity need and an offer or a
// retained proposal (docs/decisions/0029). Suggestions themselves are computed, never stored:
// only a confirmation or a dismissal is, one per need and candidate.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("capacity_match")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id"))
    .addColumn("need_id", "text", (c) => c.notNull().references("capacity_need.id").onDelete("cascade"))
    .addColumn("offer_id", "text", (c) => c.references("capacity_offer.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.references("proposal.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    // A decision is about exactly one candidate: an offer or a proposal.
    .addCheckConstraint("capacity_match_one_candidate", sql`(offer_id is null) <> (proposal_id is null)`)
    .addCheckConstraint("capacity_match_status", sql`status in ('confirmed', 'dismissed')`)
    .execute();
  // Partial unique indexes, because NULLs never collide in a plain one (SQLite and PostgreSQL alike).
  await db.schema.createIndex("capacity_match_need_offer").unique().on("capacity_match").columns(["need_id", "offer_id"]).where(sql.ref("offer_id"), "is not", null).execute();
  await db.schema.createIndex("capacity_match_need_proposal").unique().on("capacity_match").columns(["need_id", "proposal_id"]).where(sql.ref("proposal_id"), "is not", null).execute();
  await db.schema.createIndex("capacity_match_meeting").on("capacity_match").columns(["meeting_id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("capacity_match").execute();
}
