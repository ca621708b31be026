import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { changeAttribution, getResponse, reopenResponse, saveDraft, submitResponse } from "#app/features/responses/responses.ts";
import { rebuildDerivedRows } from "#app/features/proposals/derivation.ts";
import { compileSurveyModel } from "#app/features/surveys/survey-model.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS } from "#tests/consultations.ts";
import { mexicoAnswering, sameText, submittedSource } from "#tests/figures.ts";
import { answerValuesIn } from "./answer-values.ts";

const LATER = new Date(DURING.getTime() + 24 * 60 * 60 * 1000);


/** A survey with one question of each kind a figure counts, and some it does not. */
const DEFINITION = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "channel", title: sameText("Channel"), choices: ["mail", "phone"] },
        { type: "checkbox", name: "topics", title: sameText("Topics"), choices: ["a", "b", "c"], showNoneItem: true },
        { type: "text", name: "note", title: sameText("Note") },
        { type: "boolean", name: "agree", title: sameText("Agree") },
        { type: "rating", name: "score", title: sameText("Score"), rateMin: 1, rateMax: 5 },
        { type: "matrix", name: "grid", title: sameText("Grid"), rows: ["r1", "r2"], columns: ["low", "high"] },
        { type: "ranking", name: "order", title: sameText("Order"), choices: ["x", "y", "z"] },
        { type: "radiogroup", name: "hidden", title: sameText("Hidden"), choices: ["h"], visibleIf: "{agree} = false" },
        {
          type: "paneldynamic",
          name: "items",
          title: sameText("Items"),
          templateElements: [
            { type: "dropdown", name: "kind", title: sameText("Kind"), choices: ["k1", "k2"] },
            { type: "rating", name: "level", title: sameText("Level"), rateMin: 1, rateMax: 3 },
          ],
        },
      ],
    },
  ],
};


type Row = ReturnType<typeof answerValuesIn>[number];
const cells = (rows: Row[]) => rows.map((row) => [row.panel, row.entry_id, row.position, row.question, row.row_key, row.value_code, row.value_number]);

describe("typed answer values of answers in parts", () => {
  const model = compileSurveyModel({
    pages: [
      {
        name: "p1",
        elements: [
          {
            type: "matrixdropdown",
            name: "plan",
            title: sameText("Plan"),
            rows: ["y1", "y2"],
            columns: [
              { name: "level", cellType: "dropdown", choices: ["hi", "lo"] },
              { name: "note", cellType: "text" },
              { name: "score", cellType: "rating", rateMax: 3 },
            ],
          },
          { type: "matrixdynamic", name: "staff", title: sameText("Staff"), columns: [{ name: "role", cellType: "checkbox", choices: ["lead", "member"] }] },
          { type: "multipletext", name: "contact", title: sameText("Contact"), items: [{ name: "person" }] },
          { type: "paneldynamic", name: "items", title: sameText("Items"), templateElements: [{ type: "matrixdynamic", name: "steps", columns: [{ name: "done", cellType: "boolean" }] }] },
          { type: "ranking", name: "order", title: sameText("Order"), choices: ["x", "y"] },
        ],
      },
    ],
  });
  const ranked = [
    ["", "", null, "order", "", "y", 1],
    ["", "", null, "order", "", "x", 2],
  ];

  it("counts a table's cells as a repeated panel's answers, its rows as entries (a matrix dropdown's row key, a dynamic matrix's row number); offered values only; a multiple text's boxes are text", () => {
    const entry = "0b7f7a52-8a9e-4c52-9b8e-2d8f0c1e7a10";
    const rows = answerValuesIn(
      model,
      submittedSource({
        plan: { y2: { level: "lo", note: "text", score: 2 }, y1: { level: "forged", score: 9 }, y9: { level: "hi" } },
        staff: [{ role: ["member", "lead"] }, "not a row", { role: ["forged"] }],
        contact: { person: "Ana" },
        items: [{ _id: entry, steps: [{ done: true }, { done: false }] }],
        order: ["y", "x"],
      }),
    );
    expect(cells(rows)).toEqual([
      ["plan", "y2", 1, "level", "", "lo", null],
      ["plan", "y2", 1, "score", "", "2", 2],
      ["staff", "1", 0, "role", "", "member", null],
      ["staff", "1", 0, "role", "", "lead", null],
      ["items.steps", `${entry}.1`, 0, "done", "", "true", null],
      ["items.steps", `${entry}.2`, 0, "done", "", "false", null],
      ...ranked,
    ]);
  });

  it("counts nothing of a table or multiple text stored in another shape, and still reads the questions around them", () => {
    for (const parts of [
      { plan: [null, 3], staff: { y1: { role: ["lead"] } }, contact: ["not boxes"], items: [{ steps: "text" }] },
      { plan: "text", staff: null, contact: 7, items: [{ steps: { y1: { done: true } } }] },
    ]) {
      expect(cells(answerValuesIn(model, submittedSource({ ...parts, order: ["y", "x"] })))).toEqual(ranked);
    }
  });
});

