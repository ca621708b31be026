import type { Db } from "#db/connect.ts";
import type { Attribution, ProposalStatus } from "#db/schema.ts";
import { availability as apertiumAvailability, type Availability } from "#app/features/translation/apertium.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import { attributedTo, quotable } from "./attribution.ts";
import { PIVOT_LANGUAGE, type ScoreParts } from "./similarity/similar.ts";
import type { Passage } from "./similarity/passages.ts";
import { fold } from "./similarity/text.ts";
import { meetingIndex, objectiveNumber, partnersOf } from "./suggestion-index.ts";

/**
 * Why suggestions across languages are off, or only partly on: Apertium is not installed (or
 * lacks its pairs), or translations are still waiting for the background job.
 */
export type CrossLanguage = { state: "on" } | { state: "off" | "partial"; reason: "not-installed" | "pending"; untranslated: number };

/** A stretch of a shown text, highlighted when the other proposal has it too. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** A proposal as the suggestions page shows it: a count-only answer's without any text (ADR 0017). */
export interface ShownProposal {
  id: string;
  consultationId: string;
  responseId: string | null;
  kind: string;
  status: ProposalStatus;
  language: Language | null;
  quotable: boolean;
  /** Null for a count-only answer's proposal, or one whose author chose not to be named. */
  organisation: string | null;
  title: string | null;
  summary: string | null;
}

/** One side of a pair: the text compared (its own, or the Spanish translation beside the original) with the passages both share marked. */
export interface ComparedSide {
  /** The language the marked text is in. */
  language: Language;
  /** Set when the marked text is a translation: then `original` is shown beside it. */
  translated: boolean;
  segments: Segment[];
}

export interface ShownSuggestion {
  proposal: ShownProposal;
  score: number;
  parts: ScoreParts;
  crossLanguage: boolean;
  /** The GCM objectives both name, by number. */
  sharedObjectives: number[];
  /** Partners both name, as the candidate wrote them; empty when the candidate's text may not be shown. */
  sharedPartners: string[];
  /** Null when either text may not be shown (a count-only answer's): its passages would quote it. */
  compared: { target: ComparedSide; candidate: ComparedSide } | null;
}

export type SuggestionsResult =
  | { ok: false; reason: "not-found" }
  | {
      ok: true;
      meetingId: string;
      target: ShownProposal;
      /** A withdrawn or merged-away proposal has no suggestions: it is out of the comparison itself. */
      inactive: "withdrawn" | "merged" | null;
      suggestions: ShownSuggestion[];
      crossLanguage: CrossLanguage;
    };

export interface SuggestionOptions {
  language: Language;
  /** Whether Apertium can run here: asked once a minute at most (it starts a process). */
  availability?: () => Promise<Availability>;
  limit?: number;
  /** How long a deleted row or code may go unseen (see suggestion-index.ts); tests ask for 0. */
  recountAfterMs?: number;
}

const AVAILABILITY_TTL_MS = 60_000;
let knownAvailability: { at: number; value: Promise<Availability> } | undefined;

function cachedAvailability(): Promise<Availability> {
  const now = Date.now();
  if (!knownAvailability || now - knownAvailability.at > AVAILABILITY_TTL_MS) knownAvailability = { at: now, value: apertiumAvailability() };
  return knownAvailability.value;
}

/** Cuts a text into segments at the passages' offsets. */
export function segmentsOf(text: string, passages: readonly Passage[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const passage of passages) {
    if (passage.start > at) segments.push({ text: text.slice(at, passage.start), mark: false });
    segments.push({ text: text.slice(passage.start, passage.end), mark: true });
    at = passage.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: false });
  return segments;
}

interface ShownRow {
  id: string;
  consultation_id: string;
  response_id: string | null;
  kind: string;
  status: ProposalStatus;
  language: string | null;
  title: string | null;
  summary: string;
  attribution: Attribution | null;
  organisation_id: string | null;
  partners_named: string | null;
  withdrawn_at: string | null;
  merged_into_id: string | null;
  org_type: string | null;
  org_name: string | null;
  org_country: string | null;
  meeting_id: string;
}

