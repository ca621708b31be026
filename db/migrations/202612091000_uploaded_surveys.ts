import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// Surveys the secretariat brings in from a SurveyJS form builder (docs/decisions/0038): the working
// copy being translated, one row per survey. Publishing writes the working copy as a survey
// version (survey_version, under the same slug), as the built-in surveys' files are.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("uploaded_survey")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("uploaded_survey").execute();
}
