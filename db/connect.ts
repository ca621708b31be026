import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from "kysely";
import pg from "pg";
import { isPostgresUrl, sqliteFilename } from "../app/features/config/env.ts";
import { registerCollation } from "./collation.ts";
import type { Database } from "./schema.ts";
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
 * file in WAL mode with foreign keys enforced and a busy timeout, so that concurrent writers wait
 * instead of failing.
 */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Db {
  if (isPostgresUrl(databaseUrl)) {
    return new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 }),
      }),
    });
  }
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(databaseUrl)) }, options.lockTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS) });
}

/** How long a SQLite statement, or a transaction's wait for the write lock, waits before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite with transactions that take the write lock when they begin (BEGIN IMMEDIATE). With
 * several processes on one file (WEB_CONCURRENCY, the CLI next to the server), a transaction that
 * reads and then writes would otherwise fail at its first write whenever another process wrote
 * in between, instead of waiting its turn. The wait for the lock is asynchronous: SQLite's own
 * busy timeout sleeps inside the call (1, 2, 5, 10 ms… while the process serves nothing), so the
 * lock is asked for without it and asked again on the next tick of a timer, up to the timeout.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig,
    private readonly lockTimeoutMs: number,
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings, this.lockTimeoutMs);
  }
}

const LOCK_RETRY_MS = 1;

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    settings: SqliteDialectConfig,
    private readonly lockTimeoutMs: number,
  ) {
    super(settings);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const deadline = Date.now() + this.lockTimeoutMs;
    await connection.executeQuery(CompiledQuery.raw("pragma busy_timeout = 0"));
    const restore = () => connection.executeQuery(CompiledQuery.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`));
    for (;;) {
      try {
        await connection.executeQuery(CompiledQuery.raw("begin immediate"));
      } catch (error) {
        if (isBusy(error) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
          continue;
        }
        await restore();
        throw error;
      }
      try {
        await restore();
      } catch (error) {
        await connection.executeQuery(CompiledQuery.raw("rollback"));
        throw error;
      }
      return;
    }
  }
}

/** SQLITE_BUSY, or one of its extended codes (SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT…). */
function isBusy(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export function openSqlite(databaseUrl: string): SQLite.Database {
  const filename = sqliteFilename(databaseUrl);
  if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  registerCollation(sqlite);
  return sqlite;
}

/** Whether an error is a unique-constraint violation, in SQLite's or PostgreSQL's words. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
