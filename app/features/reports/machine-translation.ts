import type { Db } from "#db/connect.ts";
import type { MachineTranslationReport } from "#app/features/exports/source.ts";
import { PIVOT_LANGUAGE } from "#app/features/proposals/similarity/similar.ts";
import { translateBatch, type ApertiumOptions } from "#app/features/translation/apertium.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import type { ReportInput, ReportProposal } from "./report-input.ts";

/**
 * The report's annex with Apertium's translation of each retained proposal written in another
 * language than the report's (docs/decisions/0035-machine-translation-in-exports.md): one batch
 * per source language, the title and summary of every proposal in it. The originals stay as
 * written; a proposal Apertium could not translate keeps none, and the notes say why.
 */
export async function withTranslatedAnnex(input: ReportInput, apertium?: ApertiumOptions, stored: ReadonlyMap<string, Translation> = new Map()): Promise<ReportInput> {
  const report: MachineTranslationReport = { translated: 0, untranslated: 0, unknownLanguage: 0, problems: [] };
  const byLanguage = new Map<Language, number[]>();
  const annex: ReportProposal[] = [...input.annex];
  input.annex.forEach((proposal, index) => {
    const known = stored.get(proposal.id);
    if (!isLanguage(proposal.language)) report.unknownLanguage += 1;
    else if (proposal.language === input.language) return;
    else if (known) {
      annex[index] = { ...proposal, machineTranslation: known };
      report.translated += 1;
    } else byLanguage.set(proposal.language, [...(byLanguage.get(proposal.language) ?? []), index]);
  });
  for (const [from, indexes] of byLanguage) {
    const proposals = indexes.map((index) => input.annex[index] as ReportProposal);
    // Title and summary in one batch: the titles first, then the summaries, in the same order.
    const result = await translateBatch([...proposals.map((proposal) => proposal.title ?? ""), ...proposals.map((proposal) => proposal.summary)], from, input.language, apertium);
    if (!result.ok) {
      report.untranslated += proposals.length;
      if (!report.problems.includes(result.message)) report.problems.push(result.message);
      continue;
    }
    report.translated += proposals.length;
    indexes.forEach((index, position) => {
      const proposal = annex[index] as ReportProposal;
      const title = proposal.title === null ? null : (result.texts[position] as string);
      annex[index] = { ...proposal, machineTranslation: { title, summary: result.texts[proposals.length + position] as string } };
    });
  }
  return { ...input, annex, machineTranslation: report };
}

type Translation = NonNullable<ReportProposal["machineTranslation"]>;

/** Proposals read per query, well under SQLite's limit of bound parameters. */
const STORED_CHUNK = 500;

/**
 * The Spanish translations the annex's proposals already have: the pivot texts Apertium made for
 * the similarity suggestions (ADR 0016), title and summary joined by a line break. Used only for
 * a report in Spanish, and only where that break can be told apart: a title of one line.
 */
export async function storedTranslations(db: Db, input: ReportInput): Promise<Map<string, Translation>> {
  const found = new Map<string, Translation>();
  if (input.language !== PIVOT_LANGUAGE) return found;
  const wanted = input.annex.filter((proposal) => proposal.language !== input.language && proposal.title !== null && !proposal.title.includes("\n"));
  for (let start = 0; start < wanted.length; start += STORED_CHUNK) {
    const chunk = wanted.slice(start, start + STORED_CHUNK);
    const rows = await db
      .selectFrom("proposal")
      .select(["id", "pivot_text"])
      .where(
        "id",
        "in",
        chunk.map((proposal) => proposal.id),
      )
      .where("pivot_text", "is not", null)
      .execute();
    for (const row of rows) {
      const breakAt = row.pivot_text?.indexOf("\n") ?? -1;
      if (row.pivot_text && breakAt > 0) found.set(row.id, { title: row.pivot_text.slice(0, breakAt), summary: row.pivot_text.slice(breakAt + 1) });
    }
  }
  return found;
}
