import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { connect } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { seed } from "../db/seed.ts";
import { registerSurveyVersions } from "../app/features/surveys/versions.ts";
import { TEMPLATE_DB, TMP_DIR } from "./paths.ts";
import { dropScratchDatabases } from "./scratch-postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The beginning of the name of every PostgreSQL database this run makes. */
    scratchPrefix: string;
  }
}

/**
 * Builds, once per run, a migrated and seeded database that every test file starts from a copy of.
 * On PostgreSQL, names this run's databases, and drops whatever of them is left at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratchPrefix = `consulta_test_${randomBytes(4).toString("hex")}_`;
  project.provide("scratchPrefix", scratchPrefix);
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const db = connect(`file:${TEMPLATE_DB}`);
  await migrateToLatest(db);
  await registerSurveyVersions(db);
  await seed(db, new Date("2026-01-05T09:00:00Z"));
  await db.destroy();
  return async () => {
    rmSync(TMP_DIR, { recursive: true, force: true });
    const postgres = process.env.TEST_DATABASE_URL;
    if (postgres) await dropScratchDatabases(postgres, scratchPrefix);
  };
}
