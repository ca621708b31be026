import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLD, PIVOT_LANGUAGE, SimilarityIndex, neutralParts, proposalText, similarProposals, weighedScore, type SimilarityProposal } from "./similar.ts";
import { cosine, termFrequencies } from "./term-index.ts";
import { terms, type Language } from "./text.ts";

type FixtureItem = Omit<SimilarityProposal, "pivotText"> & { group: string | null };
const fixture = JSON.parse(readFileSync(new URL("../../../../tests/fixtures/proposals-similarity.json", import.meta.url), "utf8")) as FixtureItem[];
const item = (id: string) => fixture.find((candidate) => candidate.id === id) as FixtureItem;

describe("similarProposals within a language", () => {
  // p35 and p36 are one proposal written twice in English; p59 is about social security too, but
  // about negotiating the agreements, not applying them.
  const corpus = fixture.filter((proposal) => proposal.language === "en");

  it("suggests a known duplicate above the default threshold, with its reasons", () => {
    const suggestions = similarProposals(item("p35"), corpus);
    const duplicate = suggestions.find((suggestion) => suggestion.id === "p36");
    expect(duplicate?.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(duplicate?.crossLanguage).toBe(false);
    expect(duplicate?.parts.text).toBeGreaterThan(0.3);
    expect(duplicate?.parts.objectives).toBe(0.5);
    expect(suggestions[0]?.id).toBe("p36");
  });

  it("leaves a proposal on the same topic that is not a duplicate below the threshold", () => {
    // p44 (consular help to nationals in detention) and p50 (monitoring immigration detention) share words, not a proposal.
    const all = similarProposals(item("p44"), corpus, { threshold: 0, limit: Infinity });
    const sameTopic = all.find((suggestion) => suggestion.id === "p50");
    expect(sameTopic?.score).toBeGreaterThan(0);
    expect(sameTopic?.score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(similarProposals(item("p44"), corpus).map((suggestion) => suggestion.id)).not.toContain("p50");
  });

  it("shows the passages both texts share, as offsets into the compared texts", () => {
    const target: SimilarityProposal = { id: "a", language: "en", title: "Training labour inspectors", summary: "Labour inspectors learn the indicators of trafficking. Nothing else.", objectives: [10] };
    const candidate: SimilarityProposal = { id: "b", language: "en", title: "Courses on trafficking", summary: "For the labour inspectors of the region: indicators", objectives: [10] };
    const [suggestion] = similarProposals(target, [candidate], { threshold: 0 });
    expect(suggestion?.comparedTexts).toEqual({ target: proposalText(target), candidate: proposalText(candidate) });
    expect(suggestion?.overlap.target.map((passage) => passage.text)).toEqual(["labour inspectors", "Labour inspectors", "indicators of trafficking"]);
    expect(suggestion?.overlap.candidate.map((passage) => passage.text)).toEqual(["trafficking", "labour inspectors", "indicators"]);
    for (const passage of suggestion?.overlap.candidate ?? []) expect(suggestion?.comparedTexts.candidate.slice(passage.start, passage.end)).toBe(passage.text);
    expect(new Set(suggestion?.overlap.terms)).toEqual(new Set(["labour", "inspector", "indic", "traffick"]));
  });

  it("adds the language-neutral signals to the text's score", () => {
    const a: SimilarityProposal = { id: "a", language: "fr", title: "t", summary: "s", objectives: [1, 2], organisationId: "org-1", partners: ["OIM", "Université de Dakar"] };
    const b: SimilarityProposal = { id: "b", language: "es", title: "t", summary: "s", objectives: [2, 3], organisationId: "org-1", partners: ["universite de dakar"] };
    const parts = neutralParts(a, b);
    expect(parts).toEqual({ objectives: 1 / 3, organisation: 1, partners: 0.5 });
    expect(weighedScore({ text: 0.5, ...parts })).toBeCloseTo(0.8 * 0.5 + 0.1 / 3 + 0.05 + 0.025, 10);
    expect(neutralParts({ ...a, organisationId: null }, { ...b, organisationId: null }).organisation).toBe(0);
  });

  it("never suggests a proposal with no word in common, whatever else they share", () => {
    const a: SimilarityProposal = { id: "a", language: "en", title: "Radio campaign", summary: "", objectives: [3], organisationId: "o", partners: ["IOM"] };
    const b: SimilarityProposal = { id: "b", language: "en", title: "Forensic network", summary: "", objectives: [3], organisationId: "o", partners: ["IOM"] };
    expect(similarProposals(a, [b], { threshold: 0 })).toEqual([]);
  });
});

describe("similarProposals across languages", () => {
  it("compares a proposal in another language through its Spanish translation, and says so", () => {
    const english: SimilarityProposal = { id: "en", language: "en", title: "Network of mobile consulates", summary: "Mobile consular units visit farming areas.", objectives: [14], pivotText: "Red de consulados móviles\nUnidades consulares móviles visitan zonas agrícolas." };
    const spanish: SimilarityProposal = { id: "es", language: "es", title: "Red de consulados móviles", summary: "Unidades consulares móviles que visitan las zonas agrícolas.", objectives: [14] };
    const [suggestion] = similarProposals(english, [spanish]);
    expect(suggestion).toMatchObject({ id: "es", crossLanguage: true, comparedIn: PIVOT_LANGUAGE });
    expect(suggestion?.comparedTexts.target).toBe(english.pivotText);
    expect(suggestion?.overlap.target.map((passage) => passage.text)).toContain("Red de consulados móviles");
  });

  it("leaves out other languages when a proposal has no translation", () => {
    const english: SimilarityProposal = { id: "en", language: "en", title: "Red de consulados", summary: "", objectives: [] };
    const spanish: SimilarityProposal = { id: "es", language: "es", title: "Red de consulados", summary: "", objectives: [] };
    expect(similarProposals(english, [spanish], { threshold: 0 })).toEqual([]);
  });
});

/** The plain definition: every pair's TF-IDF vectors, idf counted over the documents of one language. */
function naiveScores(target: FixtureItem, corpus: readonly FixtureItem[], language: Language): Map<string, number> {
  const documents = corpus.filter((proposal) => proposal.language === language);
  const termLists = new Map(documents.map((proposal) => [proposal.id, terms(proposalText(proposal), language)]));
  const df = new Map<string, number>();
  for (const list of termLists.values()) for (const term of new Set(list)) df.set(term, (df.get(term) ?? 0) + 1);
  const vector = (list: readonly string[]) => {
    const weights = termFrequencies(list);
    for (const [term, tf] of weights) weights.set(term, tf * (1 + Math.log((documents.length + 1) / ((df.get(term) ?? 0) + 1))));
    return weights;
  };
  const targetVector = vector(termLists.get(target.id) as string[]);
  const scores = new Map<string, number>();
  for (const proposal of documents) {
    if (proposal.id === target.id) continue;
    const text = cosine(targetVector, vector(termLists.get(proposal.id) as string[]));
    if (text > 0) scores.set(proposal.id, weighedScore({ text, ...neutralParts(target, proposal) }));
  }
  return scores;
}

describe("SimilarityIndex", () => {
  it("gives the same scores as comparing every pair, also after additions and removals", () => {
    const index = new SimilarityIndex();
    // Built in two steps, with an extra proposal added then removed, to exercise the incremental path.
    for (const proposal of fixture.slice(0, 30)) index.add(proposal);
    index.add({ id: "extra", language: "fr", title: "Données migratoires ventilées", summary: "Formation statistique régionale", objectives: [1] });
    index.similar("p01");
    for (const proposal of fixture.slice(30)) index.add(proposal);
    index.remove("extra");
    for (const target of fixture) {
      const expected = naiveScores(target, fixture, target.language);
      const actual = new Map(index.similar(target.id, { threshold: 0, limit: Infinity }).map((suggestion) => [suggestion.id, suggestion.score]));
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, score] of expected) expect(actual.get(id)).toBeCloseTo(score, 10);
    }
  });

  it("ranks by score, keeps to the limit and the threshold, and forgets removed proposals", () => {
    const index = new SimilarityIndex();
    for (const proposal of fixture) index.add(proposal);
    const all = index.similar("p18", { threshold: 0, limit: Infinity });
    expect(all.map((suggestion) => suggestion.score)).toEqual([...all.map((suggestion) => suggestion.score)].sort((a, b) => b - a));
    expect(index.similar("p18", { threshold: 0, limit: 3 })).toEqual(all.slice(0, 3));
    expect(index.similar("p18").every((suggestion) => suggestion.score >= DEFAULT_THRESHOLD)).toBe(true);
    index.remove(all[0]?.id as string);
    expect(index.similar("p18", { threshold: 0, limit: Infinity }).map((suggestion) => suggestion.id)).not.toContain(all[0]?.id);
    expect(index.similar("unknown")).toEqual([]);
  });
});
