import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// Whether the person who asked for an export wanted Apertium's translation of free text beside
// the original (docs/decisions/0035): 1 for yes. Earlier exports were made without one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("export_file")
    .addColumn("machine_translation", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("export_file").dropColumn("machine_translation").execute();
}
