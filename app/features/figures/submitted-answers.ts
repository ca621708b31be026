import type { Db } from "#db/connect.ts";
import type { SubmittedSource } from "#app/features/proposals/source.ts";
import { answerColumns } from "./answer-values.ts";

/**
 * An answer's submission as a row with the groups a summary's filters select (ADR 0033): its
 * consultation, organisation, stakeholder type, area and use at its last submission. The
 * participation counters count these rows (through their tallies), never the answers themselves.
 * Written (or moved, after a change of use) by every derivation.
 */
export async function syncSubmittedAnswer(db: Db, source: SubmittedSource): Promise<void> {
  const { response_id: responseId, ...group } = answerColumns(source);
  await db
    .insertInto("submitted_answer")
    .values({ response_id: responseId, ...group })
    .onConflict((conflict) => conflict.column("response_id").doUpdateSet(group))
    .execute();
}
