import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import type { Database } from "./schema.ts";
import { rebuildAfterMigrations } from "./derived-rows.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";

type DerivedTable = "answer_value" | "free_text_answer" | "submitted_answer";

/** Each migration that adds rows derived from the answers, the one before it, and the table it adds. */
const CASES: { migration: string; before: string; table: DerivedTable; orderBy: string[]; atLeast: number; filledByMigration: boolean }[] = [
  { migration: "202612051000_answer_values", before: "202612041300_inbox_current_indexes", table: "answer_value", orderBy: ["response_id", "panel", "entry_id", "question", "row_key", "value_code"], atLeast: 100, filledByMigration: false },
  { migration: "202612071200_free_text_answers", before: "202612061500_export_files", table: "free_text_answer", orderBy: ["response_id", "panel", "entry_id", "question", "part"], atLeast: 20, filledByMigration: false },
  // Filled by the migration itself from the answers; the tallies are summed again after it.
  { migration: "202612081000_submitted_answers", before: "202612071500_figure_tallies", table: "submitted_answer", orderBy: ["response_id"], atLeast: 20, filledByMigration: true },
];

describe("migrations that add rows derived from the answers", () => {
  for (const { migration, before, table, orderBy, atLeast, filledByMigration } of CASES) {
    it(`${migration} goes down and up again on a database with answers, whose rows and tallies are then as before, as the server and \`npm run db:migrate\` leave them`, async () => {
      const db = getDb();
      const rows = () => orderBy.reduce((query, column) => query.orderBy(column as never), db.selectFrom(table as keyof Database).selectAll()).execute();
      const tallies = () => db.selectFrom("figure_tally").selectAll().orderBy(["consultation_id", "figure", "panel", "question", "row_key", "value_code", "stakeholder_type", "region_m49", "attribution"]).execute();
      const seeded = await rows();
      const summed = await tallies();
      expect(seeded.length).toBeGreaterThan(atLeast);
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      expect((await db.introspection.getTables()).map((each) => each.name)).not.toContain(table);

      const { results } = await migrateToLatest(db);
      expect(await rows()).toEqual(filledByMigration ? seeded : []);
      expect(await rebuildAfterMigrations(db, results)).toBeGreaterThan(50);
      expect(await rows()).toEqual(seeded);
      expect(await tallies()).toEqual(summed);

      // Nothing new to migrate: nothing derived or summed again.
      const again = await migrateToLatest(db);
      expect(await rebuildAfterMigrations(db, again.results)).toBeNull();
    });
  }
});