async function shownRows(db: Db, ids: string[]): Promise<Map<string, ShownRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("proposal")
    .innerJoin("consultation", "consultation.id", "proposal.consultation_id")
    .leftJoin("organisation", "organisation.id", "proposal.organisation_id")
    .select([
      "proposal.id",
      "proposal.consultation_id",
      "proposal.response_id",
      "proposal.kind",
      "proposal.status",
      "proposal.language",
      "proposal.title",
      "proposal.summary",
      "proposal.attribution",
      "proposal.organisation_id",
      "proposal.partners_named",
      "proposal.withdrawn_at",
      "proposal.merged_into_id",
      "organisation.type as org_type",
      "organisation.name as org_name",
      "organisation.country_code as org_country",
      "consultation.meeting_id",
    ])
    .where("proposal.id", "in", ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

function shown(row: ShownRow, language: Language): ShownProposal {
  const readable = quotable(row);
  const named = attributedTo(row) !== null && row.org_type !== null;
  return {
    id: row.id,
    consultationId: row.consultation_id,
    responseId: row.response_id,
    kind: row.kind,
    status: row.status,
    language: isLanguage(row.language) ? row.language : null,
    quotable: readable,
    organisation: named ? organisationName({ type: row.org_type ?? "", name: row.org_name, country_code: row.org_country }, language) : null,
    title: readable ? row.title : null,
    summary: readable ? row.summary : null,
  };
}

async function crossLanguageOf(target: { language: string | null; translated: boolean }, untranslated: number, options: SuggestionOptions): Promise<CrossLanguage> {
  const targetWaits = target.language !== PIVOT_LANGUAGE && !target.translated;
  if (!targetWaits && untranslated === 0) return { state: "on" };
  const installed = (await (options.availability ?? cachedAvailability)()).available;
  return { state: targetWaits ? "off" : "partial", reason: installed ? "pending" : "not-installed", untranslated: untranslated + (targetWaits ? 1 : 0) };
}

/**
 * The likely duplicates of one proposal among the active proposals of its meeting (all its
 * consultations, before and after the session), best first, each with its score, the reasons
 * in parts, and the passages both texts share. Across languages the texts compared are the
 * stored Spanish translations; the result says when that comparison is off, and why.
 */
export async function suggestionsFor(db: Db, proposalId: string, options: SuggestionOptions): Promise<SuggestionsResult> {
  const targetRow = (await shownRows(db, [proposalId])).get(proposalId);
  if (!targetRow) return { ok: false, reason: "not-found" };
  const target = shown(targetRow, options.language);
  const inactive = targetRow.withdrawn_at !== null ? "withdrawn" : targetRow.merged_into_id !== null ? "merged" : null;
  const state = await meetingIndex(db, targetRow.meeting_id, { recountAfterMs: options.recountAfterMs });
  const untranslated = state.untranslated.size - (state.untranslated.has(proposalId) ? 1 : 0);
  const crossLanguage = await crossLanguageOf({ language: targetRow.language, translated: state.known.get(proposalId)?.translated ?? false }, untranslated, options);
  const found = inactive === null ? state.index.similar(proposalId, { limit: options.limit }) : [];
  const rows = await shownRows(db, found.map((suggestion) => suggestion.id));
  const targetObjectives = await objectivesOf(db, [proposalId, ...rows.keys()]);
  const suggestions = found.flatMap((suggestion): ShownSuggestion[] => {
    const row = rows.get(suggestion.id);
    if (!row) return [];
    const candidate = shown(row, options.language);
    const mine = new Set(targetObjectives.get(proposalId) ?? []);
    const readable = target.quotable && candidate.quotable;
    const side = (own: ShownRow, passages: Passage[], text: string): ComparedSide => {
      const language = suggestion.comparedIn;
      return { language, translated: suggestion.crossLanguage && own.language !== PIVOT_LANGUAGE, segments: segmentsOf(text, passages) };
    };
    return [
      {
        proposal: candidate,
        score: suggestion.score,
        parts: suggestion.parts,
        crossLanguage: suggestion.crossLanguage,
        sharedObjectives: (targetObjectives.get(row.id) ?? []).filter((number) => mine.has(number)).sort((a, b) => a - b),
        sharedPartners: readable ? sharedPartners(targetRow.partners_named, row.partners_named) : [],
        compared: readable
          ? { target: side(targetRow, suggestion.overlap.target, suggestion.comparedTexts.target), candidate: side(row, suggestion.overlap.candidate, suggestion.comparedTexts.candidate) }
          : null,
      },
    ];
  });
  return { ok: true, meetingId: targetRow.meeting_id, target, inactive, suggestions, crossLanguage };
}

async function objectivesOf(db: Db, ids: string[]): Promise<Map<string, number[]>> {
  const rows = await db.selectFrom("proposal_code").select(["proposal_id", "code"]).where("scheme", "=", "gcm_objective").where("proposal_id", "in", ids).execute();
  const byProposal = new Map<string, number[]>();
  for (const row of rows) {
    const number = objectiveNumber(row.code);
    const known = byProposal.get(row.proposal_id) ?? [];
    if (number !== null && !known.includes(number)) byProposal.set(row.proposal_id, [...known, number]);
  }
  return byProposal;
}

function sharedPartners(mine: string | null, theirs: string | null): string[] {
  const folded = new Set(partnersOf(mine).map(fold));
  return partnersOf(theirs).filter((name) => folded.has(fold(name)));
}
