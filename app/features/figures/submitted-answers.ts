import type { Db } from "#db/connect.ts";
import type { SubmittedAnswerTable } from "#db/schema.ts";
import type { SubmittedSource } from "#app/features/proposals/source.ts";

/**
 * An answer's submission as a row with the groups a summary's filters select (ADR 0033): its
 * consultation, organisation, stakeholder type, area and use at its last submission. The
 * participation counters count these rows (through their tallies), never the answers themselves.
 */
export function submittedAnswerOf(source: SubmittedSource): SubmittedAnswerTable {
  return {
    response_id: source.responseId,
    consultation_id: source.consultationId,
    organisation_id: source.organisationId,
    stakeholder_type: source.stakeholderType,
    region_m49: source.regionM49,
    attribution: source.attribution,
  };
}

/** Writes (or moves, after a change of use) the submitted answer's row. */
export async function syncSubmittedAnswer(db: Db, source: SubmittedSource): Promise<void> {
  const { response_id: responseId, ...group } = submittedAnswerOf(source);
  await db
    .insertInto("submitted_answer")
    .values({ response_id: responseId, ...group })
    .onConflict((conflict) => conflict.column("response_id").doUpdateSet(group))
    .execute();
}
