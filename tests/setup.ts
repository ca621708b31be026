import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, inject, vi } from "vitest";
import { connect } from "#db/connect.ts";
import { migrateToLatest } from "#db/migrate.ts";
import { seed } from "#db/seed.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { TEMPLATE_DB, TMP_DIR } from "./paths.ts";
import { removeTempFolders, tempFolder } from "./temp.ts";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-postgres.ts";

/** The moment the demo data is seeded at, the same for SQLite's template and PostgreSQL's schemas. */
const SEEDED_AT = new Date("2026-01-05T09:00:00Z");

// Each test file works on a database of its own: a copy of the migrated, seeded SQLite template,
// or, when TEST_DATABASE_URL names a PostgreSQL server, a database of its own there.
const postgres = process.env.TEST_DATABASE_URL;
let scratch: ScratchDatabase | undefined;
if (postgres) {
  scratch = await createScratchDatabase(postgres, `${inject("scratchPrefix")}${randomUUID().replace(/-/g, "")}`);
  process.env.DATABASE_URL = scratch.url;
  const db = connect(process.env.DATABASE_URL, { poolSize: 1 });
  await migrateToLatest(db);
  await registerSurveyVersions(db);
  await seed(db, SEEDED_AT);
  await db.destroy();
} else {
  const file = `${TMP_DIR}${randomUUID()}.db`;
  copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.NODE_ENV = "test";
// Export files of this test file's own, removed with its other temporary folders.
process.env.EXPORTS_DIR = tempFolder("consulta-exports-");

// An unexpected console.error is a bug: fail the test that caused it.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  removeTempFolders();
  const { getDb } = await import("#app/db.server.ts");
  await getDb().destroy();
  await scratch?.drop();
});
