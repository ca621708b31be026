import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { rebuildAfterMigrations } from "./derived-rows.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";

describe("migration 202612071200_free_text_answers", () => {
  it("goes down and up again on a database with answers, whose written answers are then derived at once, as the server and `npm run db:migrate` do", async () => {
    const db = getDb();
    const texts = () => db.selectFrom("free_text_answer").selectAll().orderBy("response_id").orderBy("panel").orderBy("entry_id").orderBy("question").orderBy("part").execute();
    const seeded = await texts();
    expect(seeded.length).toBeGreaterThan(20);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("202612061500_export_files")).error).toBeUndefined();
    expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain("free_text_answer");

    const { results } = await migrateToLatest(db);
    expect(await texts()).toEqual([]);
    expect(await rebuildAfterMigrations(db, results)).toBeGreaterThan(50);
    expect(await texts()).toEqual(seeded);
  });
});
