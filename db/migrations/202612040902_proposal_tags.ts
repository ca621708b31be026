import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// Free tags rapporteurs give proposals (issue 9): one row per proposal and tag. The same file and
// definition are made on the coding and inbox branches, so that one copy is kept on merging.
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
