import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import * as migration from "./migrations/202612021000_sign_in_limits.ts";

describe("migration 202612021000_sign_in_limits", () => {
  it("moves the throttling events out of the audit trail into sign-in rows, and back down again", async () => {
    const db = getDb();
    await migration.down(db);
    const at = "2026-11-30T10:00:00.000Z";
    const legacy = [
      { id: "legacy-attempt", action: "auth.password_attempt" },
      { id: "legacy-failed", action: "auth.sign_in_failed" },
      { id: "legacy-blocked", action: "auth.sign_in_blocked" },
      { id: "legacy-sign-in", action: "auth.sign_in" },
    ];
    await db
      .insertInto("audit_event")
      .values(
        legacy.map(({ id, action }) => ({ id, action, created_at: at, actor_user_id: null, target_type: "account", target_id: "someone@example.org", organisation_id: null, ip: "192.0.2.9", detail: null })),
      )
      .execute();

    await migration.up(db);
    const moved = await db.selectFrom("sign_in_attempt").select(["id", "account", "ip", "outcome", "attempts"]).where("id", "like", "legacy-%").orderBy("id").execute();
    expect(moved).toEqual([
      { id: "legacy-attempt", account: "someone@example.org", ip: "192.0.2.9", outcome: "failed", attempts: 1 },
      { id: "legacy-blocked", account: "someone@example.org", ip: "192.0.2.9", outcome: "blocked", attempts: 1 },
      { id: "legacy-failed", account: "someone@example.org", ip: "192.0.2.9", outcome: "failed", attempts: 1 },
    ]);
    // Successful sign-ins stay in the audit trail, which keeps them for good.
    const audit = await db.selectFrom("audit_event").select("id").where("id", "like", "legacy-%").execute();
    expect(audit).toEqual([{ id: "legacy-sign-in" }]);

    await migration.down(db);
    const back = await db.selectFrom("audit_event").select(["id", "action"]).where("id", "like", "legacy-%").orderBy("id").execute();
    expect(back).toEqual([
      { id: "legacy-attempt", action: "auth.sign_in_failed" },
      { id: "legacy-blocked", action: "auth.sign_in_blocked" },
      { id: "legacy-failed", action: "auth.sign_in_failed" },
      { id: "legacy-sign-in", action: "auth.sign_in" },
    ]);
    await migration.up(db);
  });
});
