import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// The language an answer is written in (the answering page's language when it was last
// submitted): rapporteurs filter by it, and its free text is translated from it. Answers
// submitted before are taken to be in their submitter's preferred language, if known.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("response").addColumn("language", "text").execute();
  const submitted = await db
    .selectFrom("response")
    .innerJoin("user", "user.id", "response.submitted_by")
    .select(["response.id as id", "user.preferred_language as language"])
    .where("response.submitted_at", "is not", null)
    .execute();
  for (const row of submitted) {
    if (row.language === "en" || row.language === "fr" || row.language === "es") await db.updateTable("response").set({ language: row.language }).where("id", "=", row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("response").dropColumn("language").execute();
}
