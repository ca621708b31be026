import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isPostgresUrl, sqliteFilename, type Env } from "../app/features/config/env.ts";
import { registerSurveyVersions } from "../app/features/surveys/versions.ts";
import { connect, type Db } from "./connect.ts";
import { rebuildAfterMigrations } from "./derived-rows.ts";
import { migrateToLatest } from "./migrate.ts";
import { isEmpty, seed, switchOffDemoAccounts } from "./seed.ts";

/** A database the server will not start on; the message is the one line it prints before stopping. */
export class DatabaseStartError extends Error {}

/**
 * Where a SQLite database should be, before the server opens it: there, missing from a folder
 * that exists (it was there, or someone made room for it), or new with its folder (a first run,
 * as `npm start` on a fresh checkout). PostgreSQL databases are made by their server: present.
 */
type Found = "present" | "missing" | "first-run";

function find(databaseUrl: string): Found {
  if (isPostgresUrl(databaseUrl)) return "present";
  const file = sqliteFilename(databaseUrl);
  if (file === ":memory:") return "first-run";
  if (existsSync(file)) return "present";
  return existsSync(dirname(resolve(file))) ? "missing" : "first-run";
}

const WAYS_ON = "restore a backup (npm run db:restore -- <file>) or create a database on purpose (npm run db:migrate for an empty one, npm run db:reset for the demo)";

/**
 * Opens the database a server is to serve, refusing to stand in a new one for a database that
 * vanished (docs/decisions/0009-demo-data-and-lost-databases.md), migrates it, and does with the
 * demo what DEMO_DATA says: loads it on a first run (`auto`) or into any empty database (`on`);
 * switches off the demo accounts still on the published password (`off`).
 */
export async function openServerDatabase(env: Pick<Env, "DATABASE_URL" | "DEMO_DATA">, { poolSize, log }: { poolSize?: number; log: (line: string) => void }): Promise<Db> {
  const mode = env.DEMO_DATA;
  const found = find(env.DATABASE_URL);
  const where = isPostgresUrl(env.DATABASE_URL) ? "The PostgreSQL database of DATABASE_URL" : `The database ${sqliteFilename(env.DATABASE_URL)}`;
  if (found === "missing" && mode !== "on") {
    throw new DatabaseStartError(`${where} is missing, though its folder exists: a database that vanished is not replaced by a new one. To go on, ${WAYS_ON}.`);
  }
  if (found === "first-run" && mode === "off") {
    throw new DatabaseStartError(`${where} does not exist, and with DEMO_DATA=off the server creates none. To go on, ${WAYS_ON}.`);
  }
  const db = connect(env.DATABASE_URL, poolSize === undefined ? {} : { poolSize });
  try {
    const fresh = !(await hasTables(db));
    const demo = mode === "on" || (mode === "auto" && found === "first-run");
    if (fresh && !demo) throw new DatabaseStartError(`${where} holds no Consulta tables: a database that vanished is not started afresh. To go on, ${WAYS_ON}.`);
    const { results } = await migrateToLatest(db);
    await registerSurveyVersions(db);
    const derived = await rebuildAfterMigrations(db, results);
    if (derived) log(`Derived the proposals, needs, offers and figures' values of ${derived} submitted answers for the new migrations.`);
    if (demo && (await isEmpty(db))) {
      const report = await seed(db);
      log(`Loaded the demo data: ${report.states} States, ${report.users} demo accounts (password in the README), ${report.answers} answers.`);
    }
    if (mode === "off") {
      const switchedOff = await switchOffDemoAccounts(db);
      if (switchedOff > 0) log(`Switched off ${switchedOff} demo accounts whose password is published (DEMO_DATA=off).`);
    }
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Whether the database holds Consulta's migrations table: a database Consulta has worked in. */
async function hasTables(db: Db): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((table) => table.name === "kysely_migration");
}
