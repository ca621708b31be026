/**
 * Why the database could not do what a request asked, when the cause is the database's state and
 * not the request: the request may well succeed later, and nothing of it was stored.
 *
 * - busy: another process held the write lock past the wait (SQLite), a lock or statement
 *   timeout, a deadlock or serialisation failure (PostgreSQL);
 * - full: no space left for the database;
 * - read-only: the database refuses writes (a read-only file or server);
 * - storage: the disk refused a read or write (I/O error);
 * - gone: the SQLite file was deleted or replaced while the server held it open;
 * - unreachable: no connection to the database server.
 */
const KINDS = ["busy", "full", "read-only", "storage", "gone", "unreachable"] as const;
export type DatabaseFaultKind = (typeof KINDS)[number];

/** A fault that db/ detects itself, where the database would not report one. */
export class DatabaseFault extends Error {
  constructor(
    readonly kind: DatabaseFaultKind,
    message: string,
  ) {
    super(message);
    this.name = "DatabaseFault";
  }
}

const SQLITE_FAULTS: [prefix: string, kind: DatabaseFaultKind][] = [
  ["SQLITE_BUSY", "busy"],
  ["SQLITE_LOCKED", "busy"],
  ["SQLITE_FULL", "full"],
  ["SQLITE_READONLY", "read-only"],
  ["SQLITE_IOERR", "storage"],
  ["SQLITE_CANTOPEN", "storage"],
];

/** PostgreSQL's SQLSTATE codes (and Node's socket errors) for the same faults. */
const POSTGRES_FAULTS: Record<string, DatabaseFaultKind> = {
  "53100": "full",
  "25006": "read-only",
  "55P03": "busy",
  "57014": "busy",
  "40001": "busy",
  "40P01": "busy",
  "53300": "unreachable",
  "57P01": "unreachable",
  "57P02": "unreachable",
  "57P03": "unreachable",
  ECONNREFUSED: "unreachable",
  ECONNRESET: "unreachable",
  ETIMEDOUT: "unreachable",
  EHOSTUNREACH: "unreachable",
  ENOTFOUND: "unreachable",
  EAI_AGAIN: "unreachable",
  EPIPE: "unreachable",
};

/** node-postgres's own words when a connection is lost or never comes, which carry no code. */
const POSTGRES_CONNECTION_LOST = /^(Connection terminated|timeout exceeded when trying to connect)/;

/** The kind of fault an error from either database stands for, or null for any other error. */
export function databaseFault(error: unknown): DatabaseFaultKind | null {
  if (!(error instanceof Error)) return null;
  // By name, not instanceof: the HTTP server and the app are bundled apart, each with its own class.
  const kind = (error as { kind?: unknown }).kind;
  if (error.name === "DatabaseFault" && KINDS.includes(kind as DatabaseFaultKind)) return kind as DatabaseFaultKind;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    const sqlite = SQLITE_FAULTS.find(([prefix]) => code.startsWith(prefix));
    if (sqlite) return sqlite[1];
    // Class 08: connection exceptions.
    if (/^08[0-9A-Z]{3}$/.test(code)) return "unreachable";
    return POSTGRES_FAULTS[code] ?? null;
  }
  return POSTGRES_CONNECTION_LOST.test(error.message) ? "unreachable" : null;
}

/** One line for the log: the database's own code and words, never a stack. */
export function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${code}: ${error.message}` : error.message;
}

/**
 * Logs a failure of work done outside a request (maintenance, background jobs): a database fault
 * as one line with its kind, since the database being busy or gone is expected to happen and says
 * all in its own words; any other error whole, with its stack.
 */
export function logFailure(what: string, error: unknown): void {
  const kind = databaseFault(error);
  if (kind) console.error(`${what}: the database is unavailable (${kind}): ${describeDatabaseError(error)}`);
  else console.error(`${what}:`, error);
}
