import type { MigrationResult } from "kysely";
import { rebuildDerivedRows } from "../app/features/proposals/derivation.ts";
import type { Db } from "./connect.ts";

/** The migrations that add rows derived from the answers (ADRs 0017, 0025 and 0036). */
const DERIVING_MIGRATIONS = new Set(["202612031600_proposals", "202612051000_answer_values", "202612071200_free_text_answers"]);

/**
 * Derives the rows of every submitted answer when this run of the migrations added a kind of
 * derived rows: a database that had answers before them would otherwise show empty figures
 * until someone ran `npm run figures:rebuild`. The number of answers derived; null when no such
 * migration ran.
 */
export async function rebuildAfterMigrations(db: Db, results: readonly MigrationResult[] | undefined): Promise<number | null> {
  const added = (results ?? []).some((result) => result.status === "Success" && DERIVING_MIGRATIONS.has(result.migrationName));
  if (!added) return null;
  const { answers } = await rebuildDerivedRows(db);
  return answers;
}
