import { existsSync } from "node:fs";
import SQLite from "better-sqlite3";
import { isPostgresUrl, sqliteFilename } from "../app/features/config/env.ts";

export class BackupError extends Error {}

/**
 * An online, consistent copy of the SQLite database with SQLite's backup API: the app may keep
 * serving and writing meanwhile. PostgreSQL databases are backed up with pg_dump instead.
 */
export async function backupDatabase(databaseUrl: string, destination: string): Promise<{ pages: number }> {
  if (isPostgresUrl(databaseUrl)) throw new BackupError("For PostgreSQL, use pg_dump and pg_restore.");
  const source = await explained(`Cannot open the database ${sqliteFilename(databaseUrl)}`, () => new SQLite(sqliteFilename(databaseUrl), { fileMustExist: true }));
  try {
    source.pragma("busy_timeout = 5000");
    // All pages in one step: a step reads one consistent snapshot (WAL lets writers go on), whereas
    // small steps restart whenever the app writes and may never finish under load.
    const result = await explained(`Cannot write the backup to ${destination}`, () => source.backup(destination, { progress: () => 0x7fffffff }));
    return { pages: result.totalPages };
  } finally {
    source.close();
  }
}

/** Whether a file is a sound Consulta database: SQLite, intact, with migrations applied. */
export function checkBackupFile(file: string): void {
  if (!existsSync(file)) throw new BackupError(`No such file: ${file}`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new BackupError(`The backup is damaged: ${String(integrity)}`);
    const migrations = db.prepare("select count(*) as n from kysely_migration").get() as { n: number };
    if (migrations.n === 0) throw new BackupError("The backup holds no Consulta data.");
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Not a Consulta backup: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database with a backup, after checking it. The app must be stopped first: the
 * copy goes through SQLite's backup API into the database file, pages and WAL included.
 */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<void> {
  if (isPostgresUrl(databaseUrl)) throw new BackupError("For PostgreSQL, use pg_dump and pg_restore.");
  checkBackupFile(file);
  const backup = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await explained(`Cannot restore into ${sqliteFilename(databaseUrl)}`, () => backup.backup(sqliteFilename(databaseUrl), { progress: () => 0x7fffffff }));
  } finally {
    backup.close();
  }
}

/** SQLite's errors ("unable to open database file") do not say which file: the message does. */
async function explained<T>(what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new BackupError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
