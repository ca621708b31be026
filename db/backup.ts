import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import SQLite from "better-sqlite3";
import { isPostgresUrl, sqliteFilename } from "../app/features/config/env.ts";

export class BackupError extends Error {}

/**
 * An online, consistent copy of the SQLite database with SQLite's backup API: the app may keep
 * serving and writing meanwhile. An existing file is replaced only when asked (`force`): it may
 * be the one good backup. The copy is written beside it and renamed into place once whole, so
 * that no half-written backup ever bears the name. PostgreSQL databases use pg_dump instead.
 */
export async function backupDatabase(databaseUrl: string, destination: string, { force = false }: { force?: boolean } = {}): Promise<{ pages: number }> {
  if (isPostgresUrl(databaseUrl)) throw new BackupError("For PostgreSQL, use pg_dump and pg_restore.");
  if (!force && existsSync(destination) && statSync(destination).isFile()) {
    throw new BackupError(`${destination} exists already: name another file, or add --force to replace it (npm run db:backup -- ${destination} --force).`);
  }
  const source = await explained(`Cannot open the database ${sqliteFilename(databaseUrl)}`, () => new SQLite(sqliteFilename(databaseUrl), { fileMustExist: true }));
  try {
    source.pragma("busy_timeout = 5000");
    // All pages in one step: a step reads one consistent snapshot (WAL lets writers go on), whereas
    // small steps restart whenever the app writes and may never finish under load.
    const partial = `${destination}.${process.pid}.partial`;
    try {
      const result = await explained(`Cannot write the backup to ${destination}`, () => source.backup(partial, { progress: () => 0x7fffffff }));
      await explained(`Cannot write the backup to ${destination}`, () => renameSync(partial, destination));
      return { pages: result.totalPages };
    } finally {
      rmSync(partial, { force: true });
    }
  } finally {
    source.close();
  }
}

/** Whether a file is a sound Consulta database: SQLite, intact, with migrations applied. */
export async function checkBackupFile(file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`No such file: ${file}`);
  try {
    await readingBackup(file, (db) => {
      const integrity = db.pragma("integrity_check", { simple: true });
      if (integrity !== "ok") throw new BackupError(`The backup is damaged: ${String(integrity)}`);
      const migrations = db.prepare("select count(*) as n from kysely_migration").get() as { n: number };
      if (migrations.n === 0) throw new BackupError("The backup holds no Consulta data.");
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Not a Consulta backup: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const SIDE_FILES = ["-wal", "-shm"];

/**
 * Reads a backup file, leaving its folder as it was. A backup of a database in WAL mode is in WAL
 * mode too, and opening it, even read-only, makes a `-wal` and a `-shm` file beside it, which a
 * read-only connection never removes: those it made are removed once it is closed.
 */
async function readingBackup<T>(file: string, read: (db: SQLite.Database) => T | Promise<T>): Promise<T> {
  const made = SIDE_FILES.map((suffix) => `${file}${suffix}`).filter((side) => !existsSync(side));
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return await read(db);
  } finally {
    db.close();
    for (const side of made) rmSync(side, { force: true });
  }
}

/**
 * Replaces the database with a backup, after checking it. The app must be stopped first: the
 * copy goes through SQLite's backup API into the database file, pages and WAL included.
 */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<void> {
  if (isPostgresUrl(databaseUrl)) throw new BackupError("For PostgreSQL, use pg_dump and pg_restore.");
  await checkBackupFile(file);
  await readingBackup(file, (backup) =>
    explained(`Cannot restore into ${sqliteFilename(databaseUrl)}`, () => backup.backup(sqliteFilename(databaseUrl), { progress: () => 0x7fffffff })),
  );
}

/** SQLite's errors ("unable to open database file") do not say which file: the message does. */
async function explained<T>(what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new BackupError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
