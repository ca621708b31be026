import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { rebuildAfterMigrations } from "./derived-rows.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";

describe("migration 202612051000_answer_values", () => {
  it("goes down and up again on a database with answers, whose values are then derived at once, as the server and `npm run db:migrate` do", async () => {
    const db = getDb();
    const values = () => db.selectFrom("answer_value").selectAll().orderBy("response_id").orderBy("panel").orderBy("entry_id").orderBy("question").orderBy("row_key").orderBy("value_code").execute();
    const seeded = await values();
    expect(seeded.length).toBeGreaterThan(100);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("202612041300_inbox_current_indexes")).error).toBeUndefined();
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain("answer_value");

    const { results } = await migrateToLatest(db);
    expect(await values()).toEqual([]);
    expect(await rebuildAfterMigrations(db, results)).toBeGreaterThan(50);
    expect(await values()).toEqual(seeded);

    // Nothing new to migrate: nothing derived again.
    const again = await migrateToLatest(db);
    expect(await rebuildAfterMigrations(db, again.results)).toBeNull();
  });
});
