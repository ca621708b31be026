import fc from "fast-check";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { definitionHash, listSurveySlugs, readSurveyFile, resolveTaxonomies } from "./definitions.ts";
import { applyRules } from "./rules.ts";
import { compileSurveyModel, uncompiledProperties } from "./survey-model.ts";
import { validateAnswers, validateWithSurveyCore } from "./validate.ts";
import { EVERY_FEATURE, answersFor, choices, tx } from "#tests/survey-answers.ts";

/**
 * The compiled rules must say exactly what survey-core says: the same problems (question, title,
 * message, order) in every language, and the same answers kept, for any answers of the right
 * shape. Checked on the shipped surveys and on a definition that uses every compiled feature.
 */

const SURVEY_SLUGS = new Set(listSurveySlugs());
const SURVEYS = [
  ...listSurveySlugs().map((slug) => ({ name: slug, definition: resolveTaxonomies(readSurveyFile(slug)) as object })),
  { name: "every compiled feature", definition: EVERY_FEATURE },
  {
    name: "input types",
    definition: {
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "mail", title: "E-mail", inputType: "email", isRequired: true },
            { type: "text", name: "other_mail", inputType: "email" },
            { type: "text", name: "staff", inputType: "number" },
            { type: "text", name: "phone", inputType: "tel", isRequired: true },
            { type: "text", name: "site", inputType: "url" },
            { type: "paneldynamic", name: "contacts", templateElements: [{ type: "text", name: "address", inputType: "email", isRequired: true }] },
            { type: "text", name: "shade", inputType: "color" },
          ],
        },
      ],
    },
  },
  {
    // "Other" under its older name and comment areas, as older form builders write them (never
    // both on one question: the file check refuses that, see file-check.ts).
    name: "other choices and comments",
    definition: {
      pages: [
        {
          name: "p",
          elements: [
            { type: "radiogroup", name: "role", title: tx("Role"), choices: choices("a", "b"), hasOther: true, isRequired: true, otherText: tx("Another") },
            { type: "checkbox", name: "areas", choices: choices("x", "y"), hasOther: true, otherPlaceholder: tx("Which?"), otherErrorText: tx("Which other?") },
            { type: "checkbox", name: "tools", choices: choices("x", "y"), showCommentArea: true, commentText: tx("Notes"), minSelectedChoices: 1 },
            { type: "dropdown", name: "size", choices: choices("s", "m"), showCommentArea: true, isRequired: true, commentPlaceholder: tx("Explain") },
            { type: "rating", name: "score", rateMax: 3, hasComment: true },
            { type: "boolean", name: "agree", showCommentArea: true, isRequired: true },
            { type: "text", name: "detail", visibleIf: "{role} = 'other'", isRequired: true },
          ],
        },
      ],
    },
  },
  {
    // Multiple texts: boxes required or not, of any compiled input type (a date box keeps
    // survey-core's maximum), the question required as a whole, inside a dynamic panel too.
    name: "multiple texts",
    definition: {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "multipletext",
              name: "contact",
              title: tx("Contact"),
              isRequired: true,
              colCount: 2,
              itemErrorLocation: "bottom",
              items: [
                { name: "person", title: tx("Person"), isRequired: true, requiredErrorText: tx("Who?", "Qui ?", "¿Quién?") },
                { name: "mail", title: tx("E-mail"), inputType: "email" },
                { name: "staff", inputType: "number", isRequired: true },
                { name: "since", title: tx("Since"), inputType: "date", maxLength: 10 },
              ],
            },
            { type: "multipletext", name: "optional", items: [{ name: "a", title: tx("A") }, { name: "b", title: tx("B"), isRequired: true }] },
            { type: "multipletext", name: "shown", visibleIf: "{optional} notempty", isRequired: true, items: [{ name: "c" }] },
            { type: "paneldynamic", name: "offices", templateElements: [{ type: "multipletext", name: "address", title: tx("Address"), items: [{ name: "city", isRequired: true }, { name: "phone", inputType: "tel" }] }] },
          ],
        },
      ],
    },
  },
  {
    // Validators of every compiled kind, with survey-core's texts and the survey's own, on the
    // questions form builders put them on; an expression's reads other answers, or its panel's.
    name: "validators",
    definition: {
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "age", title: tx("Age"), validators: [{ type: "numeric", minValue: 18, maxValue: 99 }] },
            { type: "text", name: "staff", inputType: "number", isRequired: true, validators: [{ type: "numeric", minValue: 1, text: tx("At least one", "Au moins un", "Al menos uno") }, { type: "expression", expression: "{staff} < {age} or {age} empty" }] },
            { type: "text", name: "code", validators: [{ type: "text", minLength: 2, maxLength: 6, allowDigits: false }] },
            { type: "comment", name: "story", validators: [{ type: "text", maxLength: 8 }, { type: "text", minLength: 3, text: tx("Say more") }] },
            { type: "text", name: "mail", inputType: "email", validators: [{ type: "email", text: tx("An address, please") }] },
            { type: "text", name: "plain_mail", validators: [{ type: "email" }] },
            { type: "checkbox", name: "areas", title: tx("Areas"), choices: choices("a", "b", "c", "d"), minSelectedChoices: 1, validators: [{ type: "answercount", minCount: 2, maxCount: 3 }] },
            { type: "checkbox", name: "tools", choices: choices("x", "y", "z"), validators: [{ type: "answercount", maxCount: 1, text: tx("One only") }, { type: "expression", expression: "{tools} notcontains 'z' or {areas} contains 'a'", text: tx("z needs a") }] },
            { type: "radiogroup", name: "mode", choices: choices("m1", "m2"), validators: [{ type: "expression", expression: "{mode} <> 'm2' or {code} notempty" }] },
            { type: "multipletext", name: "contact", items: [{ name: "count", title: tx("Count"), validators: [{ type: "numeric", maxValue: 10 }] }, { name: "address", validators: [{ type: "email" }], isRequired: true }] },
            {
              type: "paneldynamic",
              name: "offers",
              templateElements: [
                { type: "text", name: "amount", inputType: "number", validators: [{ type: "numeric", minValue: 0 }, { type: "expression", expression: "{panel.amount} <= 100 or {panel.kind} = 'loan'", text: tx("Grants up to 100") }] },
                { type: "dropdown", name: "kind", choices: choices("grant", "loan"), isRequired: true },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // Required on a condition, enabled on a condition, read-only, hidden for good; a rating of so
    // many points; default values (the browser sends them as answers) and hidden answers kept by
    // SurveyJS (the server drops them, on either path).
    name: "conditional questions",
    definition: {
      clearInvisibleValues: "none",
      pages: [
        {
          name: "p",
          elements: [
            { type: "radiogroup", name: "kind", title: tx("Kind"), choices: choices("state", "ngo") },
            { type: "text", name: "ministry", title: tx("Ministry"), requiredIf: "{kind} = 'state'", validators: [{ type: "text", minLength: 3 }] },
            { type: "text", name: "since", isRequired: true, requiredIf: "{kind} = 'ngo'", inputType: "number", min: 1900 },
            { type: "checkbox", name: "areas", choices: choices("a", "b"), isRequired: true, enableIf: "{kind} notempty", minSelectedChoices: 2 },
            { type: "text", name: "fixed", readOnly: true, isRequired: true, inputType: "email" },
            { type: "comment", name: "secret", visible: false, isRequired: true },
            { type: "dropdown", name: "region", choices: choices("africa", "americas"), defaultValue: "africa", isRequired: true },
            { type: "text", name: "year", inputType: "number", defaultValue: 2018, isRequired: true, validators: [{ type: "numeric", minValue: 2000 }] },
            { type: "text", name: "shown_anyway", visible: false, visibleIf: "{kind} = 'ngo'", isRequired: true },
            { type: "rating", name: "score", rateCount: 4, isRequired: true, requiredIf: "{areas} contains 'a'" },
            { type: "panel", name: "hidden_box", visible: false, elements: [{ type: "text", name: "inner", isRequired: true }] },
            { type: "paneldynamic", name: "offices", templateElements: [{ type: "dropdown", name: "city", choices: choices("c1", "c2") }, { type: "text", name: "phone", requiredIf: "{panel.city} = 'c2'", enableIf: "{panel.city} notempty" }] },
          ],
        },
        { name: "later", visible: false, elements: [{ type: "boolean", name: "never", isRequired: true }] },
      ],
    },
  },
  {
    // Tables with cells of every compiled type: required columns, choices of the table or the
    // column's, number and date cells with limits, validators; fixed rows and rows added.
    name: "tables",
    definition: {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "matrixdropdown",
              name: "budget",
              title: tx("Budget"),
              rows: choices("staff", "travel"),
              choices: choices("low", "high"),
              columns: [
                { name: "level", title: tx("Level"), isRequired: true },
                { name: "amount", title: tx("Amount"), cellType: "text", inputType: "number", min: 0, validators: [{ type: "numeric", maxValue: 1000 }] },
                { name: "kinds", cellType: "checkbox", choices: choices("k1", "k2", "k3"), minSelectedChoices: 2 },
                { name: "ok", cellType: "boolean" },
                { name: "note", cellType: "comment", validators: [{ type: "text", maxLength: 5 }] },
              ],
            },
            {
              type: "matrixdynamic",
              name: "partners",
              title: tx("Partners"),
              isRequired: true,
              rowCount: 1,
              minRowCount: 1,
              maxRowCount: 4,
              addRowText: tx("Add a partner"),
              columns: [
                { name: "partner", cellType: "text", isRequired: true, requiredErrorText: tx("Who?") },
                { name: "since", cellType: "text", inputType: "date", min: "2018-01-01" },
                { name: "score", cellType: "rating", rateMax: 3 },
                { name: "role", cellType: "radiogroup", choices: choices("lead", "member") },
              ],
            },
            { type: "matrixdynamic", name: "optional_rows", cellType: "text", columns: [{ name: "what", isRequired: true }] },
            { type: "matrixdropdown", name: "required_grid", isRequired: true, rows: choices("r1"), columns: [{ name: "c", cellType: "text" }] },
          ],
        },
      ],
    },
  },
  {
    // Grids with every row required (under both names) and rows that must differ; questions at
    // the root, as a one-page survey from a form builder has them.
    name: "grids at the root",
    definition: {
      elements: [
        { type: "matrix", name: "ratings", title: tx("Ratings"), rows: choices("r1", "r2", "r3"), columns: choices("c1", "c2", "c3"), isAllRowRequired: true },
        { type: "matrix", name: "ranks", rows: choices("s1", "s2"), columns: choices("first", "second"), eachRowRequired: true, eachRowUnique: true, isRequired: true },
        { type: "matrix", name: "free", rows: choices("f1", "f2"), columns: choices("x", "y"), eachRowUnique: true, visibleIf: "{ratings} notempty" },
      ],
    },
  },
  {
    // Limits as form builders set them: numbers and number texts (compared as JavaScript compares
    // them, as survey-core does), dates with survey-core's own maximum, times, months, steps.
    name: "input limits",
    definition: {
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "staff", title: tx("Staff"), inputType: "number", min: 0, max: 10, isRequired: true },
            { type: "text", name: "share", inputType: "number", min: "0", max: "10", step: 0.5, stepErrorText: tx("Halves only", "Des moitiés", "Mitades") },
            { type: "text", name: "tenths", inputType: "number", step: 0.1, minErrorText: tx("Too few") },
            { type: "text", name: "since", title: tx("Since"), inputType: "date", min: "2018-01-01", minErrorText: tx("Not before {0}", "Pas avant {0}", "No antes de {0}") },
            { type: "text", name: "when", inputType: "date" },
            { type: "text", name: "at", inputType: "datetime-local", min: "2018-01-01", max: "2999-01-01" },
            { type: "text", name: "open", inputType: "time", min: "09:00", max: "17:30" },
            { type: "text", name: "month", inputType: "month", min: "2018-01", maxErrorText: tx("Too late") },
            { type: "text", name: "week", inputType: "week", max: "2018-W52" },
            { type: "text", name: "level", inputType: "range", min: 0, max: 100 },
            { type: "paneldynamic", name: "visits", templateElements: [{ type: "text", name: "day", inputType: "date", max: "2018-12-31", isRequired: true }] },
          ],
        },
      ],
    },
  },
];

