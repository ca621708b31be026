import { statSync } from "node:fs";
import type SQLite from "better-sqlite3";
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult } from "kysely";
import { DatabaseFault } from "./faults.ts";

/** What the driver needs of a better-sqlite3 database (or of the statement cache over one). */
export interface SqliteHandle {
  prepare(sql: string): SQLite.Statement;
  close(): void;
  readonly inTransaction: boolean;
}

export interface WaitingSqliteOptions {
  /** How long a statement or a transaction waits for another process's write lock. */
  lockTimeoutMs: number;
  /** The file the database was opened from, checked before every write; null for `:memory:`. */
  filename: string | null;
}

/**
 * SQLite for a server that must never stop to wait. SQLite's own busy timeout sleeps inside the
 * call (1, 2, 5, 10 ms… while the process serves nothing), so the connection has none: a statement
 * or a `BEGIN IMMEDIATE` that finds the write lock taken by another process is tried again on a
 * timer, up to `lockTimeoutMs`, and meanwhile the one connection is free for reads.
 *
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE): with several processes on
 * one file, a transaction that reads and then writes would otherwise fail at its first write
 * whenever another process wrote in between, instead of waiting its turn.
 *
 * Writes are refused (DatabaseFault "gone") once the file the database was opened from has been
 * deleted or replaced: SQLite would go on writing into the unlinked file, acknowledging answers
 * that no restart will find.
 */
export class WaitingSqliteDialect implements Dialect {
  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly options: WaitingSqliteOptions,
  ) {}

  createDriver(): Driver {
    return new WaitingSqliteDriver(this.sqlite, this.options);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  // Kysely<any> is the introspector's own signature.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

const MAX_PAUSE_MS = 16;

class WaitingSqliteDriver implements Driver {
  /** Held by an open transaction, or while one statement outside a transaction runs. */
  private readonly mutex = new Mutex();
  private readonly file: FileIdentity | null;

  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly options: WaitingSqliteOptions,
  ) {
    this.file = options.filename ? FileIdentity.of(options.filename) : null;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WaitingConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.untilLocked(() => this.sqlite.prepare("begin immediate").run(), { keepMutex: true });
    (connection as WaitingConnection).inTransaction = true;
  }

  async commitTransaction(): Promise<void> {
    this.file?.assertUnchanged();
    this.sqlite.prepare("commit").run();
  }

  /**
   * SQLite has already rolled back a transaction whose statement failed for want of space or of
   * a working disk; a second rollback would fail and hide the real error.
   */
  async rollbackTransaction(): Promise<void> {
    if (this.sqlite.inTransaction) this.sqlite.prepare("rollback").run();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const waiting = connection as WaitingConnection;
    if (!waiting.inTransaction) return;
    waiting.inTransaction = false;
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.sqlite.close();
  }

  /** One statement: in the open transaction of its connection, or on its own. */
  async execute(compiledQuery: CompiledQuery, inTransaction: boolean): Promise<QueryResult<unknown>> {
    if (inTransaction) return this.run(compiledQuery, false);
    return this.untilLocked(() => this.run(compiledQuery, true), { keepMutex: false });
  }

  /** A statement that fails once the file is gone fails for that reason (a table "missing", a short read…). */
  private run(compiledQuery: CompiledQuery, autocommit: boolean): QueryResult<unknown> {
    try {
      return this.runStatement(compiledQuery, autocommit);
    } catch (error) {
      this.file?.assertUnchanged();
      throw error;
    }
  }

  private runStatement({ sql, parameters }: CompiledQuery, autocommit: boolean): QueryResult<unknown> {
    const statement = this.sqlite.prepare(sql);
    if (statement.reader && statement.readonly) return { rows: statement.all(parameters) };
    if (autocommit) this.file?.assertUnchanged();
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  /**
   * Runs `attempt` holding the connection, and again on a timer while SQLite answers that another
   * process holds the lock, releasing the connection in between so that reads go on meanwhile.
   */
  private async untilLocked<T>(attempt: () => T, { keepMutex }: { keepMutex: boolean }): Promise<T> {
    const deadline = Date.now() + this.options.lockTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
      await this.mutex.lock();
      let succeeded = false;
      try {
        const result = attempt();
        succeeded = true;
        return result;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
      } finally {
        if (!(succeeded && keepMutex)) this.mutex.unlock();
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

class WaitingConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(private readonly driver: WaitingSqliteDriver) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(compiledQuery, this.inTransaction) as Promise<QueryResult<R>>;
  }

  // Nothing in the app streams a query; SQLite's synchronous reads would gain nothing from it.
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming queries are not supported on SQLite.");
  }
}

/** SQLITE_BUSY, or one of its extended codes (SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT…). */
function isBusy(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** The device and inode the database was opened from: a deleted or replaced file has neither. */
class FileIdentity {
  private constructor(
    private readonly filename: string,
    private readonly dev: number,
    private readonly ino: number,
  ) {}

  static of(filename: string): FileIdentity {
    const stats = statSync(filename);
    return new FileIdentity(filename, stats.dev, stats.ino);
  }

  assertUnchanged(): void {
    const stats = statSync(this.filename, { throwIfNoEntry: false });
    if (stats?.dev === this.dev && stats.ino === this.ino) return;
    throw new DatabaseFault(
      "gone",
      `The database file ${this.filename} was ${stats ? "replaced" : "deleted"} while the server was running: nothing more is written until it is restored and the server restarted.`,
    );
  }
}

class Mutex {
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  unlock(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }
}
