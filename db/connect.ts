import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { isPostgresUrl, sqliteFilename } from "../app/features/config/env.ts";
import { registerCollation } from "./collation.ts";
import type { Database } from "./schema.ts";
import { registerSearch } from "./search.ts";
import { WaitingSqliteDialect } from "./sqlite-driver.ts";
import { withStatementCache } from "./statement-cache.ts";

export type Db = Kysely<Database>;

export interface ConnectOptions {
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /** SQLite: how long a transaction waits for another process's write to end (default 5 s). */
  lockTimeoutMs?: number;
}

/**
 * Opens the database a DATABASE_URL names: PostgreSQL for postgres:// URLs, otherwise a SQLite
 * file in WAL mode with foreign keys enforced, whose statements and transactions wait for another
 * process's write lock without stopping this one.
 */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Db {
  if (isPostgresUrl(databaseUrl)) {
    return new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 }),
      }),
    });
  }
  const sqlite = openSqlite(databaseUrl);
  // The driver waits for another process's lock itself, on a timer (see WaitingSqliteDialect).
  sqlite.pragma("busy_timeout = 0");
  const filename = sqliteFilename(databaseUrl);
  return new Kysely<Database>({
    dialect: new WaitingSqliteDialect(withStatementCache(sqlite), {
      lockTimeoutMs: options.lockTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS,
      filename: filename === ":memory:" ? null : filename,
    }),
  });
}

/** How long a SQLite statement, or a transaction's wait for the write lock, waits before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function openSqlite(databaseUrl: string): SQLite.Database {
  const filename = sqliteFilename(databaseUrl);
  if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  registerCollation(sqlite);
  registerSearch(sqlite);
  return sqlite;
}

/** Whether an error is a unique-constraint violation, in SQLite's or PostgreSQL's words. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
