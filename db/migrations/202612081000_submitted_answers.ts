import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// One row per submitted answer with the groups a summary's filters select (docs/decisions/0033):
// the participation counters read its tallies (one consultation) or this table (several, where
// an organisation is counted once), never the answers joined to their organisations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("submitted_answer")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("response.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("restrict"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("stakeholder_type", "text", (c) => c.notNull())
    .addColumn("region_m49", "text")
    .addColumn("attribution", "text")
    .execute();
  // A meeting's participation counts distinct organisations by group from this index alone.
  await db.schema
    .createIndex("submitted_answer_group_idx")
    .on("submitted_answer")
    .columns(["consultation_id", "stakeholder_type", "region_m49", "attribution", "organisation_id"])
    .execute();
  await db
    .insertInto("submitted_answer")
    .columns(["response_id", "consultation_id", "organisation_id", "stakeholder_type", "region_m49", "attribution"])
    .expression(
      db
        .selectFrom("response")
        .innerJoin("organisation", "organisation.id", "response.organisation_id")
        .select(["response.id", "response.consultation_id", "response.organisation_id", "organisation.type", "organisation.region_m49", "response.attribution"])
        .where("response.submitted_data", "is not", null),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("submitted_answer").execute();
}
