import { sql } from "kysely";
import type { Db } from "#db/connect.ts";
import { databaseFault, describeDatabaseError, type DatabaseFaultKind } from "#db/faults.ts";

export type DatabaseHealth = { ok: true } | { ok: false; problem: DatabaseFaultKind | "unknown" };

/** A check younger than this is answered again rather than run again. */
export const HEALTH_REUSE_MS = 1_000;

interface LastCheck {
  at: number;
  result: Promise<DatabaseHealth>;
  /** What was wrong as of this check, to log only the changes. */
  problem: string | null;
}

const lastChecks = new WeakMap<Db, LastCheck>();

/**
 * Whether the database answers a read and takes a write. The write (one row of health_check)
 * finds what a read cannot: a full disk, a read-only database, a SQLite file deleted while the
 * server holds it open. Checks are shared for HEALTH_REUSE_MS, so that however often /healthz is
 * asked, it writes at most once a second; a change of state is logged once, with the real error.
 */
export function checkDatabase(db: Db, now = Date.now()): Promise<DatabaseHealth> {
  const last = lastChecks.get(db);
  if (last && now - last.at < HEALTH_REUSE_MS) return last.result;
  const check: LastCheck = { at: now, result: Promise.resolve({ ok: true }), problem: last?.problem ?? null };
  check.result = readAndWrite(db, new Date(now)).then((error) => {
    const health: DatabaseHealth = error === null ? { ok: true } : { ok: false, problem: databaseFault(error) ?? "unknown" };
    const problem = health.ok ? null : health.problem;
    if (problem !== check.problem) logChange(problem, error);
    check.problem = problem;
    return health;
  });
  lastChecks.set(db, check);
  return check.result;
}

async function readAndWrite(db: Db, now: Date): Promise<unknown> {
  try {
    await sql`select 1`.execute(db);
    const checked_at = now.toISOString();
    await db
      .insertInto("health_check")
      .values({ name: "write", checked_at })
      .onConflict((conflict) => conflict.column("name").doUpdateSet({ checked_at }))
      .execute();
    return null;
  } catch (error) {
    return error;
  }
}

function logChange(problem: string | null, error: unknown): void {
  if (problem === null) console.warn("Health check: the database takes writes again.");
  else console.error(`Health check: the database cannot be written (${problem}): ${describeDatabaseError(error)}`);
}
