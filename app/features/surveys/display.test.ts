import fc from "fast-check";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";
import { PARTNER_ANSWERS } from "#db/demo/partners.ts";
import { STATE_ANSWERS } from "#db/demo/states.ts";
import { EVERY_FEATURE, answersFor, choices, surveyCoreDisplay, tx } from "#tests/survey-answers.ts";
import { valueLabel } from "./answer-text.ts";
import { listSurveySlugs, readSurveyFile, resolveTaxonomies } from "./definitions.ts";
import { answersForDisplay } from "./display.ts";
import { applyRules } from "./rules.ts";
import { compileSurveyModel, questionNamed } from "./survey-model.ts";

const PLACEHOLDERS = { meeting_title: "IDM 2018", meeting_theme: "Partnerships", meeting_place: "Geneva", meeting_dates: "8–9 October 2018", closes_at: "21 September 2018" };

/** Every type the renderer reads, with labels to find: rateValues, matrix, "other" texts, tagbox, panels. */
const EVERY_TYPE = {
  pages: [
    {
      name: "all",
      title: tx("All of {meeting_title}"),
      elements: [
        { type: "checkbox", name: "tools", title: tx("Tools"), choices: choices("x", "y"), showOtherItem: true, showNoneItem: true },
        { type: "radiogroup", name: "mode", title: tx("Mode"), choices: choices("a", "b"), showOtherItem: true },
        { type: "dropdown", name: "pick", title: tx("Pick"), choices: choices("d1", "d2") },
        { type: "tagbox", name: "tags", title: tx("Tags"), choices: choices("t1", "t2", "t3") },
        { type: "rating", name: "stars", title: tx("Stars"), rateValues: [{ value: 1, text: tx("Poor") }, { value: 2, text: tx("Good") }, 3] },
        { type: "rating", name: "scale", title: tx("Scale"), rateMin: 1, rateMax: 5, minRateDescription: tx("Low"), maxRateDescription: tx("High") },
        { type: "boolean", name: "agree", title: tx("Agree about {meeting_place}"), labelTrue: tx("Indeed"), labelFalse: tx("Not at all") },
        { type: "boolean", name: "plain", title: tx("Plain") },
        { type: "matrix", name: "grid", title: tx("Grid"), rows: choices("r1", "r2"), columns: choices("c1", "c2") },
        { type: "text", name: "count", title: tx("Count") },
        { type: "ranking", name: "order", title: tx("Order"), choices: choices("o1", "o2", "o3") },
        { type: "comment", name: "note", title: tx("Note"), visibleIf: "{agree} = true" },
        {
          type: "paneldynamic",
          name: "items",
          title: tx("Items"),
          maxPanelCount: 3,
          templateElements: [
            { type: "dropdown", name: "code", title: tx("Code"), choices: choices("k1", "k2") },
            { type: "checkbox", name: "kinds", title: tx("Kinds"), choices: choices("p", "q"), showOtherItem: true },
            { type: "text", name: "why", title: tx("Why"), visibleIf: "{panel.code} = 'k2'" },
          ],
        },
      ],
    },
  ],
};

/** Answers in parts: a matrix dropdown of every kind of cell, a dynamic matrix, a multiple text. */
const EVERY_PART = {
  pages: [
    {
      name: "parts",
      title: tx("Parts"),
      elements: [
        {
          type: "matrixdropdown",
          name: "plan",
          title: tx("Plan"),
          rows: choices("y2025", "y2026"),
          choices: choices("low", "high"),
          columns: [
            { name: "level", title: tx("Level") },
            { name: "funded", title: tx("Funded"), cellType: "boolean", labelTrue: tx("Funded yes"), labelFalse: tx("Funded no") },
            { name: "start", title: tx("Start"), cellType: "text", inputType: "date" },
            { name: "areas", title: tx("Areas"), cellType: "checkbox", choices: choices("a1", "a2") },
          ],
        },
        {
          type: "matrixdynamic",
          name: "staff",
          title: tx("Staff"),
          maxRowCount: 3,
          columns: [
            { name: "role", title: tx("Role"), cellType: "dropdown", choices: choices("lead", "member") },
            { name: "who", title: tx("Who"), cellType: "text" },
          ],
        },
        { type: "multipletext", name: "contact", title: tx("Contact"), items: [{ name: "person", title: tx("Person") }, { name: "mail", title: tx("E-mail"), inputType: "email" }] },
      ],
    },
  ],
};

const SURVEYS = [
  ...listSurveySlugs().map((slug) => ({ name: slug, definition: resolveTaxonomies(readSurveyFile(slug)) as object })),
  { name: "every compiled feature", definition: EVERY_FEATURE as object },
  { name: "every type", definition: EVERY_TYPE as object },
  { name: "every part", definition: EVERY_PART as object },
];

const SYNTHETIC = new Set(["every compiled feature", "every type", "every part"]);

