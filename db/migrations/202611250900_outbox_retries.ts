import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// E-mail delivery is tried again after a passing failure: how many times it was tried, when it
// is due next, and since when a process has been sending it (to take it up if that process died);
// and the invitation a message carries, so that revoking the invitation withdraws it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("email_outbox").addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("email_outbox").addColumn("next_attempt_at", "text").execute();
  await db.schema.alterTable("email_outbox").addColumn("claimed_at", "text").execute();
  // Invitations are never deleted (only revoked): a plain column, which SQLite can also drop.
  await db.schema.alterTable("email_outbox").addColumn("invitation_id", "text").execute();
  await db.schema.createIndex("email_outbox_invitation_idx").on("email_outbox").column("invitation_id").execute();
  // Messages sent before this migration count as tried once; one left "being sent" by a stopped
  // process is taken up again, as if claimed when it was written.
  await db.updateTable("email_outbox").set({ attempts: 1 }).where("status", "in", ["sent", "failed", "sending"]).execute();
  await db.updateTable("email_outbox").set((eb) => ({ claimed_at: eb.ref("created_at") })).where("status", "=", "sending").execute();
  await db.schema.createIndex("email_outbox_status_idx").on("email_outbox").column("status").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("email_outbox_status_idx").execute();
  await db.schema.dropIndex("email_outbox_invitation_idx").execute();
  for (const column of ["invitation_id", "claimed_at", "next_attempt_at", "attempts"]) {
    await db.schema.alterTable("email_outbox").dropColumn(column).execute();
  }
}
