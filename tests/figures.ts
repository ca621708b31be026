import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { importResponse } from "#app/features/responses/responses.ts";
import type { Attribution, Consultation } from "#db/schema.ts";
import type { SubmittedSource } from "#app/features/proposals/source.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";

/*
 * Building blocks of the figures' hand-counted fixtures: organisations of stakeholder types of the
 * test's own (so that the seeded ones stay out of every count) and answers imported as the
 * secretariat imports them, which derives their typed rows.
 */

export async function fixtureOrganisation(type: string, region: string | null, name: string): Promise<string> {
  const id = newId();
  const at = DURING.toISOString();
  await getDb().insertInto("organisation").values({ id, type, name, name_key: `${name.toLowerCase()} ${id}`, acronym: null, country_code: null, region_m49: region, website: null, created_at: at, updated_at: at }).execute();
  return id;
}

export async function fixtureAnswer(consultation: Consultation, organisationId: string, answers: Record<string, unknown>, attribution: Attribution | null, status: "draft" | "submitted" = "submitted", at: Date = DURING): Promise<string> {
  const admin = await getDb().selectFrom("user").select("id").where("email", "=", demoEmail("admin")).executeTakeFirstOrThrow();
  const result = await importResponse(getDb(), { consultation, organisationId, userId: admin.id, answers: { ...MINIMAL_CAPACITY_ANSWERS, ...answers }, status, attribution: status === "draft" ? null : attribution, language: "en", at });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.responseId;
}

/** Priority objectives as the capacity-needs survey asks them: objective, current capacity, capacity gaps; funding wanted for each. */
export const priorities = (...entries: [string, number, string[]][]) => entries.map(([objective, capacity, gaps]) => ({ objective, current_capacity: capacity, capacity_gaps: gaps, support_modalities: ["funding"] }));

/** Offers of support, one per objective, each described. */
export const offering = (...objectives: string[]) => ({ can_offer: true, offers: objectives.map((objective) => ({ objective, description: `Offer on ${objective}` })) });

/** Mexico's focal point answering a capacity-needs consultation of the test's own: `as(now)` gives the answering context. */
export async function mexicoAnswering() {
  const consultation = await capacityConsultation();
  const organisationId = await stateId("MX");
  const user = await currentUserFor(demoEmail("focal_point"));
  const as = (now = DURING) => ({ consultation, organisationId, user, page: 0, language: "es" as const, ip: null, now });
  return { consultation, as, user, organisationId };
}

/** A question's title, the same in every language: for survey definitions written in a test. */
export const sameText = (en: string) => ({ default: en, fr: en, es: en });

/** An answer as derivation reads it, of an NGO in Western Africa, non-attributable, in a made-up consultation. */
export function submittedSource(answers: Record<string, unknown>, language = "en"): SubmittedSource {
  return { responseId: "r1", consultationId: "c1", surveyVersionId: "v1", organisationId: "o1", stakeholderType: "ngo", regionM49: "011", language, attribution: "non_attributable", answers };
}
