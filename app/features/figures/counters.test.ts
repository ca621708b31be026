import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import type { Consultation } from "#db/schema.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { fixtureAnswer, fixtureOrganisation, offering, priorities } from "#tests/figures.ts";
import { proposalRow } from "#tests/proposal-row.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { COUNTERS, choiceDistribution, counterText, needsByCode, needsByObjective, participation, participationBy, proposalsByStatus, rankingSummary, ratingSummary } from "./counters.ts";
import { rebuildTallies } from "./tallies.ts";

/*
 * A fixture small enough to count by hand. Its organisations are of two stakeholder types of its
 * own, so that the seeded organisations stay out of every count.
 *
 *   org  type  region               consultation A (audience a, b)                          consultation B (audience b)
 *   O1   a     011 W. Africa        submitted, attributable: yes, rating 4, regional+national   submitted (not in B's audience)
 *                                   priorities gcm-01 (2; gaps financing, data); offer (withdrawn)
 *   O2   a     011 W. Africa        draft only                                              submitted (not in B's audience)
 *   O3   a     015 N. Africa        submitted, count-only: no, rating 2, national; gcm-01 (1; financing); offer
 *   O4   b     155 W. Europe        submitted, attributable: yes, rating 5, global+national;     submitted
 *                                   gcm-02 (1; law), gcm-03 (3; financing); two offers (one retained)
 *   O5   b     155 W. Europe        submitted, non-attributable, reopened: partly, rating 3, local; gcm-01 (4; data)
 *   O6   b     none                 -                                                       submitted
 */
const A_TYPE = "fixture_a";
const B_TYPE = "fixture_b";

interface Fixture {
  a: Consultation;
  b: Consultation;
  /** O1's and O4's answers to A. */
  r1: string;
  r4: string;
}

async function fixture(): Promise<Fixture> {
  const a = await capacityConsultation();
  const b = await capacityConsultation();
  await getDb().updateTable("consultation").set({ audience: JSON.stringify([A_TYPE, B_TYPE]) }).where("id", "=", a.id).execute();
  await getDb().updateTable("consultation").set({ audience: JSON.stringify([B_TYPE]) }).where("id", "=", b.id).execute();
  const [o1, o2, o3, o4, o5, o6] = [
    await fixtureOrganisation(A_TYPE, "011", "O1"),
    await fixtureOrganisation(A_TYPE, "011", "O2"),
    await fixtureOrganisation(A_TYPE, "015", "O3"),
    await fixtureOrganisation(B_TYPE, "155", "O4"),
    await fixtureOrganisation(B_TYPE, "155", "O5"),
    await fixtureOrganisation(B_TYPE, null, "O6"),
  ] as [string, string, string, string, string, string];
  const reread = (id: string) => getDb().selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const [ca, cb] = [await reread(a.id), await reread(b.id)];

  const r1 = await fixtureAnswer(ca, o1, { whole_of_government_consultation: "yes", data_availability: 4, partnership_levels: ["regional", "national"], priority_objectives: priorities(["gcm-01", 2, ["financing", "data-evidence"]]), ...offering("gcm-07") }, "attributable");
  await fixtureAnswer(ca, o2, { whole_of_government_consultation: "no", data_availability: 1 }, null, "draft");
  await fixtureAnswer(ca, o3, { whole_of_government_consultation: "no", data_availability: 2, partnership_levels: ["national"], priority_objectives: priorities(["gcm-01", 1, ["financing"]]), ...offering("gcm-08") }, "aggregate_only");
  const r4 = await fixtureAnswer(ca, o4, { whole_of_government_consultation: "yes", data_availability: 5, partnership_levels: ["global", "national"], priority_objectives: priorities(["gcm-02", 1, ["law-policy"]], ["gcm-03", 3, ["financing"]]), ...offering("gcm-05", "gcm-06") }, "attributable");
  const r5 = await fixtureAnswer(ca, o5, { whole_of_government_consultation: "partly", data_availability: 3, partnership_levels: ["local"], priority_objectives: priorities(["gcm-01", 4, ["data-evidence"]]) }, "non_attributable");
  // Reopened for amendment: the amendment in progress says otherwise; the last submission counts.
  await getDb().updateTable("response").set({ status: "amending", data: JSON.stringify({ ...MINIMAL_CAPACITY_ANSWERS, whole_of_government_consultation: "no", data_availability: 1 }) }).where("id", "=", r5).execute();
  await fixtureAnswer(cb, o1, { whole_of_government_consultation: "yes" }, "attributable");
  await fixtureAnswer(cb, o2, { whole_of_government_consultation: "yes" }, "attributable");
  await fixtureAnswer(cb, o4, { whole_of_government_consultation: "no" }, "attributable");
  await fixtureAnswer(cb, o6, { whole_of_government_consultation: "no" }, "attributable");

  // O1 withdrew its offer; the rapporteurs retained one of O4's and wrote a merged text.
  await getDb().updateTable("proposal").set({ withdrawn_at: DURING.toISOString() }).where("response_id", "=", r1).execute();
  await getDb().updateTable("proposal").set({ status: "retained" }).where("response_id", "=", r4).where("position", "=", 0).execute();
  await getDb()
    .insertInto("proposal")
    .values({ ...proposalRow({ id: newId(), consultationId: ca.id, language: "en", title: "Merged", summary: "Merged", status: "retained", attribution: null, at: DURING.toISOString() }), kind: "merged" })
    .execute();
  return { a: ca, b: cb, r1, r4 };
}

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});

