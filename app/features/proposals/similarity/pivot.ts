import { translateBatch, type ApertiumOptions, type TranslationResult } from "#app/features/translation/apertium.ts";
import { PIVOT_LANGUAGE, proposalText, type SimilarityProposal } from "./similar.ts";
import { LANGUAGES } from "./text.ts";

export type PivotTranslation = { ok: true; pivotTexts: Map<string, string> } | Extract<TranslationResult, { ok: false }>;

/**
 * Every proposal's text in the pivot language: one batch per source language (Apertium
 * splits it into processes of bounded size), so a thousand proposals cost a few processes.
 */
export async function translateToPivot(proposals: readonly SimilarityProposal[], options: ApertiumOptions = {}): Promise<PivotTranslation> {
  const pivotTexts = new Map<string, string>();
  for (const language of LANGUAGES) {
    if (language === PIVOT_LANGUAGE) continue;
    const batch = proposals.filter((proposal) => proposal.language === language);
    if (batch.length === 0) continue;
    const result = await translateBatch(batch.map(proposalText), language, PIVOT_LANGUAGE, options);
    if (!result.ok) return result;
    batch.forEach((proposal, index) => pivotTexts.set(proposal.id, result.texts[index] as string));
  }
  return { ok: true, pivotTexts };
}
