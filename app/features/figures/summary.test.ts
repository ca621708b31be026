import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import type { Consultation } from "#db/schema.ts";
import { rebuildDerivedRows } from "#app/features/proposals/derivation.ts";
import { capacityConsultation, insertResponse } from "#tests/consultations.ts";
import { fixtureAnswer, fixtureOrganisation, priorities } from "#tests/figures.ts";
import { readSummary, summaryViewOf, summaryViewParams, type QuestionFigure, type Summary } from "./summary.ts";

/*
 * A summary counted by hand. One capacity-needs consultation addressed to two stakeholder types
 * of the test's own:
 *
 *   org  type  region (continent)        answer
 *   O1   a     011 W. Africa (002)       attributable: yes, rating 4, regional+national; gcm-01 (gaps financing, data); offer "Clinics <script>"
 *   O2   a     015 N. Africa (002)       count-only: no, rating 2, national; gcm-01 (financing); offer "Secret offer"
 *   O3   b     155 W. Europe (150)       non-attributable: partly, rating 3, local; gcm-02 (law), gcm-01 (data); offer "Unnamed offer"
 *   O4   b     none                      no answer
 *
 * Every need asks for funding.
 */
const A_TYPE = "summary_a";
const B_TYPE = "summary_b";
const SCRIPT = `Clinics <script>alert("x")</script><img src=x onerror=alert(1)>`;

let consultation: Consultation;

beforeAll(async () => {
  const created = await capacityConsultation();
  await getDb().updateTable("consultation").set({ audience: JSON.stringify([A_TYPE, B_TYPE]) }).where("id", "=", created.id).execute();
  consultation = await getDb().selectFrom("consultation").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
  const [o1, o2, o3] = [await fixtureOrganisation(A_TYPE, "011", "O1 <b>bold</b>"), await fixtureOrganisation(A_TYPE, "015", "O2"), await fixtureOrganisation(B_TYPE, "155", "O3")];
  await fixtureOrganisation(B_TYPE, null, "O4");
  const offer = (description: string) => ({ can_offer: true, offers: [{ objective: "gcm-07", description }] });
  await fixtureAnswer(consultation, o1, { whole_of_government_consultation: "yes", data_availability: 4, partnership_levels: ["regional", "national"], priority_objectives: priorities(["gcm-01", 2, ["financing", "data-evidence"]]), ...offer(SCRIPT) }, "attributable");
  await fixtureAnswer(consultation, o2, { whole_of_government_consultation: "no", data_availability: 2, partnership_levels: ["national"], priority_objectives: priorities(["gcm-01", 1, ["financing"]]), ...offer("Secret offer") }, "aggregate_only");
  await fixtureAnswer(
    consultation,
    o3,
    { whole_of_government_consultation: "partly", data_availability: 3, partnership_levels: ["local"], priority_objectives: priorities(["gcm-02", 1, ["law-policy"]], ["gcm-01", 3, ["data-evidence"]]), ...offer("Unnamed offer") },
    "non_attributable",
  );
});

const question = (summary: Summary, name: string): QuestionFigure => {
  const found = summary.questions.flatMap((group) => group.questions).find((figure) => figure.id.endsWith(`--${name}`));
  if (!found) throw new Error(`question ${name}`);
  return found;
};

