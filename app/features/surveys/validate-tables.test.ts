import fc from "fast-check";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { PARTNER_COLUMNS, answersFor, choices, tx } from "#tests/survey-answers.ts";
import { checkSurveyFile } from "./file-check.ts";
import { compileSurveyModel, uncompiledProperties } from "./survey-model.ts";
import { MAX_TABLE_ROWS, validateAnswers, validateWithSurveyCore } from "./validate.ts";

/**
 * Answers to tables (matrix dropdown, dynamic matrix), multiple-text questions and expressions:
 * their shape is checked by the server (survey-core keeps an unknown row or column and a rating off
 * its scale, and drops a choice not offered, without a word), and on submission survey-core checks
 * them and computes the expressions. For answers of the right shape, the verdict is survey-core's.
 */

const BUDGET = {
  type: "matrixdropdown",
  name: "budget",
  title: tx("Budget", "Budget", "Presupuesto"),
  rows: [
    { value: "staff", text: tx("Staff", "Personnel", "Personal") },
    { value: "training", text: tx("Training", "Formation", "Formación") },
  ],
  columns: [
    { name: "start", title: tx("Start", "Début", "Inicio"), cellType: "text", inputType: "date" },
    { name: "amount", title: tx("Amount", "Montant", "Importe"), cellType: "text", inputType: "number" },
    { name: "sources", title: tx("Sources", "Sources", "Fuentes"), cellType: "checkbox", choices: choices("own", "donor") },
    { name: "priority", title: tx("Priority", "Priorité", "Prioridad"), cellType: "rating", rateMin: 1, rateMax: 3 },
    { name: "secured", title: tx("Secured", "Acquis", "Asegurado"), cellType: "boolean" },
    { name: "kind", title: tx("Kind", "Type", "Tipo"), cellType: "dropdown", choices: choices("cash", "kind"), showOtherItem: true },
    { name: "note", title: tx("Note", "Note", "Nota"), cellType: "comment", maxLength: 20 },
    { name: "doubled", title: tx("Doubled", "Doublé", "Doble"), cellType: "expression", expression: "{row.amount} * 2" },
  ],
};
const PARTNERS = {
  type: "matrixdynamic",
  name: "partners",
  title: tx("Partners", "Partenaires", "Socios"),
  rowCount: 0,
  maxRowCount: 3,
  columns: PARTNER_COLUMNS,
};
const CONTACT = {
  type: "multipletext",
  name: "contact",
  title: tx("Contact", "Coordonnées", "Contacto"),
  items: [
    { name: "staff", title: tx("Staff", "Personnel", "Personal"), inputType: "number", validators: [{ type: "numeric", minValue: 1 }] },
    { name: "email", title: tx("E-mail", "Courriel", "Correo"), inputType: "email", maxLength: 40, validators: [{ type: "email" }] },
  ],
};
const TOTAL = { type: "expression", name: "total", title: tx("Total", "Total", "Total"), expression: "{contact.staff} + 1" };
const MODE = { type: "radiogroup", name: "mode", title: tx("Mode", "Mode", "Modo"), choices: choices("a", "b"), showOtherItem: true };
const TOOLS = { type: "checkbox", name: "tools", title: tx("Tools", "Outils", "Herramientas"), choices: choices("x", "y"), showCommentArea: true };
const PLAIN = { type: "dropdown", name: "plain", title: tx("Plain", "Simple", "Simple"), choices: choices("p", "q") };

const DEFINITION = { pages: [{ name: "p", elements: [BUDGET, PARTNERS, CONTACT, TOTAL, MODE, TOOLS, PLAIN] }] };
const version = { id: "tables-and-boxes", definition: DEFINITION };

const draft = (answers: unknown, language: "en" | "fr" | "es" = "en") => validateAnswers(version, answers, { mode: "draft", language });
const submit = (answers: unknown, language: "en" | "fr" | "es" = "en") => validateAnswers(version, answers, { mode: "submit", language });
/** What survey-core makes of the answers: its verdict, and the data it keeps. */
function surveyCore(answers: Record<string, unknown>): { valid: boolean; data: Record<string, unknown> } {
  const model = new Model(DEFINITION);
  model.data = answers;
  return { valid: model.validate(true, false), data: model.data as Record<string, unknown> };
}

