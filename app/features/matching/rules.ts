import { continentOf } from "#app/features/organisations/countries.ts";

/**
 * The matching rules (docs/decisions/0029), framework-free and without the database: which
 * offers and retained proposals fit a capacity need, why, and in what order.
 */

export type CandidateKind = "offer" | "proposal";

/** What a need is matched on: its one objective, the gaps it names and the support it wants. */
export interface NeedFacts {
  id: string;
  organisationId: string;
  regionM49: string | null;
  objective: string;
  gaps: readonly string[];
  modalities: readonly string[];
}

/** What an offer or a retained proposal is matched on (an offer names no capacity gap). */
export interface CandidateFacts {
  kind: CandidateKind;
  id: string;
  organisationId: string | null;
  regionM49: string | null;
  objectives: readonly string[];
  gaps: readonly string[];
  modalities: readonly string[];
}

/** Why a candidate fits, strongest first; each is a phrase in the catalogues under matching.reason. */
export const MATCH_REASONS = ["same-objective", "wanted-modality", "same-gap", "modality-for-gap", "same-region", "neighbouring-region"] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** What each reason adds to a match's score. */
export const REASON_WEIGHTS: Record<MatchReason, number> = {
  "same-objective": 3,
  "wanted-modality": 2,
  "same-gap": 2,
  "modality-for-gap": 1,
  "same-region": 2,
  "neighbouring-region": 1,
};

/**
 * The support modalities that can close each capacity gap: how an offer, which names modalities
 * only, is found compatible with the gaps a State names.
 */
export const MODALITIES_FOR_GAP: Record<string, readonly string[]> = {
  "data-evidence": ["technical-assistance", "data-tools"],
  "law-policy": ["technical-assistance", "peer-exchange"],
  "institutional-coordination": ["technical-assistance", "peer-exchange"],
  "skills-training": ["training", "peer-exchange"],
  "infrastructure-technology": ["funding", "data-tools"],
  financing: ["funding"],
};

/**
 * Two M49 areas are neighbouring when they are different areas of the same continental region
 * (Africa, Americas, Asia, Europe, Oceania).
 */
export function areNeighbouring(a: string, b: string): boolean {
  if (a === b) return false;
  const continent = continentOf(a);
  return continent !== undefined && continent === continentOf(b);
}

const meets = (a: readonly string[], b: readonly string[]) => a.some((value) => b.includes(value));

/** The reasons a candidate fits a need, in MATCH_REASONS order; null when it does not fit. */
export function reasonsFor(need: NeedFacts, candidate: CandidateFacts): MatchReason[] | null {
  if (!candidate.objectives.includes(need.objective)) return null;
  // A State's own offer is no answer to its need.
  if (candidate.organisationId === need.organisationId) return null;
  const reasons: MatchReason[] = ["same-objective"];
  if (meets(need.modalities, candidate.modalities)) reasons.push("wanted-modality");
  if (meets(need.gaps, candidate.gaps)) reasons.push("same-gap");
  if (need.gaps.some((gap) => meets(MODALITIES_FOR_GAP[gap] ?? [], candidate.modalities))) reasons.push("modality-for-gap");
  const asksForSupport = need.gaps.length > 0 || need.modalities.length > 0;
  // The objective alone fits only a need that names neither a gap nor a modality.
  if (asksForSupport && reasons.length === 1) return null;
  if (need.regionM49 !== null && candidate.regionM49 !== null) {
    if (need.regionM49 === candidate.regionM49) reasons.push("same-region");
    else if (areNeighbouring(need.regionM49, candidate.regionM49)) reasons.push("neighbouring-region");
  }
  return reasons;
}

export function scoreOf(reasons: readonly MatchReason[]): number {
  return reasons.reduce((sum, reason) => sum + REASON_WEIGHTS[reason], 0);
}

export interface Suggestion {
  kind: CandidateKind;
  id: string;
  reasons: MatchReason[];
  score: number;
}

/** Highest score first; ties by kind (offers before proposals), then by id, so that the order never varies. */
export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return b.score - a.score || a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const candidateKey = (kind: CandidateKind, id: string) => `${kind}:${id}`;

/** The key under which a decision on a need and a candidate is looked up. */
export const decisionKey = (needId: string, kind: CandidateKind, id: string) => `${needId}|${candidateKey(kind, id)}`;

/**
 * Every need's fitting candidates, ranked, leaving out those a rapporteur dismissed for it.
 * Candidates are indexed by objective first, so that a meeting's thousand needs and offers are
 * not compared all with all.
 */
export function suggest(needs: readonly NeedFacts[], candidates: readonly CandidateFacts[], dismissed: ReadonlySet<string>): Map<string, Suggestion[]> {
  const byObjective = new Map<string, CandidateFacts[]>();
  for (const candidate of candidates) {
    for (const objective of new Set(candidate.objectives)) {
      const list = byObjective.get(objective);
      if (list) list.push(candidate);
      else byObjective.set(objective, [candidate]);
    }
  }
  const result = new Map<string, Suggestion[]>();
  for (const need of needs) {
    const suggestions: Suggestion[] = [];
    for (const candidate of byObjective.get(need.objective) ?? []) {
      if (dismissed.has(decisionKey(need.id, candidate.kind, candidate.id))) continue;
      const reasons = reasonsFor(need, candidate);
      if (reasons) suggestions.push({ kind: candidate.kind, id: candidate.id, reasons, score: scoreOf(reasons) });
    }
    result.set(need.id, suggestions.sort(compareSuggestions));
  }
  return result;
}

