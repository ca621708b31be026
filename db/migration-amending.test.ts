import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { migrations } from "./migrations/index.ts";

/**
 * The test database, taken back to before 202612021300_response_amending, given an answer
 * reopened the old way (a plain draft), and migrated again.
 */
describe("migration 202612021300_response_amending", () => {
  it("fills the submitted answers of every submitted response, and turns an answer reopened before it into an amendment of its last submission", async () => {
    const db = getDb();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("202611250900_outbox_retries");
    expect(down.error).toBeUndefined();

    const [reopened, untouched] = await db.selectFrom("response").select(["id", "data", "revision"]).where("status", "=", "submitted").orderBy("id").limit(2).execute();
    if (!reopened || !untouched) throw new Error("the demo has submitted answers");
    const amendment = JSON.stringify({ ...JSON.parse(reopened.data), draft_note: "amended" });
    const revision = (n: number, action: "reopen" | "save", data: string) => ({
      id: `migration-test-${n}`,
      response_id: reopened.id,
      revision: reopened.revision + n,
      action,
      status: "draft" as const,
      data,
      changed_keys: "[]",
      attribution: null,
      user_id: null,
      by_proxy: 0,
      created_at: new Date().toISOString(),
    });
    await db.insertInto("response_revision").values([revision(1, "reopen", reopened.data), revision(2, "save", amendment)]).execute();
    await db.updateTable("response").set({ status: "draft", data: amendment, revision: reopened.revision + 2 }).where("id", "=", reopened.id).execute();

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const rows = await getDb().selectFrom("response").select(["id", "status", "data", "submitted_data"]).where("id", "in", [reopened.id, untouched.id]).execute();
    expect(rows.find((row) => row.id === reopened.id)).toEqual({ id: reopened.id, status: "amending", data: amendment, submitted_data: reopened.data });
    expect(rows.find((row) => row.id === untouched.id)).toMatchObject({ status: "submitted", submitted_data: untouched.data });
    const statuses = await getDb().selectFrom("response_revision").select(["revision", "status"]).where("response_id", "=", reopened.id).orderBy("revision").execute();
    expect(statuses.slice(-3).map((row) => row.status)).toEqual(["submitted", "amending", "amending"]);
    const drafts = await getDb().selectFrom("response").select("id").where("status", "=", "draft").where("submitted_data", "is not", null).execute();
    expect(drafts).toEqual([]);
  });
});
