import type { Db } from "#db/connect.ts";
import type { Attribution } from "#db/schema.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { regionName } from "#app/features/organisations/countries.ts";
import { codeLabel } from "#app/features/proposals/page.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import { compareSuggestions, decisionKey, candidateKey, MATCH_REASONS, reasonsFor, scoreOf, suggest, type CandidateKind, type MatchReason, type Suggestion } from "./rules.ts";
import { meetingCandidates, meetingDecisions, meetingNeeds, type CandidateRow, type DecisionRow, type NeedRow, type PartyDetails } from "./sources.ts";

export interface Labelled {
  code: string;
  label: string;
}

/** A need, an offer or a proposal as a rapporteur reads it, labelled in their language. */
export interface PartyView {
  kind: "need" | CandidateKind;
  id: string;
  organisation: string | null;
  region: string | null;
  language: string | null;
  attribution: Attribution | null;
  text: string | null;
  objectives: Labelled[];
  gaps: Labelled[];
  modalities: Labelled[];
}

export interface MatchView {
  candidate: PartyView;
  status: "confirmed" | "suggested";
  score: number;
  reasons: Labelled[];
  /** The confirmation, for a confirmed match. */
  decision: { id: string; decidedAt: string } | null;
}

export interface NeedMatches {
  need: PartyView;
  matches: MatchView[];
  /** Candidates a rapporteur dismissed for this need, which an undo suggests again. */
  dismissed: PartyView[];
}

export interface MatchingOverview {
  /** Every need with its confirmed matches first, then the suggestions, best first. */
  needs: NeedMatches[];
  /** Needs that no candidate fits and no rapporteur matched. */
  unansweredNeeds: PartyView[];
  /** Offers and retained proposals that fit no need. */
  unaskedCandidates: PartyView[];
}

function partyView(kind: PartyView["kind"], id: string, details: PartyDetails, codes: { objectives: readonly string[]; gaps: readonly string[]; modalities: readonly string[] }, language: Language): PartyView {
  const label = (scheme: "gcm_objective" | "capacity_gap" | "support_modality", values: readonly string[]) => values.map((code) => ({ code, label: codeLabel(scheme, code, language) }));
  return {
    kind,
    id,
    organisation: details.organisationType === null ? null : organisationName({ type: details.organisationType, name: details.organisationName, country_code: details.countryCode }, language),
    region: details.regionM49 === null ? null : regionName(details.regionM49, language),
    language: details.language,
    attribution: details.attribution,
    text: details.text,
    objectives: label("gcm_objective", codes.objectives),
    gaps: label("capacity_gap", codes.gaps),
    modalities: label("support_modality", codes.modalities),
  };
}

export const needView = (need: NeedRow, language: Language) => partyView("need", need.id, need, { ...need, objectives: [need.objective] }, language);
export const candidateView = (candidate: CandidateRow, language: Language) => partyView(candidate.kind, candidate.id, candidate, candidate, language);

/** Each reason's phrase in a language, looked up once per page: i18next's lookups add up over thousands of matches. */
function reasonPhrases(language: Language): Record<MatchReason, string> {
  const t = translator(language);
  return Object.fromEntries(MATCH_REASONS.map((code) => [code, t(`matching.reason.${code}`)])) as Record<MatchReason, string>;
}

/** A need's matches: the confirmed ones first (even should they no longer fit), then the suggestions. */
function needMatches(need: NeedRow, suggested: readonly Suggestion[], confirmed: readonly CandidateRow[]): Suggestion[] {
  const confirmedKeys = new Set(confirmed.map((candidate) => candidateKey(candidate.kind, candidate.id)));
  const first = confirmed.map((candidate) => {
    const reasons = reasonsFor(need, candidate) ?? [];
    return { kind: candidate.kind, id: candidate.id, reasons, score: scoreOf(reasons) };
  });
  return [...first.sort(compareSuggestions), ...suggested.filter((suggestion) => !confirmedKeys.has(candidateKey(suggestion.kind, suggestion.id)))];
}

/**
 * The matching of a meeting's capacity needs with its offers and retained proposals
 * (docs/decisions/0029): six queries and one pass in memory, whatever the number of rows.
 * Needs are ordered by organisation, then priority, then id.
 */
