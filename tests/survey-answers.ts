import fc from "fast-check";
import {
  Model,
  type MatrixDropdownCell,
  type MatrixDropdownRowModelBase,
  type PanelModel,
  type Question,
  type QuestionMatrixDropdownModelBase,
  type QuestionMatrixDynamicModel,
  type QuestionMultipleTextModel,
  type QuestionPanelDynamicModel,
  type QuestionRankingModel,
} from "survey-core";
import type { DisplayItem, DisplaySection } from "#app/features/surveys/display.ts";
import "#app/features/surveys/localization.ts";
import { translator } from "#app/i18n/i18n.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";

/**
 * Random answers of the right shape for any survey, and a definition that uses every rule the
 * compiled survey model covers, and survey-core's own reading of answers: for the tests and the
 * bench that compare the model with survey-core.
 */

export const tx = (en: string, fr = `${en} (fr)`, es = `${en} (es)`) => ({ default: en, fr, es });
export const choices = (...values: string[]) => values.map((value) => ({ value, text: tx(value) }));

/** A dynamic table's columns as the table tests ask them: a required partner, and a role among two. */
export const PARTNER_COLUMNS = [
  { name: "partner", title: tx("Partner", "Partenaire", "Socio"), cellType: "text", isRequired: true },
  { name: "role", title: tx("Role", "Rôle", "Función"), cellType: "radiogroup", choices: choices("lead", "support") },
];

export const EVERY_FEATURE = {
  // Layout and wording only, as form builders write them: nothing here may change a verdict.
  logoPosition: "right",
  headerView: "advanced",
  widthMode: "static",
  width: "900px",
  completeText: tx("Send"),
  pageNextText: tx("Next"),
  questionTitleLocation: "left",
  questionErrorLocation: "bottom",
  showPreviewBeforeComplete: "showAnsweredQuestions",
  autoFocusFirstQuestion: true,
  pages: [
    {
      name: "first",
      navigationTitle: tx("Start"),
      questionTitleLocation: "top",
      elements: [
        { type: "text", name: "name", title: tx("Name"), isRequired: true, requiredErrorText: tx("Give a name", "Donnez un nom", "Dé un nombre"), width: "50%", minWidth: "200px", inputTextAlignment: "left" },
        { type: "radiogroup", name: "mode", title: tx("Mode"), choices: choices("a", "b"), showOtherItem: true, isRequired: true, colCount: 2, errorLocation: "top", startWithNewLine: false },
        { type: "checkbox", name: "tools", title: tx("Tools"), choices: choices("x", "y", "z"), showNoneItem: true, minSelectedChoices: 2, separateSpecialChoices: true, choicesOrder: "desc", indent: 1 },
        { type: "checkbox", name: "extras", title: tx("Extras"), choices: choices("p", "q"), showOtherItem: true, otherErrorText: tx("Say which", "Dites lequel", "Diga cuál") },
        { type: "boolean", name: "agree", title: tx("Agree"), isRequired: true },
        { type: "checkbox", name: "fields", title: tx("Fields"), choices: choices("f1", "f2", "f3"), choicesVisibleIf: "{item} <> 'f3' or {agree} = true", isRequired: true },
        { type: "dropdown", name: "level", title: tx("Level"), choices: choices("l1", "l2"), choicesVisibleIf: "{item} = 'l1' or {name} notempty" },
        { type: "ranking", name: "order", title: tx("Order"), choices: choices("o1", "o2", "o3"), isRequired: true },
        { type: "ranking", name: "top", title: tx("Top"), choices: choices("u1", "u2", "u3"), selectToRankEnabled: true, selectToRankEmptyRankedAreaText: tx("Drag here") },
        { type: "matrix", name: "grid", title: tx("Grid"), rows: choices("r1", "r2"), columns: choices("c1", "c2"), isRequired: true, visibleIf: "{mode} = 'b'", alternateRows: true, columnMinWidth: "80px", rowTitleWidth: "120px" },
        {
          type: "panel",
          name: "box",
          visibleIf: "{agree} = true",
          state: "expanded",
          questionTitleLocation: "left",
          innerIndent: 1,
          elements: [
            { type: "comment", name: "why", title: tx("Why"), isRequired: true },
            { type: "rating", name: "score", title: tx("Score"), rateMin: 1, rateMax: 3, isRequired: true, visibleIf: "{tools} contains 'y'", rateType: "stars", displayMode: "buttons", scaleColorMode: "colored" },
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
            { type: "dropdown", name: "code", title: tx("Code"), choices: choices("k1", "k2"), isRequired: true, allowClear: false, searchEnabled: false },
            { type: "text", name: "note", title: tx("Note"), isRequired: true, visibleIf: "{panel.code} = 'k2'" },
            { type: "checkbox", name: "tags", title: tx("Tags"), choices: choices("t1", "t2"), minSelectedChoices: 1 },
            { type: "radiogroup", name: "size", title: tx("Size"), choices: choices("s1", "s2"), choicesVisibleIf: "{item} = 's1' or {panel.code} = 'k2'", isRequired: true },
          ],
        },
        { type: "paneldynamic", name: "optional", title: tx("Optional"), maxPanelCount: 2, templateElements: [{ type: "text", name: "what", title: tx("What"), isRequired: true }] },
      ],
    },
  ],
};