describe("participation counters, against the hand-counted fixture", () => {
  it("counts the audience, the organisations that submitted among them and the rate, in total and by type, area and continent", async () => {
    expect(await participation(getDb(), [f.a])).toEqual({ audience: 6, submitted: 4, rate: 4 / 6 });
    expect(await participationBy(getDb(), [f.a], "stakeholder_type")).toEqual([
      { key: A_TYPE, counts: { audience: 3, submitted: 2, rate: 2 / 3 } },
      { key: B_TYPE, counts: { audience: 3, submitted: 2, rate: 2 / 3 } },
    ]);
    expect(await participationBy(getDb(), [f.a], "region")).toEqual([
      { key: "011", counts: { audience: 2, submitted: 1, rate: 0.5 } },
      { key: "015", counts: { audience: 1, submitted: 1, rate: 1 } },
      { key: "155", counts: { audience: 2, submitted: 2, rate: 1 } },
      { key: null, counts: { audience: 1, submitted: 0, rate: 0 } },
    ]);
    expect(await participationBy(getDb(), [f.a], "continent")).toEqual([
      { key: "002", counts: { audience: 3, submitted: 2, rate: 2 / 3 } },
      { key: "150", counts: { audience: 2, submitted: 2, rate: 1 } },
      { key: null, counts: { audience: 1, submitted: 0, rate: 0 } },
    ]);
  });

  it("applies the filters: a region takes the areas under it, the use narrows the submissions only", async () => {
    expect(await participation(getDb(), [f.a], { region: "202" })).toEqual({ audience: 2, submitted: 1, rate: 0.5 });
    expect(await participation(getDb(), [f.a], { region: "002" })).toEqual({ audience: 3, submitted: 2, rate: 2 / 3 });
    expect(await participation(getDb(), [f.a], { stakeholderType: B_TYPE })).toEqual({ audience: 3, submitted: 2, rate: 2 / 3 });
    expect(await participation(getDb(), [f.a], { attribution: "attributable" })).toEqual({ audience: 6, submitted: 2, rate: 2 / 6 });
    expect(await participation(getDb(), [f.a], { stakeholderType: "ngo" })).toEqual({ audience: 0, submitted: 0, rate: null });
  });

  it("over a meeting's consultations counts each organisation once, and a submission only where its organisation is in that consultation's audience", async () => {
    expect(await participation(getDb(), [f.b])).toEqual({ audience: 3, submitted: 2, rate: 2 / 3 });
    expect(await participation(getDb(), [f.a, f.b])).toEqual({ audience: 6, submitted: 5, rate: 5 / 6 });
    expect(await participation(getDb(), [])).toEqual({ audience: 0, submitted: 0, rate: null });
  });

  it("counts the proposals received and not withdrawn by status, leaving out merged texts, with the filters", async () => {
    const none = { received: 0, under_review: 0, retained: 0, merged: 0, not_retained: 0 };
    expect(await proposalsByStatus(getDb(), [f.a])).toEqual({ ...none, received: 2, retained: 1 });
    expect(await proposalsByStatus(getDb(), [f.a], { attribution: "attributable" })).toEqual({ ...none, received: 1, retained: 1 });
    expect(await proposalsByStatus(getDb(), [f.a], { region: "002" })).toEqual({ ...none, received: 1 });
    expect(await proposalsByStatus(getDb(), [f.a], { stakeholderType: B_TYPE })).toEqual({ ...none, received: 1, retained: 1 });
    expect(await proposalsByStatus(getDb(), [f.b])).toEqual(none);
  });
});

