import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// A proposal written in English or French is compared with the others through its Spanish
// translation (Apertium, Spanish as the pivot): stored with the proposal, made in the background,
// and cleared when the proposal's text changes so that it is made again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("proposal").addColumn("pivot_text", "text").execute();
  await db.schema.alterTable("proposal").addColumn("translated_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("proposal").dropColumn("translated_at").execute();
  await db.schema.alterTable("proposal").dropColumn("pivot_text").execute();
}