describe("typed answer values", () => {
  it("reads one row per choice, rating, matrix cell and ranked choice, through the compiled model; text, hidden questions and values the survey does not offer give none", () => {
    const model = compileSurveyModel(DEFINITION);
    const rows = answerValuesIn(
      model,
      submittedSource({
        channel: "phone",
        topics: ["c", "a", "c", "forged"],
        note: "free text",
        agree: true,
        score: 4,
        grid: { r1: "high", r2: "low", r3: "high" },
        order: ["z", "x", "y"],
        hidden: "h",
        items: [
          { _id: "0b7f7a52-8a9e-4c52-9b8e-2d8f0c1e7a10", kind: "k2", level: 3 },
          { _id: "5c1e2b7d-3f4a-4b6c-8d9e-0a1b2c3d4e5f", kind: "k1", level: 9 },
        ],
      }),
    );
    const first = "0b7f7a52-8a9e-4c52-9b8e-2d8f0c1e7a10";
    const second = "5c1e2b7d-3f4a-4b6c-8d9e-0a1b2c3d4e5f";
    expect(cells(rows)).toEqual([
      ["", "", null, "channel", "", "phone", null],
      ["", "", null, "topics", "", "c", null],
      ["", "", null, "topics", "", "a", null],
      ["", "", null, "agree", "", "true", null],
      ["", "", null, "score", "", "4", 4],
      ["", "", null, "grid", "r1", "high", null],
      ["", "", null, "grid", "r2", "low", null],
      ["", "", null, "order", "", "z", 1],
      ["", "", null, "order", "", "x", 2],
      ["", "", null, "order", "", "y", 3],
      ["items", first, 0, "kind", "", "k2", null],
      ["items", first, 0, "level", "", "3", 3],
      ["items", second, 1, "kind", "", "k1", null],
    ]);
    expect(rows[0]).toMatchObject({ response_id: "r1", consultation_id: "c1", organisation_id: "o1", stakeholder_type: "ngo", region_m49: "011", attribution: "non_attributable" });
  });
});


const ANSWERS = {
  ...MINIMAL_CAPACITY_ANSWERS,
  partnership_levels: ["regional", "national"],
  south_south_interest: true,
  review_tools: ["mgi", "other"],
  review_tools_other: "Encuesta nacional",
  data_availability: 4,
};

const valuesOf = (responseId: string) =>
  getDb()
    .selectFrom("answer_value")
    .selectAll()
    .where("response_id", "=", responseId)
    .orderBy("panel")
    .orderBy("position")
    .orderBy("question")
    .orderBy("row_key")
    .orderBy("value_code")
    .execute();

const allValues = () =>
  getDb().selectFrom("answer_value").selectAll().orderBy("response_id").orderBy("panel").orderBy("entry_id").orderBy("question").orderBy("row_key").orderBy("value_code").execute();

