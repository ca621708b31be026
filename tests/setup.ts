import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeEach, vi } from "vitest";
import { connect } from "#db/connect.ts";
import { migrateToLatest } from "#db/migrate.ts";
import { seed } from "#db/seed.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { TEMPLATE_DB, TMP_DIR } from "./paths.ts";

/** The moment the demo data is seeded at, the same for SQLite's template and PostgreSQL's schemas. */
const SEEDED_AT = new Date("2026-01-05T09:00:00Z");

// Each test file works on a database of its own: a copy of the migrated, seeded SQLite template,
// or, when TEST_DATABASE_URL names a PostgreSQL server, a database of its own there.
const postgres = process.env.TEST_DATABASE_URL;
let database: string | undefined;
if (postgres) {
  database = `consulta_test_${randomUUID().replace(/-/g, "")}`;
  const client = new pg.Client({ connectionString: postgres });
  await client.connect();
  // template0 takes no connections, so that files creating their databases at once do not collide.
  await client.query(`create database "${database}" template template0`);
  await client.end();
  const url = new URL(postgres);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
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

// An unexpected console.error is a bug: fail the test that caused it.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  const { getDb } = await import("#app/db.server.ts");
  await getDb().destroy();
  if (postgres && database) {
    const client = new pg.Client({ connectionString: postgres });
    await client.connect();
    await client.query(`drop database "${database}" with (force)`);
    await client.end();
  }
});
