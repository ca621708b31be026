import { mkdirSync, rmSync } from "node:fs";
import { connect } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { seed } from "../db/seed.ts";
import { registerSurveyVersions } from "../app/features/surveys/versions.ts";
import { TEMPLATE_DB, TMP_DIR } from "./paths.ts";

/** Builds, once per run, a migrated and seeded database that every test file starts from a copy of. */
export default async function setup(): Promise<() => void> {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const db = connect(`file:${TEMPLATE_DB}`);
  await migrateToLatest(db);
  await registerSurveyVersions(db);
  await seed(db, new Date("2026-01-05T09:00:00Z"));
  await db.destroy();
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