describe("answer values kept in step with submissions", () => {
  it("a submission writes its values with the answer's organisation, type, region and attribution; a draft writes none", async () => {
    const { consultation, as, user, organisationId } = await mexicoAnswering();
    const draft = await saveDraft(getDb(), { ...as(), answers: ANSWERS, baseRevision: 0 });
    expect(draft).toMatchObject({ ok: true, status: "draft" });
    const saved = await getResponse(getDb(), user, consultation.id, organisationId);
    expect(await valuesOf(saved?.id ?? "")).toEqual([]);

    expect(await submitResponse(getDb(), { ...as(), answers: ANSWERS, baseRevision: 1, attribution: "attributable" })).toMatchObject({ ok: true, status: "submitted" });
    const response = await getResponse(getDb(), user, consultation.id, organisationId);
    const entry = (JSON.parse(response?.submitted_data ?? "{}") as { priority_objectives: { _id: string }[] }).priority_objectives[0]?._id;
    const rows = await valuesOf(response?.id ?? "");
    const region = (await getDb().selectFrom("organisation").select("region_m49").where("id", "=", organisationId).executeTakeFirstOrThrow()).region_m49;
    expect(region).toBe("013");
    expect(rows.every((row) => row.consultation_id === consultation.id && row.organisation_id === organisationId && row.stakeholder_type === "state" && row.region_m49 === "013" && row.attribution === "attributable")).toBe(true);
    expect(cells(rows)).toEqual([
      ["", "", null, "data_availability", "", "4", 4],
      ["", "", null, "partnership_levels", "", "national", null],
      ["", "", null, "partnership_levels", "", "regional", null],
      ["", "", null, "review_tools", "", "mgi", null],
      ["", "", null, "review_tools", "", "other", null],
      ["", "", null, "south_south_interest", "", "true", null],
      ["", "", null, "whole_of_government_consultation", "", "partly", null],
      ["", "", null, "wog_mechanism", "", "none", null],
      ["priority_objectives", entry, 0, "capacity_gaps", "", "data-evidence", null],
      ["priority_objectives", entry, 0, "current_capacity", "", "2", 2],
      ["priority_objectives", entry, 0, "objective", "", "gcm-01", null],
      ["priority_objectives", entry, 0, "support_modalities", "", "technical-assistance", null],
    ]);
  });

  it("a reopened answer keeps its last submitted values while the amendment is drafted; the amendment's submission replaces them; a change of use reaches every row", async () => {
    const { consultation, as, user, organisationId } = await mexicoAnswering();
    const first = await submitResponse(getDb(), { ...as(), answers: ANSWERS, baseRevision: 0, attribution: "attributable" });
    if (!first.ok) throw new Error(JSON.stringify(first));
    const response = await getResponse(getDb(), user, consultation.id, organisationId);
    const id = response?.id ?? "";
    const submitted = await valuesOf(id);

    expect(await reopenResponse(getDb(), as())).toMatchObject({ ok: true, status: "amending" });
    const amended = { ...ANSWERS, partnership_levels: ["global"], data_availability: 2, south_south_interest: undefined };
    expect(await saveDraft(getDb(), { ...as(), answers: amended, baseRevision: first.revision + 1 })).toMatchObject({ ok: true, status: "amending" });
    expect(await valuesOf(id)).toEqual(submitted);

    expect(await submitResponse(getDb(), { ...as(LATER), answers: amended, baseRevision: first.revision + 2, attribution: "attributable" })).toMatchObject({ ok: true, status: "submitted" });
    const after = await valuesOf(id);
    expect(after.filter((row) => row.panel === "" && ["partnership_levels", "data_availability", "south_south_interest"].includes(row.question)).map((row) => [row.question, row.value_code])).toEqual([
      ["data_availability", "2"],
      ["partnership_levels", "global"],
    ]);
    expect(after).toHaveLength(submitted.length - 2);

    expect(await changeAttribution(getDb(), { ...as(LATER), attribution: "aggregate_only" })).toMatchObject({ ok: true });
    const counted = await valuesOf(id);
    expect(counted.map((row) => row.attribution)).toEqual(after.map(() => "aggregate_only"));
    expect(counted.map((row) => ({ ...row, attribution: "attributable" }))).toEqual(after);
  });

  it("the rebuild writes the same rows from the answers alone, and drops values of an answer that has no submission", async () => {
    const { as } = await mexicoAnswering();
    expect(await submitResponse(getDb(), { ...as(), answers: ANSWERS, baseRevision: 0, attribution: "non_attributable" })).toMatchObject({ ok: true });
    const before = await allValues();
    expect(before.length).toBeGreaterThan(12);
    await getDb().deleteFrom("answer_value").execute();
    await rebuildDerivedRows(getDb(), LATER);
    expect(await allValues()).toEqual(before);

    const draft = await getDb().selectFrom("response").select(["id", "consultation_id", "organisation_id"]).where("submitted_data", "is", null).executeTakeFirstOrThrow();
    await getDb()
      .insertInto("answer_value")
      .values({ response_id: draft.id, consultation_id: draft.consultation_id, organisation_id: draft.organisation_id, stakeholder_type: "state", region_m49: null, attribution: null, panel: "", entry_id: "", position: null, question: "wog_mechanism", row_key: "", value_code: "none", value_number: null })
      .execute();
    await rebuildDerivedRows(getDb(), LATER);
    expect(await allValues()).toEqual(before);
  });
});
