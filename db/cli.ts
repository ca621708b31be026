import { rmSync } from "node:fs";
import { isPostgresUrl, parseEnv, sqliteFilename } from "../app/features/config/env.ts";
import { BackupError, backupDatabase, restoreDatabase } from "./backup.ts";
import { connect } from "./connect.ts";
import { migrateToLatest } from "./migrate.ts";
import { seed } from "./seed.ts";
import { registerSurveyVersions } from "../app/features/surveys/versions.ts";

const USAGE = "usage: db <migrate|seed|reset> | db backup <file> | db restore <file>";

async function main(command: string | undefined, argument: string | undefined): Promise<void> {
  if (command === "backup" || command === "restore") {
    const env = parseEnv(process.env);
    if (!argument) throw new BackupError(`Name the file: npm run db:${command} -- <file>`);
    if (command === "backup") {
      const { pages } = await backupDatabase(env.DATABASE_URL, argument);
      console.log(`backup: ${pages} pages written to ${argument}`);
    } else {
      await restoreDatabase(env.DATABASE_URL, argument);
      console.log(`restore: ${argument} restored into ${env.DATABASE_URL}`);
    }
    return;
  }
  if (command !== "migrate" && command !== "seed" && command !== "reset") {
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
    if (command !== "migrate") {
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

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
