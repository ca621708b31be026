import type { CodeScheme, ProposalStatus } from "#db/schema.ts";
import { CAPACITY_GAPS, GCM_OBJECTIVES, GOVERNANCE_LEVELS, GUIDING_PRINCIPLES, SUPPORT_MODALITIES, type Term } from "#app/features/taxonomy/taxonomy.ts";

/*
 * What coding allows (docs/decisions/0022-coding-proposals.md), apart from the server code that
 * applies it, so that the pages' forms offer the same choices and limits in the browser.
 */

/** The statuses a rapporteur sets; "merged" is set only by merging. */
export const CODING_STATUSES = ["received", "under_review", "retained", "not_retained"] as const satisfies readonly ProposalStatus[];
export type CodingStatus = (typeof CODING_STATUSES)[number];

/** The taxonomies a rapporteur codes proposals with, and the terms each offers. */
export const CODING_SCHEMES = {
  gcm_objective: GCM_OBJECTIVES,
  guiding_principle: GUIDING_PRINCIPLES,
  capacity_gap: CAPACITY_GAPS,
  support_modality: SUPPORT_MODALITIES,
  governance_level: GOVERNANCE_LEVELS,
} as const satisfies Partial<Record<CodeScheme, Term[]>>;
export type CodingScheme = keyof typeof CODING_SCHEMES;

export const CODING_INTENTS = ["status", "add-tag", "remove-tag", "add-code", "remove-code"] as const;
export type CodingIntent = (typeof CODING_INTENTS)[number];

export const TAG_MAX_LENGTH = 60;
export const REASON_MAX_LENGTH = 500;
/** More proposals than any page of the inbox selects: a bound on one request's work. */
export const MAX_PROPOSALS_PER_CHANGE = 500;

export type CodingChange =
  | { intent: "status"; status: CodingStatus; reason: string | null }
  | { intent: "add-tag" | "remove-tag"; tag: string }
  | { intent: "add-code" | "remove-code"; scheme: CodingScheme; code: string };

/** Why a change was refused; each has its own message, and nothing is changed. */
export const CODING_PROBLEMS = [
  "no-proposal",
  "too-many",
  "unknown-proposal",
  "unknown-intent",
  "unknown-status",
  "merged-status",
  "reason-required",
  "reason-too-long",
  "reason-unsafe",
  "tag-empty",
  "tag-too-long",
  "tag-unsafe",
  "unknown-scheme",
  "unknown-code",
  "merged-proposal",
] as const;
export type CodingProblem = (typeof CODING_PROBLEMS)[number];