describe("a consultation's summary, against the hand-counted fixture", () => {
  it("gives participation in total, by stakeholder type and by region against the audience", async () => {
    const summary = await readSummary(getDb(), [consultation], {}, "en");
    expect(summary.participation).toEqual({ audience: 4, submitted: 3, rate: 0.75 });
    expect(summary.byType.map((row) => [row.key, row.counts])).toEqual([
      [A_TYPE, { audience: 2, submitted: 2, rate: 1 }],
      [B_TYPE, { audience: 2, submitted: 1, rate: 0.5 }],
    ]);
    expect(summary.byRegion.map((row) => [row.key, row.label, row.counts])).toEqual([
      ["002", "Africa", { audience: 2, submitted: 2, rate: 1 }],
      ["150", "Europe", { audience: 1, submitted: 1, rate: 1 }],
      ["none", "Region not recorded", { audience: 1, submitted: 0, rate: 0 }],
    ]);
  });

  it("ranks the priority objectives, spreads them over the regions, and counts gaps, modalities and governance levels", async () => {
    const summary = await readSummary(getDb(), [consultation], {}, "fr");
    expect(summary.objectives).toEqual([
      { objective: "gcm-01", label: "1. Données précises et ventilées", needs: 3, first: 2, meanRank: 4 / 3 },
      { objective: "gcm-02", label: expect.stringMatching(/^2\. /), needs: 1, first: 1, meanRank: 1 },
    ]);
    expect(summary.heatMap.rows.map((row) => row.key)).toEqual(["gcm-01", "gcm-02"]);
    expect(summary.heatMap.columns).toEqual([
      { key: "002", label: "Afrique" },
      { key: "150", label: "Europe" },
    ]);
    expect(summary.heatMap.values).toEqual([
      [2, 1],
      [0, 1],
    ]);
    expect(summary.gaps.map((row) => [row.key, row.needs])).toEqual([
      ["data-evidence", 2],
      ["financing", 2],
      ["law-policy", 1],
    ]);
    expect(summary.modalities).toEqual([{ key: "funding", label: "Financement", needs: 4 }]);
    expect(summary.governanceLevels).toEqual([
      { key: "local", label: "Locale", count: 1 },
      { key: "national", label: "Nationale", count: 2 },
      { key: "regional", label: "Régionale", count: 1 },
    ]);
  });

  it("gives every closed question's distribution, in a repeated panel entry by entry", async () => {
    const summary = await readSummary(getDb(), [consultation], {}, "en");
    const wog = question(summary, "whole_of_government_consultation");
    expect(wog).toMatchObject({ kind: "choice", answered: 3 });
    expect(wog.counts.map((count) => [count.value, count.count])).toEqual([
      ["no", 1],
      ["partly", 1],
      ["yes", 1],
    ]);
    expect(wog.options.map((option) => option.key)).toContain("partly");
    expect(question(summary, "data_availability")).toMatchObject({ kind: "rating", answered: 3, rating: { mean: 3 } });
    const gaps = summary.questions.flatMap((group) => group.questions).find((figure) => figure.id.endsWith("-priority_objectives-capacity_gaps"));
    expect(gaps).toMatchObject({ answered: 4, panelTitle: expect.any(String) });
    expect(summary.questions).toHaveLength(1);
    expect(summary.questions[0]?.consultations).toEqual(["Capacity needs"]);
  });

  it("lists free text under the attribution rules: a count-only answer's only counted, the organisation named only where attributable", async () => {
    const { freeText } = await readSummary(getDb(), [consultation], {}, "en");
    expect(freeText.total).toBe(2);
    expect(freeText.countOnly).toBe(1);
    expect(freeText.shown.map((text) => [text.summary, text.organisation]).sort()).toEqual([
      [SCRIPT, "O1 <b>bold</b>"],
      ["Unnamed offer", null],
    ]);
    expect(JSON.stringify(freeText)).not.toContain("Secret offer");
  });

  it("applies the filters to every figure", async () => {
    const attributable = await readSummary(getDb(), [consultation], { attribution: "attributable" }, "en");
    expect(attributable.participation).toEqual({ audience: 4, submitted: 1, rate: 0.25 });
    expect(attributable.objectives.map((row) => [row.objective, row.needs])).toEqual([["gcm-01", 1]]);
    expect(attributable.freeText).toMatchObject({ total: 1, countOnly: 0 });
    expect(question(attributable, "whole_of_government_consultation").answered).toBe(1);
    expect(attributable.governanceLevels.map((row) => [row.key, row.count])).toEqual([
      ["national", 1],
      ["regional", 1],
    ]);

    const europe = await readSummary(getDb(), [consultation], { region: "150" }, "en");
    expect(europe.participation).toEqual({ audience: 1, submitted: 1, rate: 1 });
    expect(europe.objectives.map((row) => [row.objective, row.needs])).toEqual([
      ["gcm-01", 1],
      ["gcm-02", 1],
    ]);
    expect(europe.heatMap.columns.map((column) => column.key)).toEqual(["150"]);

    const typeA = await readSummary(getDb(), [consultation], { stakeholderType: A_TYPE }, "en");
    expect(typeA.participation).toEqual({ audience: 2, submitted: 2, rate: 1 });
    expect(typeA.gaps.map((row) => [row.key, row.needs])).toEqual([
      ["financing", 2],
      ["data-evidence", 1],
    ]);
    expect(question(typeA, "data_availability").rating?.mean).toBe(3);
  });

  it("gives empty figures, not an error, for no consultation", async () => {
    const summary = await readSummary(getDb(), [], {}, "en");
    expect(summary.participation).toEqual({ audience: 0, submitted: 0, rate: null });
    expect(summary.objectives).toEqual([]);
    expect(summary.questions).toEqual([]);
    expect(summary.freeText).toEqual({ shown: [], total: 0, countOnly: 0 });
  });
});

