import type { MigrationResult } from "kysely";
import { rebuildTallies } from "../app/features/figures/tallies.ts";
import { rebuildDerivedRows } from "../app/features/proposals/derivation.ts";
import type { Db } from "./connect.ts";

/** The migrations that add rows derived from the answers (ADRs 0017, 0025 and 0036). */
const DERIVING_MIGRATIONS = new Set(["202612031600_proposals", "202612051000_answer_values", "202612071200_free_text_answers"]);
/** The migrations that add sums of the derived rows, or rows they fill themselves (ADR 0033): summed again, the rows left as they are. */
const SUMMING_MIGRATIONS = new Set(["202612071500_figure_tallies", "202612081000_submitted_answers"]);

/**
 * Derives the rows of every submitted answer when this run of the migrations added a kind of
 * derived rows: a database that had answers before them would otherwise show empty figures
 * until someone ran `npm run figures:rebuild`; or sums them again when it added a kind of tallies.
 * The number of answers derived or summed; null when no such migration ran.
 */
export async function rebuildAfterMigrations(db: Db, results: readonly MigrationResult[] | undefined): Promise<number | null> {
  const ran = (migrations: Set<string>) => (results ?? []).some((result) => result.status === "Success" && migrations.has(result.migrationName));
  if (ran(DERIVING_MIGRATIONS)) return (await rebuildDerivedRows(db)).answers;
  if (!ran(SUMMING_MIGRATIONS)) return null;
  return (await db.transaction().execute((trx) => rebuildTallies(trx))).answers;
}
