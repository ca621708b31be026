import { passagesOf, type Passage } from "./passages.ts";
import { TermIndex, type Match } from "./term-index.ts";
import { fold, tokenize, type Language, type Token } from "./text.ts";

/**
 * The language every proposal is compared in across languages (ADR 0016): Apertium has
 * English-Spanish and French-Spanish pairs, so Spanish is one translation step from each.
 */
export const PIVOT_LANGUAGE: Language = "es";

/** A proposal as the engine sees it: plain data, whatever table or file it came from. */
export interface SimilarityProposal {
  id: string;
  language: Language;
  title: string;
  summary: string;
  objectives: readonly number[];
  organisationId?: string | null;
  partners?: readonly string[];
  /**
   * Title and summary in the pivot language (Apertium's translation, as `proposalText` joins
   * them); a Spanish proposal's own text is used without it. Absent or null: not translated,
   * so not compared across languages.
   */
  pivotText?: string | null;
}

/** How much each signal weighs in the score (they sum to 1, so a score is between 0 and 1). */
export const WEIGHTS = { text: 0.8, objectives: 0.1, organisation: 0.05, partners: 0.05 } as const;

/** The score from which a pair is suggested as a likely duplicate (ADR 0016 says how it was chosen). */
export const DEFAULT_THRESHOLD = 0.3;

export const DEFAULT_LIMIT = 10;

/** Each signal between 0 and 1, before weighing: the reasons a page shows. */
export interface ScoreParts {
  /** TF-IDF cosine of the stemmed texts (in the pivot language for two languages). */
  text: number;
  /** Shared GCM objectives over all objectives of the two (Jaccard). */
  objectives: number;
  /** 1 when both come from the same organisation. */
  organisation: number;
  /** Partners named by both over all partners named (Jaccard, names folded). */
  partners: number;
}

export interface Suggestion {
  id: string;
  score: number;
  parts: ScoreParts;
  /** The language the texts were compared in: the target's own, or the pivot across languages. */
  comparedIn: Language;
  crossLanguage: boolean;
  /** What matched, as offsets into the compared texts (`comparedTexts`), and the shared terms, rarest first. */
  overlap: { target: Passage[]; candidate: Passage[]; terms: string[] };
  /** The texts the passages point into: the originals, or the pivot-language texts across languages. */
  comparedTexts: { target: string; candidate: string };
}

export interface SimilarOptions {
  threshold?: number;
  limit?: number;
}

/** The text a proposal is compared on (and translated as): its title, then its summary. */
export function proposalText(proposal: Pick<SimilarityProposal, "title" | "summary">): string {
  return `${proposal.title}\n${proposal.summary}`;
}

