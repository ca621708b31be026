import { ATTRIBUTIONS, type Attribution } from "#db/schema.ts";
import { attributedTo, quotable } from "#app/features/proposals/attribution.ts";
import type { ExportProfile } from "./source.ts";

/**
 * What each export profile lets out (docs/decisions/0027-exports-from-one-source-of-rows.md),
 * on the rules of `app/features/proposals/attribution.ts`:
 * - public: only what may be quoted with its author's name, and of entries that ask for
 *   consent to publication (proposals), only the consented ones;
 * - rapporteur: everything that may be quoted, without the organisation where it asked not to
 *   be named. Count-only answers are in neither: they are counted in the notes.
 */

/** The question of a repeated panel's entry that carries its author's consent to publication. */
export const CONSENT_QUESTION = "consent_to_publish";

/** Whether an answer given with this attribution is a row of the profile's export. */
export function profileAdmits(profile: ExportProfile, attribution: Attribution | null): boolean {
  if (!quotable({ attribution })) return false;
  // Any organisation stands in: what counts is whether the answer may carry a name at all.
  return profile === "rapporteur" || attributedTo({ attribution, organisation_id: "" }) !== null;
}

/** The attributions a profile admits, for the query (null stands for an answer submitted without one). */
export function admittedAttributions(profile: ExportProfile): { levels: Attribution[]; unset: boolean } {
  return { levels: ATTRIBUTIONS.filter((level) => profileAdmits(profile, level)), unset: profileAdmits(profile, null) };
}

/** Whether the profile leaves out entries whose author did not consent to publication. */
export function needsConsent(profile: ExportProfile): boolean {
  return profile === "public";
}

/** Whether an entry of a panel that asks for consent was consented to. */
export function consented(entry: Record<string, unknown>): boolean {
  return entry[CONSENT_QUESTION] === true;
}