describe("a summary's address", () => {
  const choices = { types: [A_TYPE, B_TYPE], consultations: ["c1"] };

  it("reads the filters it can use and names those it cannot", () => {
    const { view, problems } = summaryViewOf(new URLSearchParams("region=150&type=summary_b&attribution=non_attributable&consultation=c1"), choices);
    expect(view).toEqual({ region: "150", stakeholderType: B_TYPE, attribution: "non_attributable", consultation: "c1" });
    expect(problems).toEqual([]);
    expect(summaryViewParams(view)).toEqual({ region: "150", type: B_TYPE, attribution: "non_attributable", consultation: "c1" });
    const bad = summaryViewOf(new URLSearchParams("region=999&type=ngo&attribution=everyone&consultation=<script>"), choices);
    expect(bad.problems).toEqual(["region", "type", "attribution", "consultation"]);
    expect(bad.view).toEqual({});
  });
});

describe("figures of tables", () => {
  it("gives a table's closed columns their distributions under the table's title, a row counted as a repeated panel's entry, and lists its written cells", async () => {
    const created = await capacityConsultation();
    const definition = {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "matrixdropdown",
              name: "plan",
              title: { default: "Plan", fr: "Plan", es: "Plan" },
              rows: ["y1", "y2"],
              columns: [
                { name: "level", title: { default: "Level", fr: "Niveau", es: "Nivel" }, cellType: "dropdown", choices: [{ value: "hi", text: { default: "High", fr: "Élevé", es: "Alto" } }, "lo"] },
                { name: "note", title: { default: "Note", fr: "Note", es: "Nota" }, cellType: "text" },
              ],
            },
          ],
        },
      ],
    };
    const versionId = `summary-parts-${created.id}`;
    await getDb().insertInto("survey_version").values({ id: versionId, slug: "summary-parts", definition: JSON.stringify(definition), created_at: created.created_at }).execute();
    await getDb().updateTable("consultation").set({ survey_version_id: versionId, audience: JSON.stringify([A_TYPE]) }).where("id", "=", created.id).execute();
    const inParts = { ...created, survey_version_id: versionId, audience: JSON.stringify([A_TYPE]) };
    const answer = async (name: string, answers: Record<string, unknown>) =>
      insertResponse(inParts, await fixtureOrganisation(A_TYPE, "011", name), "submitted", created.opens_at, { submitted_data: JSON.stringify(answers), language: "en" });
    await answer("T1", { plan: { y1: { level: "hi", note: "First year first" }, y2: { level: "lo" } } });
    await answer("T2", { plan: { y1: { level: "hi" } } });
    await rebuildDerivedRows(getDb(), new Date(created.closes_at));

    const summary = await readSummary(getDb(), [inParts], {}, "fr");
    const level = summary.questions.flatMap((group) => group.questions).find((figure) => figure.id === `${versionId}-plan-level`);
    expect(level).toMatchObject({ title: "Niveau", panelTitle: "Plan", kind: "choice", answered: 3 });
    expect(level?.counts.map((count) => [count.value, count.count])).toEqual([
      ["hi", 2],
      ["lo", 1],
    ]);
    expect(level?.options.map((option) => option.label)).toEqual(["Élevé", "lo"]);
    const written = summary.writtenAnswers.flatMap((group) => group.questions).find((text) => text.id === `${versionId}-plan-note-`);
    expect(written).toMatchObject({ title: "Note", panelTitle: "Plan", total: 1 });
  });
});
