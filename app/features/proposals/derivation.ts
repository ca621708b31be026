import type { Db } from "#db/connect.ts";
import { isoNow } from "#app/features/ids.ts";
import { syncNeeds, syncOffers } from "#app/features/capacity/derive.ts";
import { syncAnswerValues } from "#app/features/figures/answer-values.ts";
import { rebuildTallies, withTallies } from "#app/features/figures/tallies.ts";
import { syncFreeTexts } from "#app/features/figures/free-texts.ts";
import { syncSubmittedAnswer } from "#app/features/figures/submitted-answers.ts";
import { syncProposals } from "./derive.ts";
import { queueProposalTranslations } from "./translations.ts";
import { isRecord, type SubmittedSource } from "./source.ts";

function answersOf(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  return isRecord(parsed) ? parsed : {};
}

/** A submitted answer as derivation reads it; undefined for an answer never submitted. */
async function sourceOf(db: Db, responseId: string): Promise<SubmittedSource | undefined> {
  const row = await db
    .selectFrom("response")
    .innerJoin("organisation", "organisation.id", "response.organisation_id")
    .select(["response.id", "response.consultation_id", "response.survey_version_id", "response.organisation_id", "response.submitted_data", "response.attribution", "response.language", "organisation.type", "organisation.region_m49"])
    .where("response.id", "=", responseId)
    .executeTakeFirst();
  if (!row || row.submitted_data === null) return undefined;
  return {
    responseId: row.id,
    consultationId: row.consultation_id,
    surveyVersionId: row.survey_version_id,
    organisationId: row.organisation_id,
    stakeholderType: row.type,
    regionM49: row.region_m49,
    language: row.language,
    attribution: row.attribution,
    answers: answersOf(row.submitted_data),
  };
}

/**
 * Derives the proposals, needs, offers and typed values (what figures count, and their tallies) of
 * an answer from its last submission (and its current attribution): called in the transaction of
 * every submission, import and change of use. A draft or an amendment in progress is never read.
 */
export async function deriveRows(db: Db, responseId: string, now: Date = new Date()): Promise<void> {
  await withTallies(db, responseId, () => deriveAnswerRows(db, responseId, now));
}

/** The derivation itself; the rebuild sums the tallies once at its end instead of answer by answer. */
async function deriveAnswerRows(db: Db, responseId: string, now: Date): Promise<void> {
  const source = await sourceOf(db, responseId);
  if (!source) return;
  const stamp = isoNow(now);
  await syncProposals(db, source, stamp);
  await queueProposalTranslations(db, responseId, now);
  await syncNeeds(db, source, stamp);
  await syncOffers(db, source, stamp);
  await syncAnswerValues(db, source);
  await syncFreeTexts(db, source);
  await syncSubmittedAnswer(db, source);
}

/**
 * The entry ids, among those given, that belong to another answer's proposals, needs or
 * offers: an answer may never take over another's entries (and their coding).
 */
export async function foreignItemIds(db: Db, responseId: string | null, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = new Set<string>();
  for (const table of ["proposal", "capacity_need", "capacity_offer"] as const) {
    let query = db.selectFrom(table).select("item_id").where("item_id", "in", ids);
    if (responseId !== null) query = query.where((eb) => eb.or([eb("response_id", "is", null), eb("response_id", "!=", responseId)]));
    for (const row of await query.execute()) if (row.item_id) found.add(row.item_id);
  }
  return found;
}

/**
 * Derives the rows of every submitted answer again (`npm run proposals:rebuild`, or
 * `figures:rebuild`): after a migration, or to repair them. Coding and status are kept; doing it
 * twice changes nothing. Values left by an answer that has no submission are not counted.
 */
export async function rebuildDerivedRows(db: Db, now: Date = new Date()): Promise<{ answers: number }> {
  for (const table of ["answer_value", "free_text_answer", "submitted_answer"] as const) {
    await db.deleteFrom(table).where("response_id", "in", db.selectFrom("response").select("id").where("submitted_data", "is", null)).execute();
  }
  const responses = await db.selectFrom("response").select("id").where("submitted_data", "is not", null).orderBy("id").execute();
  for (const { id } of responses) {
    await db.transaction().execute((trx) => deriveAnswerRows(trx, id, now));
  }
  await db.transaction().execute((trx) => rebuildTallies(trx));
  return { answers: responses.length };
}
