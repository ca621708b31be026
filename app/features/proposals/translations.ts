import type { Db } from "#db/connect.ts";
import { enqueueJob, PermanentJobError } from "#app/features/jobs/jobs.ts";
import { isoNow } from "#app/features/ids.ts";
import type { ApertiumOptions } from "#app/features/translation/apertium.ts";
import { PIVOT_LANGUAGE } from "./similarity/similar.ts";
import { translateToPivot } from "./similarity/pivot.ts";
import { isLanguage } from "#app/i18n/languages.ts";

export const TRANSLATE_JOB = "proposals.translate";

/** Proposals translated per Apertium batch: a few processes, a few seconds, and progress between batches. */
export const TRANSLATION_BATCH = 500;

/** Proposals still to be put into the pivot language: written in another language, not withdrawn, text not translated yet. */
function untranslated(db: Db) {
  return db
    .selectFrom("proposal")
    .where("pivot_text", "is", null)
    .where("withdrawn_at", "is", null)
    .where("language", "is not", null)
    .where("language", "!=", PIVOT_LANGUAGE);
}

/**
 * Asks for the translations an answer's proposals need, in the transaction that derived them:
 * one waiting job serves every answer submitted meanwhile.
 */
export async function queueProposalTranslations(db: Db, responseId: string, now?: Date): Promise<void> {
  const waiting = await untranslated(db).select("id").where("response_id", "=", responseId).limit(1).executeTakeFirst();
  if (waiting) await enqueueJob(db, { kind: TRANSLATE_JOB, payload: null, key: "untranslated", now });
}

/**
 * Translates every proposal waiting for its Spanish text, in batches of one Apertium process per
 * language step. A row is written only if its text is still the one translated (an amendment
 * meanwhile clears it for the next run). Without Apertium the job fails with the reason, and
 * suggestions across languages stay off until it is installed.
 */
export async function translatePendingProposals(
  db: Db,
  options: { apertium?: ApertiumOptions; progress?: (done: number) => Promise<boolean>; now?: () => Date } = {},
): Promise<{ translated: number }> {
  let translated = 0;
  const seen = new Set<string>();
  for (;;) {
    const rows = await untranslated(db).select(["id", "language", "title", "summary"]).orderBy("created_at").limit(TRANSLATION_BATCH).execute();
    const batch = rows.filter((row) => !seen.has(row.id));
    if (batch.length === 0) return { translated };
    const proposals = batch.flatMap((row) => (isLanguage(row.language) ? [{ id: row.id, language: row.language, title: row.title ?? "", summary: row.summary, objectives: [] }] : []));
    const result = await translateToPivot(proposals, options.apertium);
    if (!result.ok) {
      if (result.reason === "not-installed" || result.reason === "pair-missing") throw new PermanentJobError(result.message);
      throw new Error(result.message);
    }
    const stamp = isoNow(options.now?.());
    for (const row of batch) {
      const text = result.pivotTexts.get(row.id);
      if (text === undefined) continue;
      const written = await db
        .updateTable("proposal")
        .set({ pivot_text: text, translated_at: stamp })
        .where("id", "=", row.id)
        .where("pivot_text", "is", null)
        .where("summary", "=", row.summary)
        .where((eb) => (row.title === null ? eb("title", "is", null) : eb("title", "=", row.title)))
        .executeTakeFirst();
      translated += Number(written.numUpdatedRows);
    }
    // Rows whose text changed while they were translated are left for the next run, not looped on.
    for (const row of batch) seen.add(row.id);
    if (options.progress && !(await options.progress(translated))) return { translated };
  }
}
