import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// A reopened answer stays submitted while it is amended (status 'amending'): the answers as last
// submitted are kept beside the working copy, and are what counts until the next submission.
// Each revision also records which copy of the answering page wrote it, so that a save sent
// again after its answer was lost is recognised as the same person's continuation.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("response").addColumn("submitted_data", "text").execute();
  await db.schema.alterTable("response_revision").addColumn("client_id", "text").execute();
  await db
    .updateTable("response")
    .set((eb) => ({ submitted_data: eb.ref("data") }))
    .where("status", "=", "submitted")
    .execute();
  // Reopened before this migration: a plain draft then, an amendment of the last submission now.
  const reopened = await db.selectFrom("response").select("id").where("status", "=", "draft").where("submitted_at", "is not", null).execute();
  for (const { id } of reopened) {
    const submission = await db
      .selectFrom("response_revision")
      .select(["revision", "data"])
      .where("response_id", "=", id)
      .where("action", "=", "submit")
      .orderBy("revision", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!submission) continue;
    await db.updateTable("response").set({ status: "amending", submitted_data: submission.data }).where("id", "=", id).execute();
    await db.updateTable("response_revision").set({ status: "amending" }).where("response_id", "=", id).where("revision", ">", submission.revision).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable("response_revision").set({ status: "draft" }).where("status", "=", "amending").execute();
  await db.updateTable("response").set({ status: "draft" }).where("status", "=", "amending").execute();
  await db.schema.alterTable("response_revision").dropColumn("client_id").execute();
  await db.schema.alterTable("response").dropColumn("submitted_data").execute();
}
