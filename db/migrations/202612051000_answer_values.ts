import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// One row per answered choice, rating, matrix cell and ranking position of each submitted answer
// (docs/decisions/0025-typed-answer-values.md), so that figures count rows instead of parsing JSON.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("answer_value")
    .addColumn("response_id", "text", (c) => c.notNull().references("response.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("restrict"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("stakeholder_type", "text", (c) => c.notNull())
    .addColumn("region_m49", "text")
    .addColumn("attribution", "text")
    // The repeated panel and the stable id of its entry ('' outside a panel); the entry's place in it.
    .addColumn("panel", "text", (c) => c.notNull())
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("position", "integer")
    .addColumn("question", "text", (c) => c.notNull())
    // A matrix's row ('' for any other question).
    .addColumn("row_key", "text", (c) => c.notNull())
    .addColumn("value_code", "text", (c) => c.notNull())
    // A rating's value, a ranked choice's rank from 1; null for a choice.
    .addColumn("value_number", "double precision")
    .addPrimaryKeyConstraint("answer_value_pk", ["response_id", "panel", "entry_id", "question", "row_key", "value_code"])
    .execute();
  await db.schema.createIndex("answer_value_question_idx").on("answer_value").columns(["consultation_id", "panel", "question", "value_code"]).execute();
  await db.schema.createIndex("answer_value_organisation_idx").on("answer_value").columns(["organisation_id", "consultation_id"]).execute();
  await db.schema.createIndex("answer_value_region_idx").on("answer_value").columns(["region_m49", "consultation_id"]).execute();
  // Needs and offers are matched and summed by region (issue 10); they were indexed by consultation and objective only.
  for (const table of ["capacity_need", "capacity_offer"]) {
    await db.schema.createIndex(`${table}_region_idx`).on(table).columns(["region_m49", "consultation_id"]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["capacity_need", "capacity_offer"]) await db.schema.dropIndex(`${table}_region_idx`).execute();
  await db.schema.dropTable("answer_value").execute();
}