describe("answers shown from the compiled model", () => {
  const demo = [...STATE_ANSWERS, ...PARTNER_ANSWERS];

  it.each(SURVEYS.slice(0, 3))("read every demo answer of $name as survey-core did, in each language", async ({ name, definition }) => {
    const answers = demo.filter((answer) => answer.survey === name);
    expect(answers.length).toBeGreaterThan(0);
    for (const { answers: given } of answers) {
      // Seconds of survey-core work in all: let the test runner's messages through between answers.
      await new Promise((resolve) => setImmediate(resolve));
      const reference = surveyCoreDisplay(definition, given, PLACEHOLDERS);
      for (const language of LANGUAGES) {
        const shown = answersForDisplay(definition, given, language, PLACEHOLDERS);
        expect(shown).toEqual(reference[language]);
        expect(shown.length).toBeGreaterThan(0);
      }
    }
  }, 300_000);

  it.each(SURVEYS)("read random submitted answers of $name as survey-core did", async ({ name, definition }) => {
    const model = compileSurveyModel(definition);
    // Receipts show submitted answers: those to hidden questions are dropped on submission.
    // A survey whose rules are left to survey-core has no conditions here: every answer given is submitted.
    const submitted = answersFor(new Model(definition).getAllQuestions(false, false, false)).map((given) => (model.rulesComplete ? applyRules(model, given, "en").shown : given));
    await fc.assert(
      fc.asyncProperty(submitted, async (given) => {
        await new Promise((resolve) => setImmediate(resolve));
        const reference = surveyCoreDisplay(definition, given, PLACEHOLDERS);
        for (const language of LANGUAGES) expect(answersForDisplay(definition, given, language, PLACEHOLDERS)).toEqual(reference[language]);
      }),
      // The shipped surveys' demo answers are compared in full above: fewer random cases for them.
      { numRuns: SYNTHETIC.has(name) ? 60 : 25, seed: Number(process.env.FUZZ_SEED ?? 20181010) },
    );
    // A survey-core model per case, as in the rules' property test: room rather than fewer cases.
  }, 120_000);
});

describe("one answer as plain text", () => {
  const model = compileSurveyModel(EVERY_TYPE);
  const question = (name: string) => questionNamed(model.questions, name);
  const label = (name: string, value: unknown, language: Language = "en", other?: unknown) => valueLabel(question(name), value, language, other);

  it("gives choices by their labels, the text written for 'other' in its place, 'none' in the survey's words", () => {
    expect(label("tools", ["y", "x"], "fr")).toBe("y (fr), x (fr)");
    expect(label("tools", ["x", "other"], "es", "Un taller")).toBe("x (es), Un taller");
    expect(label("tools", ["other"], "en")).toBe("Other (describe)");
    expect(label("tools", ["none"], "es")).toBe(question("tools")?.choices.find((choice) => choice.value === "none")?.labels.es);
    expect(label("mode", "other", "en", "By post")).toBe("By post");
    expect(label("pick", "d2", "fr")).toBe("d2 (fr)");
    expect(label("tags", ["t3", "t1"], "es")).toBe("t3 (es), t1 (es)");
  });

  it("gives a value the survey does not offer as it is stored", () => {
    expect(label("pick", "retired_choice")).toBe("retired_choice");
    expect(valueLabel(undefined, { a: 1 }, "en")).toBe("a: 1");
  });

  it("gives yes and no in the survey's words, or survey-core's in the reader's language", () => {
    expect(label("agree", true, "fr")).toBe("Indeed (fr)");
    expect(label("agree", false, "es")).toBe("Not at all (es)");
    expect(label("plain", true, "es")).toBe("Sí");
    expect(label("plain", false, "fr")).toBe("Non");
  });

  it("gives a rating by its label when the scale has labels, by its number otherwise; the scale is in the model", () => {
    expect(label("stars", 2, "fr")).toBe("Good (fr)");
    expect(label("stars", 3, "fr")).toBe("3");
    expect(label("scale", 4)).toBe("4");
    expect(question("scale")?.rating).toMatchObject({ min: 1, max: 5, step: 1, values: null, minLabels: { en: "Low", fr: "Low (fr)" }, maxLabels: { es: "High (es)" } });
  });

  it("gives a matrix as row and column labels", () => {
    expect(label("grid", { r2: "c1", r1: "c2" }, "es")).toBe("r2 (es): c1 (es); r1 (es): c2 (es)");
  });

  it("gives a repeated panel's entries by their questions' titles, the shown ones only on a page", () => {
    const entries = [{ code: "k1", kinds: ["p", "other"], "kinds-Comment": "Field visits" }, { code: "k2", why: "Because" }];
    expect(label("items", entries, "fr")).toBe("Code (fr): k1 (fr) · Kinds (fr): p (fr), Field visits / Code (fr): k2 (fr) · Why (fr): Because");
    const [section] = answersForDisplay(EVERY_TYPE, { items: [{ code: "k1", why: "hidden by its condition" }] }, "en", PLACEHOLDERS);
    expect(section).toEqual({ title: "All of IDM 2018", items: [{ title: "Items", value: "", entries: [[{ title: "Code", value: "k1" }]] }] });
  });

  it("gives a ranking in its order, numbered", () => {
    expect(label("order", ["o3", "o1", "o2"], "es")).toBe("1. o3 (es), 2. o1 (es), 3. o2 (es)");
    expect(label("order", ["o2", "retired"], "en")).toBe("1. o2, 2. retired");
  });

  it("leaves out hidden and unanswered questions, and fills the consultation's placeholders", () => {
    const [section] = answersForDisplay(EVERY_TYPE, { agree: false, note: "hidden", count: 0, pick: "", tags: [] }, "es", PLACEHOLDERS);
    expect(section?.items).toEqual([
      { title: "Agree about Geneva (es)", value: "Not at all (es)" },
      { title: "Count (es)", value: "0" },
    ]);
  });
});