export async function matchingOverview(db: Db, meetingId: string, language: Language): Promise<MatchingOverview> {
  const [needs, candidates, decisions] = [await meetingNeeds(db, meetingId), await meetingCandidates(db, meetingId), await meetingDecisions(db, meetingId)];
  const byKey = new Map(candidates.map((candidate) => [candidateKey(candidate.kind, candidate.id), candidate]));
  const decided = (status: DecisionRow["status"]) => {
    const byNeed = new Map<string, { decision: DecisionRow; candidate: CandidateRow }[]>();
    for (const decision of decisions) {
      const candidate = byKey.get(candidateKey(decision.kind, decision.candidateId));
      if (decision.status !== status || !candidate) continue;
      const list = byNeed.get(decision.needId);
      if (list) list.push({ decision, candidate });
      else byNeed.set(decision.needId, [{ decision, candidate }]);
    }
    return (needId: string) => byNeed.get(needId) ?? [];
  };
  const [confirmedOf, dismissedOf] = [decided("confirmed"), decided("dismissed")];
  const phrases = reasonPhrases(language);
  const suggestions = suggest(needs, candidates, new Set(decisions.filter((decision) => decision.status === "dismissed").map((decision) => decisionKey(decision.needId, decision.kind, decision.candidateId))));
  const collator = new Intl.Collator(language);
  const views = needs
    .map((need) => ({ need, view: needView(need, language), confirmed: confirmedOf(need.id), matches: needMatches(need, suggestions.get(need.id) ?? [], confirmedOf(need.id).map(({ candidate }) => candidate)) }))
    .sort((a, b) => collator.compare(a.view.organisation ?? "", b.view.organisation ?? "") || a.need.position - b.need.position || (a.need.id < b.need.id ? -1 : 1));
  const answering = new Set(views.flatMap(({ matches }) => matches.map((match) => candidateKey(match.kind, match.id))));
  const candidateViews = new Map<string, PartyView>();
  const viewOf = (candidate: CandidateRow) => {
    const key = candidateKey(candidate.kind, candidate.id);
    const made = candidateViews.get(key) ?? candidateView(candidate, language);
    candidateViews.set(key, made);
    return made;
  };
  return {
    needs: views.map(({ need, view, confirmed, matches }) => ({
      need: view,
      matches: matches.flatMap((match) => {
        const candidate = byKey.get(candidateKey(match.kind, match.id));
        if (!candidate) return [];
        const decision = confirmed.find((one) => one.candidate === candidate)?.decision;
        return [{ candidate: viewOf(candidate), status: decision ? ("confirmed" as const) : ("suggested" as const), score: match.score, reasons: match.reasons.map((code) => ({ code, label: phrases[code] })), decision: decision ? { id: decision.id, decidedAt: decision.decidedAt } : null }];
      }),
      dismissed: dismissedOf(need.id).map(({ candidate }) => viewOf(candidate)),
    })),
    unansweredNeeds: views.filter(({ matches }) => matches.length === 0).map(({ view }) => view),
    unaskedCandidates: candidates
      .filter((candidate) => !answering.has(candidateKey(candidate.kind, candidate.id)))
      .sort((a, b) => a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : 1))
      .map(viewOf),
  };
}

/**
 * A confirmed match as the summary, the exports and the report read it: the need, the offer or
 * proposal that answers it, and why. Attribution is applied as for rapporteurs' exports: an
 * organisation is named only where its answer is attributable, and a count-only answer's text is
 * left out (its match is still counted).
 */
export interface ConfirmedMatch {
  /** The decision's id: stable, to cite. */
  id: string;
  objective: Labelled;
  need: PartyView;
  candidate: PartyView;
  score: number;
  reasons: Labelled[];
  decidedAt: string;
}

function asQuotable(party: PartyView): PartyView {
  return { ...party, organisation: party.attribution === "attributable" ? party.organisation : null, text: party.attribution === "aggregate_only" ? null : party.text };
}

/** Whether a match may be shown to the public: both its sides may be quoted with their name (ADR 0029). */
export function namesBothSides(match: Pick<ConfirmedMatch, "need" | "candidate">): boolean {
  return match.need.attribution === "attributable" && match.candidate.attribution === "attributable";
}

/** The confirmed matches of a meeting, in the order of the matching page, labelled in a language. */
export async function confirmedMatches(db: Db, meetingId: string, language: Language): Promise<ConfirmedMatch[]> {
  const overview = await matchingOverview(db, meetingId, language);
  return overview.needs.flatMap(({ need, matches }) =>
    matches.flatMap((match) =>
      match.decision
        ? [{ id: match.decision.id, objective: need.objectives[0] ?? { code: "", label: "" }, need: asQuotable(need), candidate: asQuotable(match.candidate), score: match.score, reasons: match.reasons, decidedAt: match.decision.decidedAt }]
        : [],
    ),
  );
}