export type Json = Record<string, unknown>;

/** Answers of the right shape (any subset of questions), with empty and blank values often. */
export function answersFor(questions: Question[]): fc.Arbitrary<Json> {
  const entries = questions.filter((question) => question.getType() !== "html").map((question) => [question.name, valueFor(question)] as const);
  const comments = questions.filter((question) => question.hasOther || question.hasComment).map((question) => [`${question.name}-Comment`, fc.constantFrom("", " ", "something")] as const);
  return fc.record(Object.fromEntries([...entries, ...comments]), { requiredKeys: [], noNullPrototype: true }) as fc.Arbitrary<Json>;
}

function choiceValues(question: Question, inherited: { value: unknown }[] = []): string[] {
  const own = (question as unknown as { choices?: { value: unknown }[] }).choices ?? [];
  const values = (own.length ? own : inherited).map((choice) => String(choice.value)).slice(0, 4);
  if (question.hasOther) values.push("other");
  if ((question as unknown as { showNoneItem?: boolean }).showNoneItem) values.push("none");
  return values;
}

/** A text answer in the form its input type gives, blank often; survey-core's own rules (an e-mail's form) may still refuse it. */
const TEXT_BY_INPUT: Record<string, readonly unknown[]> = {
  number: ["", 0, 7, "12", -2.5, "9", 10, 10.5, "0.3", 1e6],
  range: ["", 0, 50, "101", -1],
  date: ["", "2018-10-04", "2019-02-28", "2017-12-31", "2018-01-01", "2999-12-31", "3000-01-01"],
  "datetime-local": ["", "2018-10-04T14:30", "2017-12-31T23:59", "2018-01-01T00:00", "2999-01-01T00:00", "3000-01-01T00:00"],
  time: ["", "08:59", "09:00", "17:30:15", "23:59"],
  month: ["", "2017-12", "2018-01", "2018-10"],
  week: ["", "2018-W01", "2018-W40", "2019-W02"],
  color: ["", "#336699", "blue"],
  email: ["", "someone@example.org", "not an address", "a@b", "first.last@un.int", 5],
  tel: ["", "+41 22 717 91 11", "call me"],
  url: ["", "https://www.iom.int", "iom"],
};

/** `inherited`: the choices of a table whose column takes the table's. */
function valueFor(question: Question, inherited: { value: unknown }[] = []): fc.Arbitrary<unknown> {
  const text = fc.constantFrom("", " ", "\t", "an answer", "0");
  switch (question.getType()) {
    case "text": {
      const byInput = TEXT_BY_INPUT[(question as unknown as { inputType?: string }).inputType ?? "text"];
      return byInput ? fc.constantFrom(...byInput) : fc.oneof(text, fc.constantFrom(0, 7));
    }
    case "comment":
      return text;
    case "expression":
      // Whatever the browser sends, survey-core computes the value kept.
      return fc.constantFrom(undefined, 99, "stale");
    case "radiogroup":
    case "dropdown":
      return fc.constantFrom(...choiceValues(question, inherited));
    case "checkbox":
    case "tagbox": {
      const max = (question as unknown as { maxSelectedChoices?: number }).maxSelectedChoices || 4;
      return fc.uniqueArray(fc.constantFrom(...choiceValues(question, inherited)), { maxLength: max });
    }
    case "ranking": {
      // A whole ordering, or none; a chosen few in order where the person picks which to rank.
      const values = choiceValues(question);
      const partial = (question as unknown as { selectToRankEnabled?: boolean }).selectToRankEnabled;
      return partial ? fc.shuffledSubarray(values) : fc.oneof(fc.constant([]), fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }));
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
    case "multipletext": {
      // Each box as the text question it is (a number box, an e-mail box…).
      const items = (question as QuestionMultipleTextModel).items;
      return fc.record(Object.fromEntries(items.map((item) => [item.name, valueFor(item.editor)])), { requiredKeys: [], noNullPrototype: true });
    }
    case "matrixdropdown":
    case "matrixdynamic": {
      // A cell's answer as its column's editor gives it: the question the column asks.
      const table = question as QuestionMatrixDropdownModelBase;
      const row = fc.record(Object.fromEntries(table.columns.map((column) => [column.name, valueFor(column.templateQuestion, table.choices)])), { requiredKeys: [], noNullPrototype: true });
      if (question.getType() === "matrixdynamic") {
        const max = (question as QuestionMatrixDynamicModel).maxRowCount;
        return fc.array(row, { maxLength: Math.min(max, 4) });
      }
      return fc.record(Object.fromEntries(table.rows.map((item) => [String(item.value), row])), { requiredKeys: [], noNullPrototype: true });
    }
    case "paneldynamic": {
      const dynamic = question as QuestionPanelDynamicModel;
      return fc.array(answersFor(dynamic.template.questions as Question[]), { maxLength: dynamic.maxPanelCount || 3 });
    }
    default:
      return fc.constant(undefined);
  }
}


