import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from "kysely";
import pg from "pg";
import { isPostgresUrl, sqliteFilename } from "../app/features/config/env.ts";
import type { Database } from "./schema.ts";
import { withStatementCache } from "./statement-cache.ts";

export type Db = Kysely<Database>;

export interface ConnectOptions {
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
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
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(databaseUrl)) }) });
}

/**
 * SQLite with transactions that take the write lock when they begin (BEGIN IMMEDIATE), waiting
 * up to the busy timeout for it. With several processes on one file (WEB_CONCURRENCY, the CLI
 * next to the server), a transaction that reads and then writes would otherwise fail at its
 * first write whenever another process wrote in between, instead of waiting its turn.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

export function openSqlite(databaseUrl: string): SQLite.Database {
  const filename = sqliteFilename(databaseUrl);
  if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/** Whether an error is a unique-constraint violation, in SQLite's or PostgreSQL's words. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
