import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable("meeting")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique());
  for (const field of ["title", "theme", "description", "place"]) {
    for (const language of ["en", "fr", "es"]) {
      table = table.addColumn(`${field}_${language}`, "text", (c) => c.notNull());
    }
  }
  await table
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("meeting").execute();
}
