import fc from "fast-check";
import { Model, type Question, type QuestionPanelDynamicModel } from "survey-core";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { definitionHash, listSurveySlugs, readSurveyFile, resolveTaxonomies } from "./definitions.ts";
import { applyRules } from "./rules.ts";
import { compileSurveyModel, uncompiledProperties } from "./survey-model.ts";
import { validateAnswers, validateWithSurveyCore } from "./validate.ts";

/**
 * The compiled rules must say exactly what survey-core says: the same problems (question, title,
 * message, order) in every language, and the same answers kept, for any answers of the right
 * shape. Checked on the shipped surveys and on a definition that uses every compiled feature.
 */

const tx = (en: string, fr = `${en} (fr)`, es = `${en} (es)`) => ({ default: en, fr, es });
const choices = (...values: string[]) => values.map((value) => ({ value, text: tx(value) }));

const EVERY_FEATURE = {
  pages: [
    {
      name: "first",
      elements: [
        { type: "text", name: "name", title: tx("Name"), isRequired: true, requiredErrorText: tx("Give a name", "Donnez un nom", "Dé un nombre") },
        { type: "radiogroup", name: "mode", title: tx("Mode"), choices: choices("a", "b"), showOtherItem: true, isRequired: true },
        { type: "checkbox", name: "tools", title: tx("Tools"), choices: choices("x", "y", "z"), showNoneItem: true, minSelectedChoices: 2 },
        { type: "checkbox", name: "extras", title: tx("Extras"), choices: choices("p", "q"), showOtherItem: true, otherErrorText: tx("Say which", "Dites lequel", "Diga cuál") },
        { type: "boolean", name: "agree", title: tx("Agree"), isRequired: true },
        { type: "matrix", name: "grid", title: tx("Grid"), rows: choices("r1", "r2"), columns: choices("c1", "c2"), isRequired: true, visibleIf: "{mode} = 'b'" },
        {
          type: "panel",
          name: "box",
          visibleIf: "{agree} = true",
          elements: [
            { type: "comment", name: "why", title: tx("Why"), isRequired: true },
            { type: "rating", name: "score", title: tx("Score"), rateMin: 1, rateMax: 3, isRequired: true, visibleIf: "{tools} contains 'y'" },
          ],
        },
      ],
    },
    {
      name: "second",
      visibleIf: "{name} notempty",
      elements: [
        {
          type: "paneldynamic",
          name: "items",
          title: tx("Items"),
          minPanelCount: 1,
          maxPanelCount: 3,
          panelCount: 2,
          keyName: "code",
          keyDuplicationError: tx("Codes repeat", "Codes répétés", "Códigos repetidos"),
          isRequired: true,
          templateElements: [
            { type: "dropdown", name: "code", title: tx("Code"), choices: choices("k1", "k2"), isRequired: true },
            { type: "text", name: "note", title: tx("Note"), isRequired: true, visibleIf: "{panel.code} = 'k2'" },
            { type: "checkbox", name: "tags", title: tx("Tags"), choices: choices("t1", "t2"), minSelectedChoices: 1 },
          ],
        },
        { type: "paneldynamic", name: "optional", title: tx("Optional"), maxPanelCount: 2, templateElements: [{ type: "text", name: "what", title: tx("What"), isRequired: true }] },
      ],
    },
  ],
};

type Json = Record<string, unknown>;

/** Answers of the right shape (any subset of questions), with empty and blank values often. */
function answersFor(questions: Question[]): fc.Arbitrary<Json> {
  const entries = questions.filter((question) => question.getType() !== "html").map((question) => [question.name, valueFor(question)] as const);
  const comments = questions.filter((question) => question.hasOther).map((question) => [`${question.name}-Comment`, fc.constantFrom("", " ", "something")] as const);
  return fc.record(Object.fromEntries([...entries, ...comments]), { requiredKeys: [], noNullPrototype: true }) as fc.Arbitrary<Json>;
}

function choiceValues(question: Question): string[] {
  const values = ((question as unknown as { choices: { value: unknown }[] }).choices ?? []).map((choice) => String(choice.value)).slice(0, 4);
  if (question.hasOther) values.push("other");
  if ((question as unknown as { showNoneItem?: boolean }).showNoneItem) values.push("none");
  return values;
}