describe("question distributions, against the hand-counted fixture", () => {
  it("counts each choice among the answers that gave one, the last submission of a reopened answer included, drafts left out", async () => {
    expect(await choiceDistribution(getDb(), [f.a], { question: "whole_of_government_consultation" })).toEqual({
      answered: 4,
      counts: [
        { row: "", value: "no", count: 1, share: 0.25 },
        { row: "", value: "partly", count: 1, share: 0.25 },
        { row: "", value: "yes", count: 2, share: 0.5 },
      ],
    });
    expect(await choiceDistribution(getDb(), [f.a], { question: "partnership_levels" })).toEqual({
      answered: 4,
      counts: [
        { row: "", value: "global", count: 1, share: 0.25 },
        { row: "", value: "local", count: 1, share: 0.25 },
        { row: "", value: "national", count: 3, share: 0.75 },
        { row: "", value: "regional", count: 1, share: 0.25 },
      ],
    });
    expect(await choiceDistribution(getDb(), [f.a], { question: "whole_of_government_consultation" }, { attribution: "attributable" })).toEqual({ answered: 2, counts: [{ row: "", value: "yes", count: 2, share: 1 }] });
    expect(await choiceDistribution(getDb(), [f.a, f.b], { question: "whole_of_government_consultation" }, { region: "150" })).toEqual({
      answered: 3,
      counts: [
        { row: "", value: "no", count: 1, share: 1 / 3 },
        { row: "", value: "partly", count: 1, share: 1 / 3 },
        { row: "", value: "yes", count: 1, share: 1 / 3 },
      ],
    });
  });

  it("counts a question asked for each entry of a repeated panel entry by entry", async () => {
    expect(await choiceDistribution(getDb(), [f.a], { panel: "priority_objectives", question: "objective" })).toEqual({
      answered: 5,
      counts: [
        { row: "", value: "gcm-01", count: 3, share: 0.6 },
        { row: "", value: "gcm-02", count: 1, share: 0.2 },
        { row: "", value: "gcm-03", count: 1, share: 0.2 },
      ],
    });
  });

  it("gives a rating's mean and distribution, with the filters", async () => {
    expect(await ratingSummary(getDb(), [f.a], { question: "data_availability" })).toEqual({
      answered: 4,
      mean: 3.5,
      distribution: [
        { value: 2, count: 1 },
        { value: 3, count: 1 },
        { value: 4, count: 1 },
        { value: 5, count: 1 },
      ],
    });
    expect(await ratingSummary(getDb(), [f.a], { question: "data_availability" }, { region: "002" })).toMatchObject({ answered: 2, mean: 3 });
    expect(await ratingSummary(getDb(), [f.a], { question: "data_availability" }, { stakeholderType: B_TYPE })).toMatchObject({ answered: 2, mean: 4 });
    expect(await ratingSummary(getDb(), [f.a], { panel: "priority_objectives", question: "current_capacity" })).toEqual({
      answered: 5,
      mean: 2.2,
      distribution: [
        { value: 1, count: 2 },
        { value: 2, count: 1 },
        { value: 3, count: 1 },
        { value: 4, count: 1 },
      ],
    });
    expect(await ratingSummary(getDb(), [f.b], { question: "data_availability" })).toEqual({ answered: 0, mean: null, distribution: [] });
  });
});