describe("answers in parts: tables and multiple texts", () => {
  const model = compileSurveyModel(EVERY_PART);
  const label = (name: string, value: unknown, language: Language) => valueLabel(questionNamed(model.questions, name), value, language);
  const plan = { y2026: { level: "high", funded: false, start: "2026-03-01", areas: ["a2", "a1"] }, y2025: { funded: true } };
  const staff = [{ role: "lead", who: "Ana" }, {}, { who: "Ben" }];
  const contact = { mail: "ana@example.org", person: "Ana" };

  it("gives a matrix dropdown's rows in the survey's order, each cell by its column's title, choices and yes or no in the survey's words, dates as written", () => {
    expect(label("plan", plan, "en")).toBe("y2025 – Funded: Funded yes / y2026 – Level: high · Funded: Funded no · Start: 2026-03-01 · Areas: a2, a1");
    expect(label("plan", plan, "fr")).toBe("y2025 (fr) – Funded (fr): Funded yes (fr) / y2026 (fr) – Level (fr): high (fr) · Funded (fr): Funded no (fr) · Start (fr): 2026-03-01 · Areas (fr): a2 (fr), a1 (fr)");
    expect(label("plan", { y2030: { level: "low" } }, "es")).toBe("y2030 – Level (es): low (es)");
  });

  it("numbers a dynamic matrix's rows in the reader's language, and a multiple text's boxes by their titles", () => {
    expect(label("staff", staff, "en")).toBe("Row 1 – Role: lead · Who: Ana / Row 3 – Who: Ben");
    expect(label("staff", staff, "fr")).toBe("Ligne 1 – Role (fr): lead (fr) · Who (fr): Ana / Ligne 3 – Who (fr): Ben");
    expect(label("staff", staff, "es")).toBe("Fila 1 – Role (es): lead (es) · Who (es): Ana / Fila 3 – Who (es): Ben");
    expect(label("contact", contact, "es")).toBe("Person (es): Ana · E-mail (es): ana@example.org");
    expect(label("contact", "stored as text", "en")).toBe("stored as text");
  });

  it("shows each part under its title on a page, rows with their cells, in each language", () => {
    const [section] = answersForDisplay(EVERY_PART, { plan, staff, contact }, "fr");
    expect(section?.items).toEqual([
      {
        title: "Plan (fr)",
        value: "",
        parts: [
          { title: "y2025 (fr)", value: "", parts: [{ title: "Funded (fr)", value: "Funded yes (fr)" }] },
          {
            title: "y2026 (fr)",
            value: "",
            parts: [
              { title: "Level (fr)", value: "high (fr)" },
              { title: "Funded (fr)", value: "Funded no (fr)" },
              { title: "Start (fr)", value: "2026-03-01" },
              { title: "Areas (fr)", value: "a2 (fr), a1 (fr)" },
            ],
          },
        ],
      },
      {
        title: "Staff (fr)",
        value: "",
        parts: [
          { title: "Ligne 1", value: "", parts: [{ title: "Role (fr)", value: "lead (fr)" }, { title: "Who (fr)", value: "Ana" }] },
          { title: "Ligne 3", value: "", parts: [{ title: "Who (fr)", value: "Ben" }] },
        ],
      },
      { title: "Contact (fr)", value: "", parts: [{ title: "Person (fr)", value: "Ana" }, { title: "E-mail (fr)", value: "ana@example.org" }] },
    ]);
    const [spanish] = answersForDisplay(EVERY_PART, { staff: [{ who: "Eva" }] }, "es");
    expect(spanish?.items).toEqual([{ title: "Staff (es)", value: "", parts: [{ title: "Fila 1", value: "", parts: [{ title: "Who (es)", value: "Eva" }] }] }]);
  });

  it("leaves out blank parts, and shows an answer not stored in parts as it is", () => {
    expect(answersForDisplay(EVERY_PART, { contact: { person: " " }, staff: [{}, { who: "" }] }, "en")).toEqual([]);
    const [section] = answersForDisplay(EVERY_PART, { plan: "old text" }, "en");
    expect(section?.items).toEqual([{ title: "Plan", value: "old text" }]);
  });
});
