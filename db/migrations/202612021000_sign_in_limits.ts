import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// Sign-in throttling gets rows of its own, with a retention of their own, instead of audit events
// that nothing ever purges; and one-time sign-in links prove the mailbox of an account under attack.
const LEGACY_ACTIONS = { "auth.password_attempt": "failed", "auth.sign_in_failed": "failed", "auth.sign_in_blocked": "blocked" } as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_attempt_account_idx").on("sign_in_attempt").columns(["account", "created_at"]).execute();
  await db.schema.createIndex("sign_in_attempt_ip_idx").on("sign_in_attempt").columns(["ip", "created_at"]).execute();
  await db.schema.createIndex("sign_in_attempt_created_at_idx").on("sign_in_attempt").column("created_at").execute();

  await db.schema
    .createTable("sign_in_link")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("sign_in_link_user_idx").on("sign_in_link").columns(["user_id", "created_at"]).execute();

  // The throttling evidence recorded so far moves over, so that the counts in force carry on.
  for (const [action, outcome] of Object.entries(LEGACY_ACTIONS)) {
    await db
      .insertInto("sign_in_attempt")
      .columns(["id", "account", "ip", "outcome", "attempts", "created_at"])
      .expression(
        db
          .selectFrom("audit_event")
          .select((eb) => ["id", eb.fn.coalesce("target_id", eb.val("")).as("account"), "ip", eb.val(outcome).as("outcome"), eb.val(1).as("attempts"), "created_at"])
          .where("action", "=", action),
      )
      .execute();
    await db.deleteFrom("audit_event").where("action", "=", action).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .insertInto("audit_event")
    .columns(["id", "created_at", "action", "target_type", "target_id", "ip"])
    .expression(
      db
        .selectFrom("sign_in_attempt")
        .select((eb) => [
          "id",
          "created_at",
          eb.case().when("outcome", "=", "blocked").then("auth.sign_in_blocked").else("auth.sign_in_failed").end().as("action"),
          eb.val("account").as("target_type"),
          "account",
          "ip",
        ])
        .where("outcome", "in", ["failed", "blocked"]),
    )
    .execute();
  await db.schema.dropTable("sign_in_link").execute();
  await db.schema.dropTable("sign_in_attempt").execute();
}