describe("compiled survey rules", () => {
  it.each(SURVEYS)("compile for $name", ({ definition }) => {
    expect(uncompiledProperties(definition)).toEqual([]);
    expect(compileSurveyModel(definition).rulesComplete).toBe(true);
  });

  it("leave to survey-core what they do not cover", () => {
    const definition = { pages: [{ name: "p", elements: [{ type: "text", name: "email", validators: [{ type: "regex", regex: "^a+$" }], requiredIf: "{a} = 1" }] }] };
    // A condition may read only the survey's questions ({a} is none).
    expect(uncompiledProperties(definition)).toEqual(["page p › email: validators", 'page p › email: requiredIf "{a} = 1"']);
    // Regular expressions, warnings, functions and what a box's expression reads stay survey-core's.
    const validators = [
      { type: "text", name: "a", validators: [{ type: "numeric", notificationType: "warning" }] },
      { type: "text", name: "b", validators: [{ type: "expression", expression: "age({a}) > 18" }] },
      { type: "text", name: "c", validators: [{ type: "numeric", minValue: 1 }, { type: "email", minValue: 2 }] },
      { type: "multipletext", name: "d", items: [{ name: "e", validators: [{ type: "expression", expression: "{a} > 1" }] }] },
    ];
    expect(uncompiledProperties({ pages: [{ name: "p", elements: validators }] })).toEqual(["page p › a: validators", "page p › b: validators", "page p › c: validators", "page p › d › e: validators"]);
    // Limits given as expressions are survey-core's to compute; a mask changes what is kept.
    const inputs = [
      { type: "text", name: "d", inputType: "date", minValueExpression: "today()" },
      { type: "text", name: "n", inputType: "number", min: 0 },
      { type: "text", name: "m", maskType: "numeric" },
      { type: "text", name: "x", min: { value: 1 } },
    ];
    expect(uncompiledProperties({ pages: [{ name: "p", elements: inputs }] })).toEqual(["page p › d: minValueExpression", "page p › m: maskType", "page p › x: min"]);
    expect(compileSurveyModel(definition).rulesComplete).toBe(false);
    const withFunction = { pages: [{ name: "p", elements: [{ type: "text", name: "a", visibleIf: "age({b}) > 18" }] }] };
    expect(uncompiledProperties(withFunction)).toEqual(['page p › a: visibleIf "age({b}) > 18"']);
    const outside = { pages: [{ name: "p", elements: [{ type: "paneldynamic", name: "d", templateElements: [{ type: "text", name: "a", visibleIf: "{b} = 1" }] }] }] };
    expect(uncompiledProperties(outside)).toEqual(['page p › d › a: visibleIf "{b} = 1"']);
    // Layout is no rule; a read-only dynamic panel (whose questions take its state) or a survey in display mode may change a verdict.
    expect(uncompiledProperties({ logoPosition: "right", width: "900px", pages: [{ name: "p", navigationTitle: "Start", elements: [{ type: "paneldynamic", name: "a", width: "50%", readOnly: true }] }] })).toEqual(["page p › a: readOnly"]);
    expect(uncompiledProperties({ mode: "display", pages: [] })).toEqual(["survey: mode"]);
    // A hidden choice given with an "other" choice becomes the other's text; a condition reading
    // the question would see it without its hidden choices: both are survey-core's to check.
    const hiding = { type: "radiogroup", name: "a", choices: ["x", "y"], choicesVisibleIf: "{item} <> 'y'" };
    expect(uncompiledProperties({ pages: [{ name: "p", elements: [hiding] }] })).toEqual([]);
    expect(uncompiledProperties({ pages: [{ name: "p", elements: [{ ...hiding, showOtherItem: true }] }] })).toEqual([`page p › a: choicesVisibleIf "{item} <> 'y'"`]);
    expect(uncompiledProperties({ pages: [{ name: "p", elements: [hiding, { type: "text", name: "b", visibleIf: "{a} = 'y'" }] }] })).toEqual([`page p › a: choicesVisibleIf "{item} <> 'y'"`]);
    expect(uncompiledProperties({ pages: [{ name: "p", elements: [{ ...hiding, choicesVisibleIf: "{item} <> {other.name}" }] }] })).toEqual([`page p › a: choicesVisibleIf "{item} <> {other.name}"`]);
  });

  it.each(SURVEYS)("say what survey-core says, for $name", async ({ name, definition }) => {
    const version = { id: `rules-${definitionHash(definition)}`, definition };
    const model = new Model(definition);
    const rules = compileSurveyModel(definition);
    const answers = answersFor(model.getAllQuestions(false, false, false));
    await fc.assert(
      fc.asyncProperty(answers, fc.constantFrom(...LANGUAGES), async (given, language) => {
        // A minute of survey-core work in all: the test runner's messages must get through
        // (a worker silent that long fails the run with "Timeout calling onTaskUpdate").
        await new Promise((resolve) => setImmediate(resolve));
        // Only answers of the right shape reach these rules.
        fc.pre(validateAnswers(version, given, { mode: "draft", language }).ok);
        const reference = validateWithSurveyCore(version, given, language);
        const compiled = applyRules(rules, given, language);
        expect(compiled.problems).toEqual(reference.problems);
        expect(compiled.shown).toEqual(reference.shown);
      }),
      // survey-core builds a model per check (~45 ms for the shipped surveys): fewer cases there.
      { numRuns: SURVEY_SLUGS.has(name) ? 60 : 300, seed: Number(process.env.FUZZ_SEED ?? 20181010) },
    );
    // A model per case makes this the slowest property of the suite (20 s alone on a busy 2-core
    // machine): its time says nothing, so it gets room rather than fewer cases.
  }, 120_000);
});