function jaccard<T>(left: ReadonlySet<T>, right: ReadonlySet<T>): number {
  let shared = 0;
  for (const item of left) if (right.has(item)) shared++;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * The least text similarity with which a pair can still reach the threshold, every other
 * signal at its best: pairs below it are left out before anything else is computed.
 */
function minimumCosine(threshold: number): number {
  return Math.max(0, (threshold - (1 - WEIGHTS.text)) / WEIGHTS.text - 1e-9);
}

/** The language-neutral signals between two proposals. */
export function neutralParts(a: SimilarityProposal, b: SimilarityProposal): Omit<ScoreParts, "text"> {
  return neutralPartsOf(signalsOf(a), signalsOf(b));
}

/** What the language-neutral signals compare, made once per proposal. */
interface Signals {
  objectives: ReadonlySet<number>;
  organisationId: string | null;
  partners: ReadonlySet<string>;
}

function signalsOf(proposal: SimilarityProposal): Signals {
  return { objectives: new Set(proposal.objectives), organisationId: proposal.organisationId ?? null, partners: new Set((proposal.partners ?? []).map(fold)) };
}

function neutralPartsOf(a: Signals, b: Signals): Omit<ScoreParts, "text"> {
  return {
    objectives: jaccard(a.objectives, b.objectives),
    organisation: a.organisationId !== null && a.organisationId === b.organisationId ? 1 : 0,
    partners: jaccard(a.partners, b.partners),
  };
}

export function weighedScore(parts: ScoreParts): number {
  return parts.text * WEIGHTS.text + parts.objectives * WEIGHTS.objectives + parts.organisation * WEIGHTS.organisation + parts.partners * WEIGHTS.partners;
}

interface Stored {
  proposal: SimilarityProposal;
  signals: Signals;
  text: string;
  pivotText: string | null;
}

function pivotTextOf(proposal: SimilarityProposal): string | null {
  if (proposal.language === PIVOT_LANGUAGE) return proposalText(proposal);
  return proposal.pivotText ?? null;
}

/**
 * Every proposal indexed twice: by its own language's stemmed terms (same-language pairs) and,
 * when it has a pivot-language text, by the pivot's (cross-language pairs). Built once, kept up
 * to date with add and remove; a query walks only the postings of the target's terms.
 */
export class SimilarityIndex {
  private readonly stored = new Map<string, Stored>();
  private readonly byLanguage = new Map<Language, TermIndex>();
  private readonly pivot = new TermIndex();

  get size(): number {
    return this.stored.size;
  }

  add(proposal: SimilarityProposal): void {
    this.remove(proposal.id);
    const text = proposalText(proposal);
    const pivotText = pivotTextOf(proposal);
    this.stored.set(proposal.id, { proposal, signals: signalsOf(proposal), text, pivotText });
    this.languageIndex(proposal.language).add(proposal.id, tokenize(text, proposal.language).map((t) => t.term));
    if (pivotText !== null) this.pivot.add(proposal.id, tokenize(pivotText, PIVOT_LANGUAGE).map((t) => t.term));
  }

  remove(id: string): void {
    const stored = this.stored.get(id);
    if (!stored) return;
    this.languageIndex(stored.proposal.language).remove(id);
    this.pivot.remove(id);
    this.stored.delete(id);
  }

  /**
   * The likely duplicates of an indexed proposal, best first: those scoring at least the
   * threshold, with some text in common (the language-neutral signals add to a textual
   * likeness, they never make one).
   */
  similar(id: string, options: SimilarOptions = {}): Suggestion[] {
    const target = this.stored.get(id);
    if (!target) return [];
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const { language } = target.proposal;
    const minCosine = minimumCosine(threshold);
    const scored: { id: string; cross: boolean; parts: ScoreParts; score: number }[] = [];
    const consider = (match: Match, cross: boolean) => {
      const candidate = this.stored.get(match.id) as Stored;
      if (cross && candidate.proposal.language === language) return;
      const parts = { text: match.cosine, ...neutralPartsOf(target.signals, candidate.signals) };
      const score = weighedScore(parts);
      if (score >= threshold) scored.push({ id: match.id, cross, parts, score });
    };
    for (const match of this.languageIndex(language).query(tokenize(target.text, language).map((t) => t.term), id, minCosine)) consider(match, false);
    if (target.pivotText !== null) {
      for (const match of this.pivot.query(tokenize(target.pivotText, PIVOT_LANGUAGE).map((t) => t.term), id, minCosine)) consider(match, true);
    }
    // Ties by id in code-unit order: localeCompare (ICU) costs too much over thousands of candidates.
    const best = scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
    return best.map(({ id: candidateId, cross, parts, score }) => {
      const candidate = this.stored.get(candidateId) as Stored;
      const comparedIn = cross ? PIVOT_LANGUAGE : language;
      const comparedTexts = cross
        ? { target: target.pivotText as string, candidate: candidate.pivotText as string }
        : { target: target.text, candidate: candidate.text };
      return { id: candidateId, score, parts, comparedIn, crossLanguage: cross, comparedTexts, overlap: this.overlap(comparedTexts, comparedIn, cross) };
    });
  }

  private overlap(texts: { target: string; candidate: string }, language: Language, cross: boolean): Suggestion["overlap"] {
    const index = cross ? this.pivot : this.languageIndex(language);
    const target: Token[] = tokenize(texts.target, language);
    const candidate: Token[] = tokenize(texts.candidate, language);
    const candidateTerms = new Set(candidate.map((t) => t.term));
    const shared = new Set(target.map((t) => t.term).filter((term) => candidateTerms.has(term)));
    return {
      target: passagesOf(texts.target, target, shared),
      candidate: passagesOf(texts.candidate, candidate, shared),
      terms: [...shared].sort((a, b) => index.idf(b) - index.idf(a) || a.localeCompare(b)),
    };
  }

  private languageIndex(language: Language): TermIndex {
    let index = this.byLanguage.get(language);
    if (!index) {
      index = new TermIndex();
      this.byLanguage.set(language, index);
    }
    return index;
  }
}

/** The likely duplicates of one proposal among others (an index of them all, made for this question). */
export function similarProposals(target: SimilarityProposal, candidates: readonly SimilarityProposal[], options: SimilarOptions = {}): Suggestion[] {
  const index = new SimilarityIndex();
  for (const candidate of candidates) if (candidate.id !== target.id) index.add(candidate);
  index.add(target);
  return index.similar(target.id, options);
}
