import type SQLite from "better-sqlite3";
import type { SqliteHandle } from "./sqlite-driver.ts";

export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite database as Kysely's dialect sees it, with each SQL text prepared once and its
 * statement reused: Kysely prepares on every query, and preparing cost as much as running the
 * small queries of a request. Kysely only binds parameters per call and never changes a
 * statement's modes, so a statement can serve every query with its text. One still iterating
 * (a streamed select) is busy: a query meanwhile gets a statement of its own. The least recently
 * used statements are let go past `size`.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteHandle {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        if (cached.busy) return sqlite.prepare(sql);
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
    get inTransaction() {
      return sqlite.inTransaction;
    },
  };
}