/**
 * The receipt's reading of answers, as it was made before the compiled model: a survey-core model
 * per answer, each question's `displayValue`. Kept only as the reference the model's renderer
 * must match (display.test.ts) and the time it is measured against (bench/render.ts).
 */
export function surveyCoreDisplay(definition: object, answers: Json, placeholders: Partial<Record<string, string>>, languages: readonly Language[] = LANGUAGES): Partial<Record<Language, DisplaySection[]>> {
  const asText = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(asText).join("; ");
    if (typeof value === "object") return Object.entries(value as Json).map(([key, item]) => `${key}: ${asText(item)}`).join("; ");
    return String(value);
  };
  const item = (question: Question): DisplayItem | null => {
    if (question.isEmpty()) return null;
    const title = question.processedTitle || question.name;
    const type = question.getType();
    if (type === "paneldynamic") {
      const panels = (question as QuestionPanelDynamicModel).panels as PanelModel[];
      return { title, value: "", entries: panels.map((panel) => panel.questions.filter((inner) => inner.isVisible).map(item).filter((entry): entry is DisplayItem => entry !== null)) };
    }
    // The ranked choices numbered in order, each read by survey-core.
    if (type === "ranking") {
      const ranking = question as QuestionRankingModel;
      return { title, value: (ranking.value as unknown[]).map((value, index) => `${index + 1}. ${asText(ranking.getDisplayValue(true, [value]))}`).join(", ") };
    }
    if (type === "multipletext") {
      const parts = (question as QuestionMultipleTextModel).items.filter((box) => !box.editor.isEmpty()).map((box) => ({ title: box.title, value: asText(box.editor.displayValue) }));
      // survey-core shows the title of a question whose parts are all blank (a tab) with nothing under it: the model leaves it out.
      return parts.length ? { title, value: "", parts } : null;
    }
    if (type === "matrixdropdown" || type === "matrixdynamic") {
      const language = (question.survey as Model).locale || "en";
      const rows = (question as QuestionMatrixDropdownModelBase).visibleRows as MatrixDropdownRowModelBase[];
      const parts = rows
        .map((row, index) => ({
          title: type === "matrixdynamic" ? translator(language as Language)("validation.tableRow", { number: index + 1 }) : row.text,
          value: "",
          parts: (row.cells as MatrixDropdownCell[]).filter((cell) => !cell.question.isEmpty()).map((cell) => ({ title: cell.column.title, value: asText(cell.question.displayValue) })),
        }))
        .filter((row) => row.parts.length > 0);
      return parts.length ? { title, value: "", parts } : null;
    }
    return { title, value: asText(question.displayValue) };
  };
  const model = new Model(definition);
  for (const [name, value] of Object.entries(placeholders)) model.setVariable(name, value);
  model.data = answers;
  // One model read in each language (a language change re-reads every text): a new model per language takes far longer.
  const read = (language: Language) => {
    model.locale = language === "en" ? "" : language;
    return model.pages
      .map((page) => ({ title: page.processedTitle || page.name, items: page.questions.filter((question) => question.isVisible).map(item).filter((entry): entry is DisplayItem => entry !== null) }))
      .filter((section) => section.items.length > 0);
  };
  return Object.fromEntries(languages.map((language) => [language, read(language)]));
}
