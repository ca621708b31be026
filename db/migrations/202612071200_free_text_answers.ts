import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// One row per written answer of each submitted answer (docs/decisions/0036-free-text-answers.md),
// so that summaries list free text per question without parsing the answers' JSON.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("free_text_answer")
    .addColumn("response_id", "text", (c) => c.notNull().references("response.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("restrict"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("stakeholder_type", "text", (c) => c.notNull())
    .addColumn("region_m49", "text")
    .addColumn("attribution", "text")
    .addColumn("language", "text")
    .addColumn("submitted_at", "text", (c) => c.notNull())
    // The repeated panel and the stable id of its entry ('' outside a panel); the entry's place in it.
    .addColumn("panel", "text", (c) => c.notNull())
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("position", "integer")
    .addColumn("question", "text", (c) => c.notNull())
    // 'comment' for the text of a question's "other" choice or comment area; '' for its own answer.
    .addColumn("part", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("free_text_answer_pk", ["response_id", "panel", "entry_id", "question", "part"])
    .execute();
  // Summaries read each question's texts newest first.
  await db.schema.createIndex("free_text_answer_question_idx").on("free_text_answer").columns(["consultation_id", "panel", "question", "part", "submitted_at"]).execute();
  await db.schema.createIndex("free_text_answer_region_idx").on("free_text_answer").columns(["region_m49", "consultation_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("free_text_answer").execute();
}