describe("tables, multiple-text questions and expressions", () => {
  it("leave to survey-core's check what the compiled rules do not cover: expressions, expression cells, other choices in cells", () => {
    const minimal = { pages: [{ name: "p", elements: [{ type: "matrixdropdown", name: "m", rows: ["r"], columns: [{ name: "c" }] }, { type: "expression", name: "e" }] }] };
    expect(uncompiledProperties(minimal)).toEqual(["page p › e: type expression"]);
    expect(uncompiledProperties(DEFINITION)).toEqual([
      "page p › budget › kind: showOtherItem",
      "page p › budget › doubled: cellType",
      "page p › budget › doubled: expression",
      "page p › total: type expression",
      "page p › total: expression",
    ]);
    expect(compileSurveyModel(DEFINITION).rulesComplete).toBe(false);
  });

  it("are accepted in an uploaded survey, and a column of files or of an unchecked type is refused", () => {
    expect(checkSurveyFile(DEFINITION).filter((finding) => finding.level === "error")).toEqual([]);
    const withFiles = { pages: [{ name: "p", elements: [{ ...BUDGET, columns: [...BUDGET.columns, { name: "scan", cellType: "file" }, { name: "share", cellType: "slider" }] }] }] };
    expect(checkSurveyFile(withFiles).filter((finding) => finding.level === "error")).toEqual([
      { level: "error", where: "budget › scan", message: "file questions upload files, which Consulta does not store: ask for a link in a text question instead" },
      { level: "error", where: "budget › share", message: "Consulta cannot check answers to “slider” questions yet" },
    ]);
  });

  const VALID = {
    budget: { staff: { start: "2018-10-04", amount: 12000, sources: ["own", "donor"], priority: 3, secured: true, kind: "other", "kind-Comment": "Secondment", note: "Two posts" }, training: { amount: "500" } },
    partners: [{ partner: "IOM", role: "lead" }, { partner: "UNHCR" }],
    contact: { staff: 3, email: "info@example.org" },
    mode: "other",
    "mode-Comment": "Both",
    tools: ["x"],
    "tools-Comment": "Only one",
  };

  it("accept a complete answer, checked by survey-core, keeping it as survey-core does (expressions computed, number cells as numbers)", () => {
    expect(surveyCore(VALID).valid).toBe(true);
    for (const language of LANGUAGES) {
      const result = submit(VALID, language);
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.data).toEqual({
        ...VALID,
        budget: { staff: { ...VALID.budget.staff, doubled: 24000 }, training: { amount: 500, doubled: 1000 } },
        total: 4,
      });
    }
  });

  it("keep survey-core's value of an expression, not the browser's, on submission; a draft keeps what was sent", () => {
    const stale = { ...VALID, total: 99, budget: { staff: { amount: 1, doubled: 5 } } };
    expect(draft(stale)).toEqual({ ok: true, problems: [], data: stale });
    const { data } = submit(stale);
    expect(data.total).toBe(4);
    expect(data.budget).toEqual({ staff: { amount: 1, doubled: 2 } });
    // With nothing to compute from, the expression is whatever survey-core makes of no answers.
    expect(submit({}).data).toEqual({ total: 1 });
  });

  it("keep a table as survey-core keeps it on submission: a cell's hidden choice and a hidden row are dropped", () => {
    const conditional = {
      id: "conditional-table",
      definition: {
        pages: [
          {
            name: "p",
            elements: [
              { type: "boolean", name: "abroad", title: tx("Abroad", "À l’étranger", "En el extranjero") },
              {
                ...BUDGET,
                rowsVisibleIf: "{item} <> 'training' or {abroad} = true",
                columns: [{ name: "kind", title: tx("Kind", "Type", "Tipo"), cellType: "dropdown", choices: choices("cash", "kind"), choicesVisibleIf: "{item} <> 'kind' or {abroad} = true" }],
              },
            ],
          },
        ],
      },
    };
    const answers = { abroad: false, budget: { staff: { kind: "cash" }, training: { kind: "cash" } } };
    // The draft keeps what was given: the conditions may yet change.
    expect(validateAnswers(conditional, answers, { mode: "draft", language: "en" }).data).toEqual(answers);
    expect(validateAnswers(conditional, answers, { mode: "submit", language: "en" }).data).toEqual({ abroad: false, budget: { staff: { kind: "cash" } } });
    expect(validateAnswers(conditional, { ...answers, abroad: true }, { mode: "submit", language: "en" }).data).toEqual({ ...answers, abroad: true });
    const hiddenChoice = { abroad: false, budget: { staff: { kind: "kind" } } };
    expect(validateAnswers(conditional, hiddenChoice, { mode: "submit", language: "en" })).toEqual({ ok: true, problems: [], data: { abroad: false } });
  });

  it("take the 'other' text and the comment area of questions and cells through `<name>-Comment`, and refuse one a question does not offer", () => {
    expect(draft({ mode: "other", "mode-Comment": "Both", tools: ["y"], "tools-Comment": "A note", budget: { staff: { kind: "other", "kind-Comment": "Loan" } } }).problems).toEqual([]);
    expect(draft({ "plain-Comment": "x" }).problems).toEqual([{ name: "plain-Comment", title: "plain-Comment", message: "This is not a question of this survey." }]);
    expect(draft({ budget: { staff: { "note-Comment": "x" } } }).problems).toEqual([{ name: "budget.staff.note-Comment", title: "Budget › Staff", message: "“note-Comment” is not a column of this table." }]);
    expect(draft({ "tools-Comment": 3 }).problems).toEqual([{ name: "tools-Comment", title: "Tools", message: "This answer is not of the expected kind." }]);
    expect(draft({ budget: { staff: { "kind-Comment": "x".repeat(2_001) } } }).problems).toEqual([{ name: "budget.staff.kind-Comment", title: "Budget › Staff › Kind", message: "This answer is too long: the limit is 2,000 characters." }]);
    // The older names of the same properties (hasOther, hasComment), as older form builders write them.
    const legacy = {
      id: "legacy-comments",
      definition: { pages: [{ name: "p", elements: [{ ...MODE, showOtherItem: undefined, hasOther: true }, { ...TOOLS, showCommentArea: undefined, hasComment: true }, PLAIN] }] },
    };
    const answers = { mode: "other", "mode-Comment": "Both", tools: ["x"], "tools-Comment": "A note" };
    expect(validateAnswers(legacy, answers, { mode: "submit", language: "en" })).toEqual({ ok: true, problems: [], data: answers });
    expect(validateAnswers(legacy, { "plain-Comment": "x" }, { mode: "draft", language: "en" }).ok).toBe(false);
  });

  // Each: the answers, the problem, and what survey-core does with them left to itself: accepts
  // them and keeps the wrong part, or changes it without a word (drops a choice not offered,
  // recomputes an expression, drops a table given as a list), or refuses them, or fails. The
  // server refuses them all, on drafts too, with a message that says what is wrong.
  const cases: [string, "keeps" | "changes" | "refuses" | "throws", Record<string, unknown>, { name: string; title: string; message: string }][] = [
    ["a row the table does not have", "keeps", { budget: { bonus: { amount: 1 } } }, { name: "budget", title: "Budget", message: "“bonus” is not a row of this table." }],
    ["a column the table does not have", "keeps", { budget: { staff: { salary: 1 } } }, { name: "budget.staff.salary", title: "Budget › Staff", message: "“salary” is not a column of this table." }],
    ["a row that is not an object", "throws", { budget: { staff: "all" } }, { name: "budget.staff", title: "Budget › Staff", message: "This answer is not of the expected kind." }],
    ["a table given as a list", "changes", { budget: [{ amount: 1 }] }, { name: "budget", title: "Budget", message: "This answer is not of the expected kind." }],
    ["a choice a dropdown cell does not offer", "changes", { budget: { staff: { kind: "loan" } } }, { name: "budget.staff.kind", title: "Budget › Staff › Kind", message: "“loan” is not one of the options offered." }],
    ["a choice a checkbox cell does not offer", "changes", { budget: { staff: { sources: ["own", "bank"] } } }, { name: "budget.staff.sources", title: "Budget › Staff › Sources", message: "“bank” is not one of the options offered." }],
    ["a checkbox cell given one choice as text", "changes", { budget: { staff: { sources: "own" } } }, { name: "budget.staff.sources", title: "Budget › Staff › Sources", message: "This answer is not of the expected kind." }],
    ["a rating cell off its scale", "keeps", { budget: { staff: { priority: 9 } } }, { name: "budget.staff.priority", title: "Budget › Staff › Priority", message: "This rating is outside the scale." }],
    ["a boolean cell given as text", "keeps", { budget: { staff: { secured: "yes" } } }, { name: "budget.staff.secured", title: "Budget › Staff › Secured", message: "This answer is not of the expected kind." }],
    ["a date cell that is no date", "keeps", { budget: { staff: { start: "04/10/2018" } } }, { name: "budget.staff.start", title: "Budget › Staff › Start", message: "This answer should look like 2018-10-04." }],
    ["a number cell that is no number", "changes", { budget: { staff: { amount: "a lot" } } }, { name: "budget.staff.amount", title: "Budget › Staff › Amount", message: "Give a number." }],
    ["a comment cell over its limit", "keeps", { budget: { staff: { note: "x".repeat(21) } } }, { name: "budget.staff.note", title: "Budget › Staff › Note", message: "This answer is too long: the limit is 20 characters." }],
    ["an expression cell given as an object", "changes", { budget: { staff: { doubled: { x: 1 } } } }, { name: "budget.staff.doubled", title: "Budget › Staff › Doubled", message: "This answer is not of the expected kind." }],
    ["more rows than the dynamic table allows", "keeps", { partners: [{ partner: "A" }, { partner: "B" }, { partner: "C" }, { partner: "D" }] }, { name: "partners", title: "Partners", message: "Too many rows: the limit is 3." }],
    ["a dynamic table's row that is not an object", "refuses", { partners: [{ partner: "A" }, "B"] }, { name: "partners", title: "Partners", message: "This answer is not of the expected kind." }],
    ["a column a dynamic table does not have", "keeps", { partners: [{ partner: "A" }, { partner: "B", since: 2018 }] }, { name: "partners[1].since", title: "Partners › Row 2", message: "“since” is not a column of this table." }],
    ["a choice a dynamic table's cell does not offer", "changes", { partners: [{ partner: "A", role: "donor" }] }, { name: "partners[0].role", title: "Partners › Row 1 › Role", message: "“donor” is not one of the options offered." }],
    ["a box the question does not have", "keeps", { contact: { staff: 2, fax: "022" } }, { name: "contact.fax", title: "Contact", message: "“fax” is not one of this question’s boxes." }],
    ["a number box that is no number", "refuses", { contact: { staff: "three" } }, { name: "contact.staff", title: "Contact › Staff", message: "Give a number." }],
    ["an e-mail box over its limit", "keeps", { contact: { email: `${"x".repeat(40)}@example.org` } }, { name: "contact.email", title: "Contact › E-mail", message: "This answer is too long: the limit is 40 characters." }],
    ["a multiple-text answer given as text", "keeps", { contact: "info@example.org" }, { name: "contact", title: "Contact", message: "This answer is not of the expected kind." }],
    ["an expression given as a list", "changes", { total: [1, 2] }, { name: "total", title: "Total", message: "This answer is not of the expected kind." }],
  ];

  it.each(cases)("refuse %s (survey-core %s it)", (_label, left, answers, problem) => {
    expect(draft(answers).problems).toEqual([problem]);
    const submitted = submit(answers);
    expect(submitted).toEqual({ ok: false, problems: [problem], data: answers });
    // What survey-core does with these answers on its own, for the record.
    if (left === "throws") return void expect(() => surveyCore(answers)).toThrow();
    const alone = surveyCore(answers);
    if (left === "refuses") expect(alone.valid).toBe(false);
    else {
      expect(alone.valid).toBe(true);
      const [key] = Object.keys(answers) as [string];
      // survey-core adds its expression cells to every row: what was given is kept within.
      const keeps = typeof answers[key] === "object" ? () => expect(alone.data[key]).toMatchObject(answers[key] as object) : () => expect(alone.data[key]).toEqual(answers[key]);
      if (left === "keeps") keeps();
      else expect(keeps).toThrow();
    }
  });

  it("say what is wrong in the reader's language, naming the row and the column", () => {
    expect(draft({ budget: { staff: { kind: "loan" } } }, "fr").problems).toEqual([{ name: "budget.staff.kind", title: "Budget › Personnel › Type", message: "«\u202floan\u202f» ne fait pas partie des options proposées." }]);
    expect(draft({ partners: [{ partner: "A", since: 1 }] }, "es").problems).toEqual([{ name: "partners[0].since", title: "Socios › Fila 1", message: "«since» no es una columna de este cuadro." }]);
    expect(draft({ contact: { fax: "1" } }, "fr").problems[0]?.message).toBe("«\u202ffax\u202f» n’est pas l’une des cases de cette question.");
  });

  it("cap a dynamic table's rows where the survey sets no limit", () => {
    const open = { id: "open-table", definition: { pages: [{ name: "p", elements: [{ ...PARTNERS, maxRowCount: undefined }] }] } };
    const rows = (count: number) => ({ partners: Array.from({ length: count }, () => ({ partner: "A" })) });
    expect(validateAnswers(open, rows(MAX_TABLE_ROWS), { mode: "draft", language: "en" }).ok).toBe(true);
    expect(validateAnswers(open, rows(MAX_TABLE_ROWS + 1), { mode: "draft", language: "en" }).problems).toEqual([{ name: "partners", title: "Partners", message: "Too many rows: the limit is 1,000." }]);
  });

  it("check a table's detail panel as part of its rows", () => {
    const detailed = {
      id: "detailed-table",
      definition: { pages: [{ name: "p", elements: [{ ...BUDGET, detailPanelMode: "underRow", detailElements: [{ type: "text", name: "venue", title: tx("Venue", "Lieu", "Lugar"), maxLength: 5 }] }] }] },
    };
    expect(validateAnswers(detailed, { budget: { staff: { amount: 1, venue: "Rome" } } }, { mode: "submit", language: "en" }).ok).toBe(true);
    expect(validateAnswers(detailed, { budget: { staff: { venue: "Geneva" } } }, { mode: "draft", language: "en" }).problems).toEqual([
      { name: "budget.staff.venue", title: "Budget › Staff › Venue", message: "This answer is too long: the limit is 5 characters." },
    ]);
  });

  it("give survey-core's verdict for any answers of the right shape, which the shape check accepts", async () => {
    const answers = answersFor(new Model(DEFINITION).getAllQuestions(false, false, false));
    await fc.assert(
      fc.asyncProperty(answers, fc.constantFrom(...LANGUAGES), async (given, language) => {
        // Let the test runner's messages through between survey-core's models.
        await new Promise((resolve) => setImmediate(resolve));
        expect(validateAnswers(version, given, { mode: "draft", language }).problems).toEqual([]);
        const reference = validateWithSurveyCore(version, given, language);
        const result = validateAnswers(version, given, { mode: "submit", language });
        expect(result).toEqual({ ok: reference.problems.length === 0, problems: reference.problems, data: reference.shown });
        expect(result.ok).toBe(surveyCore(given).valid);
      }),
      // Two survey-core models per case (~0.25 s on a busy 2-core machine).
      { numRuns: 100, seed: Number(process.env.FUZZ_SEED ?? 20181010) },
    );
  }, 120_000);
});
