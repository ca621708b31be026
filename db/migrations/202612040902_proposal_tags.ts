import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// The rapporteurs' free tags on proposals, unique per proposal (case-insensitively, which the
// application checks), and found by tag across proposals for the inbox's filter.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("proposal_tag")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addPrimaryKeyConstraint("proposal_tag_pk", ["proposal_id", "tag"])
    .execute();
  await db.schema.createIndex("proposal_tag_tag_idx").on("proposal_tag").column("tag").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("proposal_tag").execute();
}
