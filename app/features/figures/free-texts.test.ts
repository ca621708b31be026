import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { rebuildDerivedRows } from "#app/features/proposals/derivation.ts";
import { changeAttribution, getResponse, reopenResponse, saveDraft, submitResponse } from "#app/features/responses/responses.ts";
import { compileSurveyModel } from "#app/features/surveys/survey-model.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS } from "#tests/consultations.ts";
import { mexicoAnswering, sameText, submittedSource } from "#tests/figures.ts";
import { freeTextsIn, writtenQuestions } from "./free-texts.ts";

const LATER = new Date(DURING.getTime() + 24 * 60 * 60 * 1000);

/** A survey with written answers everywhere they can be: a text, a comment, an "other" text, a comment area, a repeated panel, and a proposals panel. */
const DEFINITION = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "text", name: "name", title: sameText("Name") },
        { type: "comment", name: "remarks", title: sameText("Remarks") },
        { type: "radiogroup", name: "channel", title: sameText("Channel"), choices: ["mail"], showOtherItem: true },
        { type: "checkbox", name: "topics", title: sameText("Topics"), choices: ["a"], showCommentArea: true },
        { type: "comment", name: "hidden", title: sameText("Hidden"), visibleIf: "{channel} = 'mail'" },
        { type: "paneldynamic", name: "items", title: sameText("Items"), templateElements: [{ type: "comment", name: "detail", title: sameText("Detail") }] },
        { type: "paneldynamic", name: "proposals", title: sameText("Proposals"), templateElements: [{ type: "comment", name: "summary", title: sameText("Summary") }] },
      ],
    },
  ],
};


type Row = ReturnType<typeof freeTextsIn>[number];
const texts = (rows: Pick<Row, "panel" | "entry_id" | "position" | "question" | "part" | "text">[]) => rows.map((row) => [row.panel, row.entry_id, row.position, row.question, row.part, row.text]);

describe("written answers as typed rows", () => {
  it("reads every text, comment, other text and comment area, in repeated panels too, trimmed; not hidden questions, empty texts, nor the panels that are proposals", () => {
    const first = "0b7f7a52-8a9e-4c52-9b8e-2d8f0c1e7a10";
    const rows = freeTextsIn(
      compileSurveyModel(DEFINITION),
      submittedSource({
        name: "  Réseau <script>alert(1)</script> ",
        remarks: "   ",
        channel: "other",
        "channel-Comment": "Pigeon",
        topics: ["a"],
        "topics-Comment": "Also b",
        hidden: "never listed",
        items: [{ _id: first, detail: "First detail" }, { _id: "5c1e2b7d-3f4a-4b6c-8d9e-0a1b2c3d4e5f", detail: 42 }],
        proposals: [{ _id: "6d1e2b7d-3f4a-4b6c-8d9e-0a1b2c3d4e5f", summary: "A proposal" }],
      }, "fr"),
      "2026-12-07T10:00:00.000Z",
    );
    expect(texts(rows)).toEqual([
      ["", "", null, "name", "", "Réseau <script>alert(1)</script>"],
      ["", "", null, "channel", "comment", "Pigeon"],
      ["", "", null, "topics", "comment", "Also b"],
      ["items", first, 0, "detail", "", "First detail"],
    ]);
    expect(rows[0]).toMatchObject({ response_id: "r1", consultation_id: "c1", organisation_id: "o1", stakeholder_type: "ngo", region_m49: "011", attribution: "non_attributable", language: "fr", submitted_at: "2026-12-07T10:00:00.000Z" });
  });
});

/** Answers in parts: text cells of both kinds of table (one also inside a repeated panel), a multiple text's boxes. */
const PARTS = {
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
            { name: "level", title: sameText("Level"), cellType: "dropdown", choices: ["hi", "lo"], showOtherItem: true },
            { name: "note", title: sameText("Note"), cellType: "text" },
          ],
        },
        { type: "matrixdynamic", name: "staff", title: sameText("Staff"), columns: [{ name: "who", title: sameText("Who"), cellType: "text" }, { name: "days", cellType: "rating" }] },
        { type: "multipletext", name: "contact", title: sameText("Contact"), items: [{ name: "person", title: sameText("Person") }, { name: "mail", title: sameText("E-mail") }] },
        {
          type: "paneldynamic",
          name: "items",
          title: sameText("Items"),
          templateElements: [{ type: "matrixdynamic", name: "steps", title: sameText("Steps"), columns: [{ name: "step", title: sameText("Step"), cellType: "comment" }] }],
        },
        { type: "ranking", name: "order", title: sameText("Order"), choices: ["a", "b"] },
      ],
    },
  ],
};