describe("matrices and rankings, over answer values of a survey that asks them", () => {
  it("counts a matrix's cells row by row, and gives each ranked choice its answers and mean place", async () => {
    // The surveys ask no matrix or ranking yet: the rows are written as derivation writes them (answer-values.test.ts).
    const answers = await getDb().selectFrom("answer_value").select(["response_id", "consultation_id", "organisation_id", "stakeholder_type", "region_m49", "attribution"]).distinct().where("response_id", "in", [f.r1, f.r4]).orderBy("region_m49").execute();
    const [o1, o4] = answers;
    if (!o1 || !o4 || o1.response_id !== f.r1) throw new Error("O1's and O4's answers");
    const cell = (answer: typeof o1, question: string, row: string, value: string, rank: number | null) => ({ ...answer, panel: "", entry_id: "", position: null, question, row_key: row, value_code: value, value_number: rank });
    await getDb()
      .insertInto("answer_value")
      .values([
        cell(o1, "order", "", "x", 1),
        cell(o1, "order", "", "y", 2),
        cell(o1, "order", "", "z", 3),
        cell(o1, "grid", "r1", "high", null),
        cell(o1, "grid", "r2", "low", null),
        cell(o4, "order", "", "y", 1),
        cell(o4, "order", "", "x", 2),
        cell(o4, "grid", "r1", "high", null),
      ])
      .execute();
    // Rows written outside the derivation are summed by the rebuild, as `figures:rebuild` does.
    await rebuildTallies(getDb());
    expect(await choiceDistribution(getDb(), [f.a], { question: "grid" })).toEqual({
      answered: 2,
      counts: [
        { row: "r1", value: "high", count: 2, share: 1 },
        { row: "r2", value: "low", count: 1, share: 0.5 },
      ],
    });
    expect(await rankingSummary(getDb(), [f.a], { question: "order" })).toEqual({
      answered: 2,
      choices: [
        { value: "x", count: 2, meanRank: 1.5 },
        { value: "y", count: 2, meanRank: 1.5 },
        { value: "z", count: 1, meanRank: 3 },
      ],
    });
    expect(await rankingSummary(getDb(), [f.a], { question: "order" }, { region: "150" })).toEqual({
      answered: 1,
      choices: [
        { value: "y", count: 1, meanRank: 1 },
        { value: "x", count: 1, meanRank: 2 },
      ],
    });
  });
});

describe("capacity needs, against the hand-counted fixture", () => {
  it("ranks the objectives named as priorities: how many name each, put it first, and its mean rank", async () => {
    expect(await needsByObjective(getDb(), [f.a])).toEqual([
      { objective: "gcm-01", needs: 3, first: 3, meanRank: 1 },
      { objective: "gcm-02", needs: 1, first: 1, meanRank: 1 },
      { objective: "gcm-03", needs: 1, first: 0, meanRank: 2 },
    ]);
    expect(await needsByObjective(getDb(), [f.a], { attribution: "attributable" })).toEqual([
      { objective: "gcm-01", needs: 1, first: 1, meanRank: 1 },
      { objective: "gcm-02", needs: 1, first: 1, meanRank: 1 },
      { objective: "gcm-03", needs: 1, first: 0, meanRank: 2 },
    ]);
    // Each of B's four answers states the least a capacity-needs answer must: gcm-01 first.
    expect(await needsByObjective(getDb(), [f.b])).toEqual([{ objective: "gcm-01", needs: 4, first: 4, meanRank: 1 }]);
  });

  it("counts the needs naming each capacity gap and support modality, and agrees with the answer values of the same question", async () => {
    expect(await needsByCode(getDb(), [f.a], "capacity_gap")).toEqual([
      { code: "financing", needs: 3 },
      { code: "data-evidence", needs: 2 },
      { code: "law-policy", needs: 1 },
    ]);
    expect(await needsByCode(getDb(), [f.a], "capacity_gap", { region: "150" })).toEqual([
      { code: "data-evidence", needs: 1 },
      { code: "financing", needs: 1 },
      { code: "law-policy", needs: 1 },
    ]);
    expect(await needsByCode(getDb(), [f.a], "support_modality", { stakeholderType: A_TYPE })).toEqual([{ code: "funding", needs: 2 }]);
    const values = await choiceDistribution(getDb(), [f.a], { panel: "priority_objectives", question: "capacity_gaps" });
    expect(Object.fromEntries(values.counts.map((row) => [row.value, row.count]))).toEqual({ financing: 3, "data-evidence": 2, "law-policy": 1 });
  });
});

describe("counter definitions", () => {
  it("every counter has a name and a definition sentence in each language", () => {
    for (const counter of COUNTERS) {
      const texts = LANGUAGES.map((language) => counterText(counter, language));
      for (const { label, definition } of texts) {
        expect(label).not.toMatch(/^figures\./);
        expect(definition.length).toBeGreaterThan(40);
      }
      expect(new Set(texts.map((text) => text.definition)).size).toBe(3);
    }
    expect(counterText("submitted", "en").definition).toContain("Organisations that submitted, among those in the audience");
  });
});
