import { rmSync } from "node:fs";
import { isPostgresUrl, parseEnv, sqliteFilename } from "../app/features/config/env.ts";
import { BackupError, backupDatabase, restoreDatabase } from "./backup.ts";
import { connect } from "./connect.ts";
import { migrateToLatest } from "./migrate.ts";
import { seed } from "./seed.ts";
import { registerSurveyVersions } from "../app/features/surveys/versions.ts";
import { rebuildDerivedRows } from "../app/features/proposals/derivation.ts";
import { rebuildAfterMigrations } from "./derived-rows.ts";

const USAGE = "usage: db <migrate|seed|reset|rebuild> | db backup <file> [--force] | db restore <file>";

async function main(command: string | undefined, rest: string[]): Promise<void> {
  if (command === "backup" || command === "restore") {
    const env = parseEnv(process.env);
    // --force (backup only) lets a backup replace an existing file.
    const force = command === "backup" && rest.includes("--force");
    const files = rest.filter((arg) => !(force && arg === "--force"));
    const argument = files[0];
    if (!argument || files.length > 1) throw new BackupError(`Name one file: npm run db:${command} -- <file>${command === "backup" ? " [--force]" : ""}`);
    if (command === "backup") {
      const { pages } = await backupDatabase(env.DATABASE_URL, argument, { force });
      console.log(`backup: ${pages} pages written to ${argument}`);
    } else {
      await restoreDatabase(env.DATABASE_URL, argument);
      console.log(`restore: ${argument} restored into ${env.DATABASE_URL}`);
    }
    return;
  }
  if (command !== "migrate" && command !== "seed" && command !== "reset" && command !== "rebuild") {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const env = parseEnv(process.env);
  if (command === "reset") await dropAll(env.DATABASE_URL);
  const db = connect(env.DATABASE_URL);
  try {
    const { results } = await migrateToLatest(db);
    for (const result of results ?? []) console.log(`migration ${result.migrationName}: ${result.status}`);
    for (const survey of await registerSurveyVersions(db)) {
      console.log(`survey ${survey.slug}: version ${survey.versionId.slice(0, 12)}${survey.created ? " (new)" : ""}`);
    }
    const derived = command === "rebuild" ? null : await rebuildAfterMigrations(db, results);
    if (derived) console.log(`rebuild: rows derived from ${derived} submitted answers for the new migrations`);
    if (command === "rebuild") {
      const { answers } = await rebuildDerivedRows(db);
      console.log(`rebuild: proposals, needs, offers and figures' values derived again from ${answers} submitted answers`);
    } else if (command !== "migrate") {
      const report = await seed(db);
      console.log(`seed: ${report.states} States, ${report.users} demo accounts and ${report.answers} demo answers added`);
    }
  } finally {
    await db.destroy();
  }
}

/** Starts from nothing: deletes the SQLite file, or drops every table of the PostgreSQL schema. */
async function dropAll(databaseUrl: string): Promise<void> {
  if (!isPostgresUrl(databaseUrl)) {
    const file = sqliteFilename(databaseUrl);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    return;
  }
  const db = connect(databaseUrl);
  try {
    const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
    for (const table of tables) await db.schema.dropTable(table.name).ifExists().cascade().execute();
  } finally {
    await db.destroy();
  }
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
