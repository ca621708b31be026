import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { newId } from "#app/features/ids.ts";
import { importResponse } from "#app/features/responses/responses.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import type { Consultation } from "#db/schema.ts";
import { CLOSES, DURING, MINIMAL_CAPACITY_ANSWERS, OPENS, capacityConsultationInput } from "#tests/consultations.ts";
import { demoEmail } from "#tests/helpers.ts";
import { beforeAfter } from "./before-after.ts";

/*
 * A meeting of its own, counted by hand. Priorities as objective (current capacity, 1–5):
 *
 *   State  region          capacity-needs (before)         follow-up (after)
 *   S1     011 W. Africa   gcm-01 (2), gcm-02 (3)          gcm-01 (4), gcm-05 (1)
 *   S2     011 W. Africa   gcm-01 (1)                      gcm-01 (1)
 *   S3     155 W. Europe   gcm-02 (2)                      gcm-02 (4), gcm-01 (2)
 *   S4     155 W. Europe   gcm-01 (5)                      -                         (before only: not counted)
 *   S5     011 W. Africa   draft: gcm-03 (1)               gcm-03 (5)                (no submitted "before": not counted)
 *
 * Three States answered both: S1, S2, S3.
 */
let meetingId: string;
let emptyMeetingId: string;

async function meeting(slug: string): Promise<string> {
  const id = newId();
  const at = DURING.toISOString();
  const text = { en: slug, fr: slug, es: slug };
  await getDb()
    .insertInto("meeting")
    .values({
      id, slug, created_at: at, updated_at: at, starts_on: "2026-10-08", ends_on: "2026-10-09",
      title_en: text.en, title_fr: text.fr, title_es: text.es, theme_en: text.en, theme_fr: text.fr, theme_es: text.es,
      description_en: text.en, description_fr: text.fr, description_es: text.es, place_en: text.en, place_fr: text.fr, place_es: text.es,
    })
    .execute();
  return id;
}

async function consultation(meeting: string, survey: "capacity-needs" | "follow-up"): Promise<Consultation> {
  const versions = await registerSurveyVersions(getDb());
  const version = versions.find((candidate) => candidate.slug === survey);
  const input = capacityConsultationInput({ meetingId: meeting, surveyVersionId: version?.versionId ?? "", slug: `${survey}-${newId()}`, opensAt: OPENS, closesAt: CLOSES });
  const id = await createConsultation(getDb(), null, survey === "follow-up" ? { ...input, surveySlug: survey, kind: "follow_up", phase: "post" } : input, { ip: null, now: new Date("2026-08-01T00:00:00Z") });
  return getDb().selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function state(region: string, name: string): Promise<string> {
  const id = newId();
  const at = DURING.toISOString();
  await getDb().insertInto("organisation").values({ id, type: "state", name, name_key: `${name.toLowerCase()} ${id}`, acronym: null, country_code: null, region_m49: region, website: null, created_at: at, updated_at: at }).execute();
  return id;
}

const priorities = (...entries: [string, number][]) => entries.map(([objective, capacity]) => ({ objective, current_capacity: capacity, capacity_gaps: ["financing"], support_modalities: ["funding"] }));

async function answer(to: Consultation, organisationId: string, entries: [string, number][], status: "draft" | "submitted" = "submitted"): Promise<void> {
  const admin = await getDb().selectFrom("user").select("id").where("email", "=", demoEmail("admin")).executeTakeFirstOrThrow();
  const answers = to.survey_slug === "follow-up" ? { usefulness: 4, priority_objectives: priorities(...entries) } : { ...MINIMAL_CAPACITY_ANSWERS, priority_objectives: priorities(...entries) };
  const result = await importResponse(getDb(), { consultation: to, organisationId, userId: admin.id, answers, status, attribution: status === "draft" ? null : "attributable", language: "en", at: DURING });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
}

beforeAll(async () => {
  meetingId = await meeting(`before-after-${newId()}`);
  emptyMeetingId = await meeting(`before-only-${newId()}`);
  const [before, after, onlyBefore] = [await consultation(meetingId, "capacity-needs"), await consultation(meetingId, "follow-up"), await consultation(emptyMeetingId, "capacity-needs")];
  const [s1, s2, s3, s4, s5] = [await state("011", "S1"), await state("011", "S2"), await state("155", "S3"), await state("155", "S4"), await state("011", "S5")];
  await answer(before, s1, [["gcm-01", 2], ["gcm-02", 3]]);
  await answer(after, s1, [["gcm-01", 4], ["gcm-05", 1]]);
  await answer(before, s2, [["gcm-01", 1]]);
  await answer(after, s2, [["gcm-01", 1]]);
  await answer(before, s3, [["gcm-02", 2]]);
  await answer(after, s3, [["gcm-02", 4], ["gcm-01", 2]]);
  await answer(before, s4, [["gcm-01", 5]]);
  await answer(onlyBefore, s4, [["gcm-01", 5]]);
  await answer(before, s5, [["gcm-03", 1]], "draft");
  await answer(after, s5, [["gcm-03", 5]]);
});

describe("before and after, against the hand-counted fixture", () => {
  it("counts only the three States that submitted both answers, per objective and overall", async () => {
    expect(await beforeAfter(getDb(), meetingId)).toEqual({
      states: 3,
      statesChanged: 2,
      prioritiesBefore: 4 / 3,
      prioritiesAfter: 5 / 3,
      ratedBoth: 3,
      capacityBefore: 5 / 3,
      capacityAfter: 3,
      objectives: [
        { objective: "gcm-01", statesBefore: 2, statesAfter: 3, statesBoth: 2, ratedBoth: 2, capacityBefore: 1.5, capacityAfter: 2.5 },
        { objective: "gcm-02", statesBefore: 2, statesAfter: 1, statesBoth: 1, ratedBoth: 1, capacityBefore: 2, capacityAfter: 4 },
        { objective: "gcm-05", statesBefore: 0, statesAfter: 1, statesBoth: 0, ratedBoth: 0, capacityBefore: null, capacityAfter: null },
      ],
    });
  });

  it("filters by region, with the areas under it (Europe takes Western Europe: S3 only)", async () => {
    expect(await beforeAfter(getDb(), meetingId, { region: "150" })).toEqual({
      states: 1,
      statesChanged: 1,
      prioritiesBefore: 1,
      prioritiesAfter: 2,
      ratedBoth: 1,
      capacityBefore: 2,
      capacityAfter: 4,
      objectives: [
        { objective: "gcm-02", statesBefore: 1, statesAfter: 1, statesBoth: 1, ratedBoth: 1, capacityBefore: 2, capacityAfter: 4 },
        { objective: "gcm-01", statesBefore: 0, statesAfter: 1, statesBoth: 0, ratedBoth: 0, capacityBefore: null, capacityAfter: null },
      ],
    });
  });

  it("counts nothing where no State answered both, or the meeting has no follow-up", async () => {
    const none = { states: 0, statesChanged: 0, prioritiesBefore: null, prioritiesAfter: null, ratedBoth: 0, capacityBefore: null, capacityAfter: null, objectives: [] };
    expect(await beforeAfter(getDb(), meetingId, { region: "019" })).toEqual(none);
    expect(await beforeAfter(getDb(), emptyMeetingId)).toEqual(none);
  });
});
