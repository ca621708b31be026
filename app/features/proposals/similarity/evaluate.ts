import { z } from "zod";
import { SimilarityIndex, type SimilarityProposal } from "./similar.ts";
import { LANGUAGES } from "./text.ts";

/** One item of a labelled file: items sharing a non-null group are duplicates of one another. */
export const labelledProposalSchema = z
  .object({
    id: z.string().min(1),
    language: z.enum(LANGUAGES),
    title: z.string(),
    summary: z.string(),
    objectives: z.array(z.number().int().min(1).max(23)),
    group: z.string().min(1).nullable(),
  })
  .strict();
export const labelledFileSchema = z.array(labelledProposalSchema).superRefine((items, context) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) context.addIssue({ code: z.ZodIssueCode.custom, path: [index, "id"], message: `id "${item.id}" appears twice` });
    seen.add(item.id);
  });
});
export type LabelledProposal = z.infer<typeof labelledProposalSchema>;

export interface ScoredPair {
  score: number;
  duplicate: boolean;
  crossLanguage: boolean;
}

export interface Metrics {
  pairs: number;
  duplicates: number;
  /** null where undefined: no pair suggested (precision), no duplicate (recall), one class only (AUC). */
  precision: number | null;
  recall: number | null;
  auc: number | null;
}

/** ROC-AUC as the chance that a duplicate pair outscores a distinct one (ties count half), from ranks. */
export function rocAuc(pairs: readonly ScoredPair[]): number | null {
  const positives = pairs.filter((pair) => pair.duplicate).length;
  const negatives = pairs.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const sorted = [...pairs].sort((a, b) => a.score - b.score);
  let positiveRanks = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && (sorted[j] as ScoredPair).score === (sorted[i] as ScoredPair).score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((sorted[k] as ScoredPair).duplicate) positiveRanks += averageRank;
    i = j;
  }
  return (positiveRanks - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function metrics(pairs: readonly ScoredPair[], threshold: number): Metrics {
  let truePositives = 0;
  let suggested = 0;
  let duplicates = 0;
  for (const pair of pairs) {
    const predicted = pair.score >= threshold;
    if (predicted) suggested++;
    if (pair.duplicate) duplicates++;
    if (predicted && pair.duplicate) truePositives++;
  }
  return {
    pairs: pairs.length,
    duplicates,
    precision: suggested === 0 ? null : truePositives / suggested,
    recall: duplicates === 0 ? null : truePositives / duplicates,
    auc: rocAuc(pairs),
  };
}

/**
 * Scores every pair of the file with the engine the app uses: each item's suggestions with no
 * threshold and no limit (a pair with nothing in common scores 0). Pairs in two languages are
 * scored only when `pivotTexts` holds the translations.
 */
export function scorePairs(items: readonly LabelledProposal[], pivotTexts: ReadonlyMap<string, string> | null): ScoredPair[] {
  const index = new SimilarityIndex();
  for (const item of items) {
    const proposal: SimilarityProposal = { ...item, pivotText: pivotTexts?.get(item.id) ?? null };
    index.add(proposal);
  }
  const pairs: ScoredPair[] = [];
  items.forEach((item, i) => {
    const scores = new Map(index.similar(item.id, { threshold: 0, limit: Infinity }).map((suggestion) => [suggestion.id, suggestion.score]));
    for (const other of items.slice(i + 1)) {
      const crossLanguage = other.language !== item.language;
      if (crossLanguage && !pivotTexts) continue;
      pairs.push({ score: scores.get(other.id) ?? 0, duplicate: item.group !== null && item.group === other.group, crossLanguage });
    }
  });
  return pairs;
}

export interface Evaluation {
  all: Metrics;
  sameLanguage: Metrics;
  crossLanguage: Metrics;
}

export function evaluate(pairs: readonly ScoredPair[], threshold: number): Evaluation {
  return {
    all: metrics(pairs, threshold),
    sameLanguage: metrics(
      pairs.filter((pair) => !pair.crossLanguage),
      threshold,
    ),
    crossLanguage: metrics(
      pairs.filter((pair) => pair.crossLanguage),
      threshold,
    ),
  };
}