function valueFor(question: Question): fc.Arbitrary<unknown> {
  const text = fc.constantFrom("", " ", "\t", "an answer", "0");
  switch (question.getType()) {
    case "text":
      return fc.oneof(text, fc.constantFrom(0, 7));
    case "comment":
      return text;
    case "radiogroup":
    case "dropdown":
      return fc.constantFrom(...choiceValues(question));
    case "checkbox":
    case "tagbox": {
      const max = (question as unknown as { maxSelectedChoices?: number }).maxSelectedChoices || 4;
      return fc.uniqueArray(fc.constantFrom(...choiceValues(question)), { maxLength: max });
    }
    case "rating": {
      const rating = question as unknown as { rateMin: number; rateMax: number };
      return fc.integer({ min: rating.rateMin, max: rating.rateMax });
    }
    case "boolean":
      return fc.boolean();
    case "matrix": {
      const matrix = question as unknown as { rows: { value: unknown }[]; columns: { value: unknown }[] };
      const columns = matrix.columns.map((column) => String(column.value));
      return fc.record(Object.fromEntries(matrix.rows.slice(0, 4).map((row) => [String(row.value), fc.constantFrom(...columns)])), { requiredKeys: [], noNullPrototype: true });
    }
    case "paneldynamic": {
      const dynamic = question as QuestionPanelDynamicModel;
      return fc.array(answersFor(dynamic.template.questions as Question[]), { maxLength: dynamic.maxPanelCount || 3 });
    }
    default:
      return fc.constant(undefined);
  }
}

const SURVEYS = [
  ...listSurveySlugs().map((slug) => ({ name: slug, definition: resolveTaxonomies(readSurveyFile(slug)) as object })),
  { name: "every compiled feature", definition: EVERY_FEATURE },
];

describe("compiled survey rules", () => {
  it.each(SURVEYS)("compile for $name", ({ definition }) => {
    expect(uncompiledProperties(definition)).toEqual([]);
    expect(compileSurveyModel(definition).rulesComplete).toBe(true);
  });

  it("leave to survey-core what they do not cover", () => {
    const definition = { pages: [{ name: "p", elements: [{ type: "text", name: "email", validators: [{ type: "email" }], requiredIf: "{a} = 1" }] }] };
    expect(uncompiledProperties(definition)).toEqual(["page p › email: validators", "page p › email: requiredIf"]);
    expect(compileSurveyModel(definition).rulesComplete).toBe(false);
    const withFunction = { pages: [{ name: "p", elements: [{ type: "text", name: "a", visibleIf: "age({b}) > 18" }] }] };
    expect(uncompiledProperties(withFunction)).toEqual(['page p › a: visibleIf "age({b}) > 18"']);
    const outside = { pages: [{ name: "p", elements: [{ type: "paneldynamic", name: "d", templateElements: [{ type: "text", name: "a", visibleIf: "{b} = 1" }] }] }] };
    expect(uncompiledProperties(outside)).toEqual(['page p › d › a: visibleIf "{b} = 1"']);
  });

  it.each(SURVEYS)("say what survey-core says, for $name", ({ name, definition }) => {
    const version = { id: `rules-${definitionHash(definition)}`, definition };
    const model = new Model(definition);
    const rules = compileSurveyModel(definition);
    const answers = answersFor(model.getAllQuestions(false, false, false));
    fc.assert(
      fc.property(answers, fc.constantFrom(...LANGUAGES), (given, language) => {
        // Only answers of the right shape reach these rules.
        fc.pre(validateAnswers(version, given, { mode: "draft", language }).ok);
        const reference = validateWithSurveyCore(version, given, language);
        const compiled = applyRules(rules, given, language);
        expect(compiled.problems).toEqual(reference.problems);
        expect(compiled.shown).toEqual(reference.shown);
      }),
      // survey-core builds a model per check (~45 ms for the larger surveys): fewer cases there.
      { numRuns: name === "every compiled feature" ? 300 : 60, seed: Number(process.env.FUZZ_SEED ?? 20181010) },
    );
    // A model per case makes this the slowest property of the suite (20 s alone on a busy 2-core
    // machine): its time says nothing, so it gets room rather than fewer cases.
  }, 120_000);
});