describe("written answers in tables and multiple texts", () => {
  it("reads a table's text cells and 'other' texts row by row and a multiple text's boxes, as a repeated panel's, never their choices, numbers or rankings", () => {
    const entry = "0b7f7a52-8a9e-4c52-9b8e-2d8f0c1e7a10";
    const rows = freeTextsIn(
      compileSurveyModel(PARTS),
      submittedSource({
        plan: { y2: { level: "other", "level-Comment": "Medium", note: " Second year " }, y1: { level: "hi" }, retired: { note: "not a row" } },
        staff: [{ who: "Ana", days: 3 }, "not a row", { who: "  " }, { who: "Ben" }],
        contact: { person: "Ana", mail: "ana@example.org", extra: "not a box" },
        items: [{ _id: entry, steps: [{ step: "Draft" }, { step: "Adopt" }] }],
        order: ["b", "a"],
      }),
      "2026-12-07T10:00:00.000Z",
    );
    expect(texts(rows)).toEqual([
      ["plan", "y2", 1, "level", "comment", "Medium"],
      ["plan", "y2", 1, "note", "", "Second year"],
      ["staff", "1", 0, "who", "", "Ana"],
      ["staff", "4", 3, "who", "", "Ben"],
      ["contact", "", null, "person", "", "Ana"],
      ["contact", "", null, "mail", "", "ana@example.org"],
      ["items.steps", `${entry}.1`, 0, "step", "", "Draft"],
      ["items.steps", `${entry}.2`, 0, "step", "", "Adopt"],
    ]);
    expect(new Set(rows.map((row) => [row.panel, row.entry_id, row.question, row.part].join("/"))).size).toBe(rows.length);
    const odd = submittedSource({ plan: [{ note: "a list" }], staff: { y1: { who: "a record" } }, contact: ["not boxes"], items: [{ steps: "text" }] });
    expect(freeTextsIn(compileSurveyModel(PARTS), odd, "2026-12-07T10:00:00.000Z")).toEqual([]);
  });

  it("lists the same parts as written questions for the summary, under their table or multiple text", () => {
    const listed = writtenQuestions(compileSurveyModel(PARTS).questions).map(({ panel, question, part }) => [panel?.name ?? "", panel?.titles.en ?? "", question.name, part]);
    expect(listed).toEqual([
      ["plan", "Plan", "level", "comment"],
      ["plan", "Plan", "note", ""],
      ["staff", "Staff", "who", ""],
      ["contact", "Contact", "person", ""],
      ["contact", "Contact", "mail", ""],
      ["items.steps", "Items – Steps", "step", ""],
    ]);
  });
});


const ANSWERS = {
  ...MINIMAL_CAPACITY_ANSWERS,
  review_tools: ["mgi", "other"],
  review_tools_other: "Encuesta nacional",
  additional_comments: "Gracias",
  priority_objectives: [{ ...MINIMAL_CAPACITY_ANSWERS.priority_objectives[0], gap_details: "Faltan datos" }],
  can_offer: true,
  offers: [{ objective: "gcm-07", description: "An offer, listed as a proposal" }],
};

const textsOf = (responseId: string) => getDb().selectFrom("free_text_answer").selectAll().where("response_id", "=", responseId).orderBy("panel").orderBy("question").orderBy("part").execute();
const allTexts = () => getDb().selectFrom("free_text_answer").selectAll().orderBy("response_id").orderBy("panel").orderBy("entry_id").orderBy("question").orderBy("part").execute();

