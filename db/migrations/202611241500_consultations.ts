import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_version")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("survey_version_slug_idx").on("survey_version").columns(["slug", "created_at"]).execute();

  let consultation = db.schema
    .createTable("consultation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("restrict"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("survey_slug", "text", (c) => c.notNull())
    .addColumn("survey_version_id", "text", (c) => c.notNull().references("survey_version.id").onDelete("restrict"));
  for (const field of ["title", "description"]) {
    for (const language of ["en", "fr", "es"]) {
      consultation = consultation.addColumn(`${field}_${language}`, "text", (c) => c.notNull());
    }
  }
  await consultation
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("opened_early_at", "text")
    .addColumn("closed_early_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consultation_meeting_idx").on("consultation").column("meeting_id").execute();

  await db.schema
    .createTable("response")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("restrict"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("survey_version_id", "text", (c) => c.notNull().references("survey_version.id").onDelete("restrict"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("current_page", "integer", (c) => c.notNull())
    .addColumn("attribution", "text")
    .addColumn("reference", "text", (c) => c.unique())
    .addColumn("submitted_at", "text")
    .addColumn("submitted_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addUniqueConstraint("response_consultation_organisation_unique", ["consultation_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("response_organisation_idx").on("response").column("organisation_id").execute();

  await db.schema
    .createTable("response_revision")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("response_id", "text", (c) => c.notNull().references("response.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("changed_keys", "text", (c) => c.notNull())
    .addColumn("attribution", "text")
    .addColumn("user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("by_proxy", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("response_revision_unique", ["response_id", "revision"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["response_revision", "response", "consultation", "survey_version"]) {
    await db.schema.dropTable(table).execute();
  }
}
