import type { MachineTranslationReport } from "#app/features/exports/source.ts";
import { translateBatch, type ApertiumOptions } from "#app/features/translation/apertium.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import type { ReportInput, ReportProposal } from "./report-input.ts";

/**
 * The report's annex with Apertium's translation of each retained proposal written in another
 * language than the report's (docs/decisions/0035-machine-translation-in-exports.md): one batch
 * per source language, the title and summary of every proposal in it. The originals stay as
 * written; a proposal Apertium could not translate keeps none, and the notes say why.
 */
export async function withTranslatedAnnex(input: ReportInput, apertium?: ApertiumOptions): Promise<ReportInput> {
  const report: MachineTranslationReport = { translated: 0, untranslated: 0, unknownLanguage: 0, problems: [] };
  const byLanguage = new Map<Language, number[]>();
  input.annex.forEach((proposal, index) => {
    if (!isLanguage(proposal.language)) report.unknownLanguage += 1;
    else if (proposal.language !== input.language) byLanguage.set(proposal.language, [...(byLanguage.get(proposal.language) ?? []), index]);
  });
  const annex: ReportProposal[] = [...input.annex];
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