describe("written answers kept in step with submissions", () => {
  it("a submission writes its texts with the answer's organisation, use, language and time; a draft writes none; an amendment replaces them; a change of use reaches every row", async () => {
    const { consultation, as, user, organisationId } = await mexicoAnswering();
    expect(await saveDraft(getDb(), { ...as(), answers: ANSWERS, baseRevision: 0 })).toMatchObject({ ok: true, status: "draft" });
    const id = (await getResponse(getDb(), user, consultation.id, organisationId))?.id ?? "";
    expect(await textsOf(id)).toEqual([]);

    const first = await submitResponse(getDb(), { ...as(), answers: ANSWERS, baseRevision: 1, attribution: "attributable" });
    if (!first.ok) throw new Error(JSON.stringify(first));
    const response = await getResponse(getDb(), user, consultation.id, organisationId);
    const entry = (JSON.parse(response?.submitted_data ?? "{}") as { priority_objectives: { _id: string }[] }).priority_objectives[0]?._id ?? "";
    const submitted = await textsOf(id);
    expect(texts(submitted)).toEqual([
      ["", "", null, "additional_comments", "", "Gracias"],
      ["", "", null, "coordinating_institution", "", "Secretaría de Relaciones Exteriores"],
      ["", "", null, "review_tools_other", "", "Encuesta nacional"],
      ["priority_objectives", entry, 0, "gap_details", "", "Faltan datos"],
    ]);
    expect(submitted.every((row) => row.consultation_id === consultation.id && row.organisation_id === organisationId && row.stakeholder_type === "state" && row.region_m49 === "013" && row.attribution === "attributable" && row.language === "es" && row.submitted_at === response?.submitted_at)).toBe(true);

    expect(await reopenResponse(getDb(), as())).toMatchObject({ ok: true, status: "amending" });
    const amended = { ...ANSWERS, additional_comments: "Muchas gracias", review_tools: ["mgi"], review_tools_other: undefined };
    expect(await saveDraft(getDb(), { ...as(), answers: amended, baseRevision: first.revision + 1 })).toMatchObject({ ok: true, status: "amending" });
    expect(await textsOf(id)).toEqual(submitted);

    expect(await submitResponse(getDb(), { ...as(LATER), answers: amended, baseRevision: first.revision + 2, attribution: "attributable" })).toMatchObject({ ok: true, status: "submitted" });
    const after = await textsOf(id);
    expect(texts(after)).toEqual([
      ["", "", null, "additional_comments", "", "Muchas gracias"],
      ["", "", null, "coordinating_institution", "", "Secretaría de Relaciones Exteriores"],
      ["priority_objectives", entry, 0, "gap_details", "", "Faltan datos"],
    ]);
    expect(after.every((row) => row.submitted_at === LATER.toISOString())).toBe(true);

    expect(await changeAttribution(getDb(), { ...as(LATER), attribution: "aggregate_only" })).toMatchObject({ ok: true });
    const counted = await textsOf(id);
    expect(counted.map((row) => ({ ...row, attribution: "attributable" }))).toEqual(after);
    expect(counted.every((row) => row.attribution === "aggregate_only")).toBe(true);
  });

  it("the rebuild writes the same rows from the answers alone, each the text found at its place in the answer, and drops those of an answer that has no submission", async () => {
    const { as } = await mexicoAnswering();
    expect(await submitResponse(getDb(), { ...as(), answers: ANSWERS, baseRevision: 0, attribution: "non_attributable" })).toMatchObject({ ok: true });
    const before = await allTexts();
    expect(before.length).toBeGreaterThan(4);
    await getDb().deleteFrom("free_text_answer").execute();
    await rebuildDerivedRows(getDb(), LATER);
    expect(await allTexts()).toEqual(before);

    const answers = new Map((await getDb().selectFrom("response").select(["id", "submitted_data"]).where("submitted_data", "is not", null).execute()).map((row) => [row.id, JSON.parse(row.submitted_data ?? "{}") as Record<string, unknown>]));
    for (const row of before) {
      const answer = answers.get(row.response_id) ?? {};
      const place = row.panel ? ((answer[row.panel] as Record<string, unknown>[])[row.position ?? -1] ?? {}) : answer;
      expect(String(place[row.part === "comment" ? `${row.question}-Comment` : row.question]).trim()).toBe(row.text);
    }

    const draft = await getDb().selectFrom("response").select(["id", "consultation_id", "organisation_id"]).where("submitted_data", "is", null).executeTakeFirstOrThrow();
    await getDb()
      .insertInto("free_text_answer")
      .values({ response_id: draft.id, consultation_id: draft.consultation_id, organisation_id: draft.organisation_id, stakeholder_type: "state", region_m49: null, attribution: null, language: null, submitted_at: DURING.toISOString(), panel: "", entry_id: "", position: null, question: "additional_comments", part: "", text: "left over" })
      .execute();
    await rebuildDerivedRows(getDb(), LATER);
    expect(await allTexts()).toEqual(before);
  });
});
