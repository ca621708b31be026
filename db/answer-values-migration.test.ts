import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { rebuildDerivedRows } from "#app/features/proposals/derivation.ts";
import { migrations } from "./migrations/index.ts";

describe("migration 202612051000_answer_values", () => {
  it("goes down and up again on a database with answers, and the rebuild then writes the values of the answers submitted before it", async () => {
    const db = getDb();
    const values = () => db.selectFrom("answer_value").selectAll().orderBy("response_id").orderBy("panel").orderBy("entry_id").orderBy("question").orderBy("row_key").orderBy("value_code").execute();
    const seeded = await values();
    expect(seeded.length).toBeGreaterThan(100);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("202612041300_inbox_current_indexes")).error).toBeUndefined();
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain("answer_value");

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await values()).toEqual([]);
    await rebuildDerivedRows(db);
    expect(await values()).toEqual(seeded);
  });
});
