import { sql, type Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// The figures' sums kept up to date (docs/decisions/0033-figure-tallies.md): for each consultation and
// each group of answers a filter can select (stakeholder type, M49 area, attribution; '' where the
// answer has none), how many answers hold each value, so that a summary sums a few thousand rows
// instead of grouping millions. Filled by the derivation that runs after this migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("figure_tally")
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("restrict"))
    // What is counted: 'value', 'answered', 'need', 'need_first', 'need_code' or 'text'.
    .addColumn("figure", "text", (c) => c.notNull())
    .addColumn("panel", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("row_key", "text", (c) => c.notNull())
    .addColumn("value_code", "text", (c) => c.notNull())
    .addColumn("stakeholder_type", "text", (c) => c.notNull())
    .addColumn("region_m49", "text", (c) => c.notNull())
    .addColumn("attribution", "text", (c) => c.notNull())
    .addColumn("answers", "integer", (c) => c.notNull())
    .addColumn("number_sum", "double precision")
    .addPrimaryKeyConstraint("figure_tally_pk", ["consultation_id", "figure", "panel", "question", "row_key", "value_code", "stakeholder_type", "region_m49", "attribution"])
    .execute();
  // Participation counts organisations, not answers: the submitted answers' organisations are read
  // from an index that holds them (partial, so drafts take no room), the audience by type and area.
  await db.schema
    .createIndex("response_submitted_idx")
    .on("response")
    .columns(["consultation_id", "organisation_id", "attribution"])
    .where(sql.ref("submitted_data"), "is not", null)
    .execute();
  await db.schema.createIndex("organisation_group_idx").on("organisation").columns(["type", "region_m49"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("organisation_group_idx").execute();
  await db.schema.dropIndex("response_submitted_idx").execute();
  await db.schema.dropTable("figure_tally").execute();
}
