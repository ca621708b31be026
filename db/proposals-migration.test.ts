import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { rebuildDerivedRows } from "#app/features/proposals/derivation.ts";
import { migrations } from "./migrations/index.ts";

const DERIVED = ["proposal", "proposal_code", "capacity_need", "capacity_need_code", "capacity_offer", "capacity_offer_code"];

describe("migration 202612031600_proposals", () => {
  it("goes down and up again on a database with answers, and the rebuild then derives the rows of the answers submitted before it", async () => {
    const db = getDb();
    const seeded = await db.selectFrom("proposal").select("item_id").orderBy("item_id").execute();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("202612030900_response_language")).error).toBeUndefined();
    const tables = async () => (await db.introspection.getTables()).map((table) => table.name).filter((name) => DERIVED.includes(name));
    expect(await tables()).toEqual([]);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect((await tables()).sort()).toEqual([...DERIVED].sort());
    expect(await db.selectFrom("proposal").select("id").execute()).toEqual([]);

    const { answers } = await rebuildDerivedRows(db);
    expect(answers).toBeGreaterThan(50);
    // The answers carry their entries' ids: the rebuilt proposals are the same ones.
    expect(await db.selectFrom("proposal").select("item_id").orderBy("item_id").execute()).toEqual(seeded);
  });
});
