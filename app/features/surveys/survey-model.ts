import {
  AnswerRequiredError,
  ConditionRunner,
  Helpers,
  Model,
  getLocaleString,
  type ItemValue,
  type PanelModelBase,
  type Question,
  type QuestionPanelDynamicModel,
  type QuestionMatrixDropdownModelBase,
  type QuestionMatrixDynamicModel,
  type QuestionMultipleTextModel,
} from "survey-core";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";
import "./localization.ts";

/**
 * One survey version compiled once, from survey-core's reading of its definition, into plain data
 * that every reader of answers uses: validation (shape and rules), receipts and answer pages,
 * the conflict view, proposals and exports. Nothing else walks a definition or builds a
 * survey-core model per answer (docs/decisions/0015-one-compiled-survey-model.md).
 *
 * The model is plain JSON (strings, numbers, arrays, records): conditions are kept as their
 * expressions, evaluated through one cache of survey-core's ConditionRunner (`isShown`).
 */

export type Texts = Record<Language, string>;

/** A value a question offers, with its label in each language as survey-core shows it. */
export interface LabelledValue {
  value: string;
  labels: Texts;
}

/** What an answer may look like beyond its choices: limits checked on drafts too. */
export interface AnswerShape {
  /** The question's own maxLength, 0 when it sets none. */
  maxLength: number;
  maxSelected: number;
  maxPanels: number;
  /** Whether `<name>-Comment` may be answered ("other" text or a comment area). */
  comment: boolean;
  /** A ranking that orders every choice (SurveyJS completes a partial one); false where the respondent picks which to rank. */
  wholeRanking: boolean;
}

/** A bound of a text answer: its value as survey-core renders it (`min`, `max`, or a date's default maximum) and the error past it. */
export interface Bound {
  value: string | number;
  texts: Texts;
}

/**
 * The limits survey-core holds a text answer to: a value below `min` or above `max` (compared as
 * dates for date inputs, else as JavaScript compares the values given), and a number off its `step`.
 */
export interface TextLimits {
  date: boolean;
  min: Bound | null;
  max: Bound | null;
  step: { value: number; texts: Texts } | null;
}

/**
 * A validator as survey-core runs it on the answer, once the question has no other error: each
 * with the errors it gives, worded by survey-core in each language.
 */
export type Validator =
  | { kind: "numeric"; min: number | null; max: number | null; notNumber: Texts; outside: Texts }
  | { kind: "text"; minLength: number; maxLength: number; allowDigits: boolean; digits: Texts; length: Texts }
  | { kind: "answercount"; min: number; max: number; fewer: Texts; more: Texts }
  | { kind: "email"; texts: Texts }
  | { kind: "expression"; expression: string; texts: Texts };

export interface RatingScale {
  min: number;
  max: number;
  step: number;
  /** The values offered when the survey lists them (with their labels), rather than min to max. */
  values: LabelledValue[] | null;
  minLabels: Texts | null;
  maxLabels: Texts | null;
}

export interface ModelQuestion {
  name: string;
  type: string;
  titles: Texts;
  descriptions: Texts | null;
  /** visibleIf of the question and of the pages and panels around it: all must hold for it to show. */
  conditions: string[];
  /** The values offered in order (choices, then "other" and "none" when shown; yes and no for a boolean). */
  choices: LabelledValue[];
  /** The value of the "other" choice, whose text is answered in `<name>-Comment`; null without one. */
  otherValue: string | null;
  /** A text question's input type when it asks for more than text ("number", "date", "email"…); null otherwise. */
  inputType: string | null;
  /** The value of the "none" choice; null without one. */
  noneValue: string | null;
  /** For an e-mail input: survey-core's error when the answer is not an e-mail address, in each language; null otherwise. */
  email: Texts | null;
  /** A text question's limits as survey-core renders them, with its errors in each language; null without any. */
  limits: TextLimits | null;
  /** The question's validators, in order, each with its errors in each language. */
  validators: Validator[];
  /** The condition under which the question is required, deciding over isRequired; null when isRequired alone decides. */
  requiredIf: string | null;
  /** The condition under which the question is enabled (`"false"` when it is read-only): a disabled question's answer is kept unchecked. Null when always enabled. */
  enableIf: string | null;
  /** The condition a choice must meet to be offered (`{item}` is the choice), as survey-core reads it; null when every choice is. */
  choicesVisibleIf: string | null;
  rating: RatingScale | null;
  /**
   * A single-choice grid: its rows and columns, and its errors when a row is left unanswered
   * (`eachRowRequired`, also written `isAllRowRequired`) or two rows share a column (`eachRowUnique`).
   */
  matrix: { rows: LabelledValue[]; columns: LabelledValue[]; everyRow: Texts | null; uniqueRows: Texts | null } | null;
  shape: AnswerShape;
  required: Texts | null;
  minSelected: { count: number; texts: Texts; none: string | null } | null;
  /** The error when "other" is chosen and its text left empty. */
  other: Texts | null;
  panels: { min: number; initial: number; questions: ModelQuestions; key: { name: string; texts: Texts } | null } | null;
  /**
   * A table of answers: a matrix dropdown (one row per `rows` value, answered as `{ row: { column: value } }`)
   * or a dynamic matrix (rows the respondent adds, answered as `[{ column: value }]`). Each column is
   * compiled as the question its cells ask (type, choices, input type), named and titled as the column.
   * The questions of a row's detail panel are answered in the row's object too, beside the cells.
   */
  table: {
    rows: LabelledValue[] | null;
    columns: ModelQuestions;
    details: ModelQuestions;
    minRows: number;
    maxRows: number;
    initialRows: number;
    /** A required dynamic table's error when fewer than its minimum of rows are answered; null otherwise. */
    fewRows: Texts | null;
  } | null;
  /** A multiple-text question's boxes (answered as `{ item: value }`), each compiled as the text question it is. */
  items: ModelQuestions | null;
}

/** Questions in the survey's order, and by name. */
export interface ModelQuestions {
  list: ModelQuestion[];
  byName: Record<string, ModelQuestion>;
}

export interface ModelPage {
  name: string;
  titles: Texts;
  /** The names of the page's questions (those inside its panels too), in order. */
  questions: string[];
}

export interface SurveyModel {
  pages: ModelPage[];
  questions: ModelQuestions;
  /** Whether the compiled rules cover the whole definition (otherwise survey-core checks submissions). */
  rulesComplete: boolean;
}

/** A question of a list by name: own names only, so that `constructor` is no question. */
export function questionNamed(questions: ModelQuestions, name: string): ModelQuestion | undefined {
  return Object.hasOwn(questions.byName, name) ? questions.byName[name] : undefined;
}

/** The label of a value a list offers, in a language; undefined for a value it does not offer. */
export function labelOf(values: readonly LabelledValue[], value: unknown, language: Language): string | undefined {
  const key = String(value);
  return values.find((item) => item.value === key)?.labels[language];
}

/**
 * survey-core's emptiness of an answer: a blank text is empty; so are an empty array and an object
 * of empty values, where only an empty text is (a box of a multiple text holding a space is answered).
 */
export function isEmptyAnswer(value: unknown): boolean {
  return typeof value === "string" ? value.trim() === "" : isEmptyValue(value);
}

/** survey-core's emptiness of a value, texts untrimmed. */
function isEmptyValue(value: unknown): boolean {
  if (typeof value === "string") return value === "";
  if (Array.isArray(value)) return value.length === 0;
  if (value && typeof value === "object") return Object.values(value).every(isEmptyValue);
  return value === undefined || value === null;
}

/** A dynamic panel's emptiness, as survey-core sees it: no panel with any answer key in it. */
export function isEmptyPanels(value: unknown): boolean {
  return !Array.isArray(value) || value.every((panel) => !panel || typeof panel !== "object" || Object.keys(panel).length === 0);
}

const runners = new Map<string, ConditionRunner>();

function runnerOf(expression: string): ConditionRunner {
  let runner = runners.get(expression);
  if (!runner) {
    runner = new ConditionRunner(expression);
    runners.set(expression, runner);
  }
  return runner;
}

/** Whether a condition holds, given the answers it reads (`{panel: entry}` inside a dynamic panel). */
export function meetsCondition(expression: string, values: Record<string, unknown>): boolean {
  return Boolean(runnerOf(expression).runValues(values));
}

/** Whether a question shows, given the answers its conditions read. */
export function isShown(question: ModelQuestion, values: Record<string, unknown>): boolean {
  return question.conditions.every((expression) => meetsCondition(expression, values));
}

/**
 * The answer as survey-core keeps it when its question offers choices on a condition: a choice the
 * condition hides is dropped (an answer of only hidden choices is no answer, `undefined`).
 */
export function offeredAnswer(question: ModelQuestion, value: unknown, values: Record<string, unknown>): unknown {
  const expression = question.choicesVisibleIf;
  if (!expression) return value;
  const offeredNow = (item: unknown) => Boolean(runnerOf(expression).runValues({ ...values, item }));
  if (Array.isArray(value)) {
    const kept = value.filter((item) => !isChoiceItem(question, item) || offeredNow(item));
    return kept.length === 0 && value.length > 0 ? undefined : kept;
  }
  return value === undefined || value === null || !isChoiceItem(question, value) || offeredNow(value) ? value : undefined;
}

/** Whether a value is one of the question's own choices ("other" and "none" are never hidden by the choices' condition). */
function isChoiceItem(question: ModelQuestion, value: unknown): boolean {
  const key = String(value);
  return key !== question.otherValue && key !== question.noneValue;
}

const byId = new Map<string, SurveyModel>();
const byDefinition = new WeakMap<object, SurveyModel>();

/** A survey version's model, compiled on first use and then kept: versions never change. */
export function surveyModel(version: { id: string; definition: object }): SurveyModel {
  let model = byId.get(version.id);
  if (!model) {
    model = modelOfDefinition(version.definition);
    byId.set(version.id, model);
  }
  return model;
}

/** The model of a version compiled before in this process, without reading its definition again. */
export function compiledSurveyModel(versionId: string): SurveyModel | undefined {
  return byId.get(versionId);
}

/** The model of a definition object, kept as long as the object lives (the loaded versions keep theirs). */
export function modelOfDefinition(definition: object): SurveyModel {
  let model = byDefinition.get(definition);
  if (!model) {
    model = compileSurveyModel(definition);
    byDefinition.set(definition, model);
  }
  return model;
}

/**
 * Properties of layout and wording only: where titles, numbers, errors and buttons go, widths,
 * logos, the texts of buttons. They change nothing in what an answer may be, so a survey made
 * with any SurveyJS form builder keeps its look and is still checked by the compiled rules (the
 * property test runs the definition with every compiled feature with them all).
 */
const LAYOUT = ["width", "minWidth", "maxWidth", "indent", "errorLocation", "colSpan", "questionTitleLocation", "questionTitleWidth", "questionErrorLocation", "showNumber", "innerIndent", "showQuestionNumbers"];
const QUESTION_LAYOUT = ["separateSpecialChoices", "choicesOrder", "itemComponent", "rateType", "displayMode", "scaleColorMode", "rateColorMode", "allowClear", "searchEnabled", "searchMode", "inputSize", "inputTextAlignment", "alternateRows", "showHeader", "columnMinWidth", "rowTitleWidth", "verticalAlign"];
const SURVEY_LAYOUT = [
  "logo", "logoWidth", "logoHeight", "logoFit", "logoPosition", "headerView", "widthMode", "width", "fitToContainer", "completeText", "pageNextText", "pagePrevText",
  "startSurveyText", "previewText", "editText", "showTitle", "showPageTitles", "showPageNumbers", "showNavigationButtons", "navigationButtonsLocation", "showPrevButton",
  "showTOC", "tocLocation", "questionTitleLocation", "questionDescriptionLocation", "questionErrorLocation", "questionTitlePattern", "questionStartIndex",
  "autoFocusFirstQuestion", "autoFocusFirstError", "showPreviewBeforeComplete", "progressBarShowPageNumbers", "progressBarInheritWidthFrom", "showBrandInfo",
  "completedBeforeHtml", "loadingHtml",
];
const PAGE_LAYOUT = ["navigationTitle", "navigationDescription", "state", "startWithNewLine", ...LAYOUT];

/** Properties that change nothing in what is accepted (texts, layout, choices checked elsewhere). */
const NEUTRAL = new Set([
  "type", "name", "title", "description", "html", "placeholder", "elements", "templateElements", "choices", "rows", "columns",
  "minRateDescription", "maxRateDescription", "labelTrue", "labelFalse", "noneText", "otherText", "otherPlaceholder",
  "panelAddText", "panelRemoveText", "templateTitle", "noEntriesText", "renderAs", "colCount", "autocomplete",
  "confirmDelete", "confirmDeleteText", "startWithNewLine", "titleLocation", "descriptionLocation", "hideNumber",
  "maxLength", "maxSelectedChoices", "maxPanelCount", "rateMin", "rateMax", "rateValues", "state",
  "selectToRankEnabled", "selectToRankAreasLayout", "selectToRankEmptyRankedAreaText", "selectToRankEmptyUnrankedAreaText", "longTap",
  // A default value is the browser's to fill in: it sends it as an answer, and survey-core checks the answers given, not the defaults.
  "defaultValue",
  ...LAYOUT, ...QUESTION_LAYOUT,
]);
/**
 * Question types whose rules are not compiled: an expression's value is survey-core's to compute.
 * A survey with one is checked by survey-core, whatever its properties.
 */
const UNCOMPILED_TYPES = new Set(["expression"]);
/**
 * A table's own properties the compiled rules reproduce (its rows, the rows a dynamic table starts
 * with and may have, its buttons' texts), and what its columns may set: each column is compiled as
 * the question its cells ask, of the types listed. Conditions on rows, columns and cells, totals,
 * detail panels, unique keys and expression cells stay survey-core's, as does a "none" choice in a
 * cell (survey-core keeps only "none" of a cell's answer that names it with others).
 */
const TABLES = new Set(["matrixdropdown", "matrixdynamic"]);
const TABLE_KEYS = new Set(["columns", "rows", "choices", "cellType", "minRowCount", "maxRowCount", "rowCount", "addRowText", "removeRowText", "allowAddRows", "allowRemoveRows", "emptyRowsText", "cellErrorLocation", "addRowButtonLocation"]);
const COLUMN_KEYS = new Set([
  "name", "title", "cellType", "isRequired", "requiredErrorText", "choices", "placeholder", "colCount", "maxLength", "rateMin", "rateMax", "rateValues", "labelTrue", "labelFalse",
  "choicesOrder", "minSelectedChoices", "maxSelectedChoices", "width", "minWidth", "maxWidth",
]);
const CELL_TYPES = new Set(["default", "dropdown", "checkbox", "radiogroup", "tagbox", "text", "comment", "boolean", "rating"]);
/** A multiple-text question's own properties, and what its boxes may set: each box is compiled as the text question it is. */
const MULTIPLE_TEXT_KEYS = new Set(["items", "itemErrorLocation", "itemTitleWidth", "inputSize"]);
const ITEM_KEYS = new Set(["name", "title", "isRequired", "requiredErrorText", "placeholder", "inputType", "inputTextAlignment", "maxLength", "inputSize"]);
/** Properties whose effect on what is accepted the compiled rules reproduce. */
const COMPILED = new Set([
  "isRequired", "requiredErrorText", "visibleIf", "visible", "isAllRowRequired", "eachRowRequired", "eachRowUnique", "requiredIf", "enableIf", "readOnly", "rateCount", "choicesVisibleIf", "minSelectedChoices", "showNoneItem", "showOtherItem", "hasOther", "otherErrorText",
  "showCommentArea", "hasComment", "commentText", "commentPlaceholder", "minPanelCount", "panelCount", "keyName", "keyDuplicationError"]);
/**
 * Input types whose rules the compiled rules reproduce: their format is the shape check's, and
 * survey-core adds the e-mail check and the limits (`min`, `max`, `step`, a date's maximum of
 * 2999-12-31) with their error texts.
 */
const COMPILED_INPUT_TYPES = new Set(["email", "number", "tel", "url", "password", "date", "datetime-local", "time", "month", "week", "range", "color"]);
/** A text question's limits, compiled when given as plain values (not expressions). */
const LIMITS = new Set(["min", "max", "step"]);
const LIMIT_TEXTS = new Set(["minErrorText", "maxErrorText", "stepErrorText"]);
/**
 * Survey properties that change no verdict. `clearInvisibleValues` included: the answers to hidden
 * questions are dropped on submission whatever it says, on either path.
 */
const SURVEY_NEUTRAL = new Set(["title", "description", "pages", "elements", "showQuestionNumbers", "showProgressBar", "progressBarType", "checkErrorsMode", "textUpdateMode", "completedHtml", "locale", "clearInvisibleValues", ...SURVEY_LAYOUT]);
const PAGE_KEYS = new Set(["name", "title", "description", "elements", "visibleIf", "visible", ...PAGE_LAYOUT]);
/** Conditions on a question the compiled rules evaluate as its visibleIf, under the same limits. */
const QUESTION_CONDITIONS = ["requiredIf", "enableIf"];
/** Question types whose questions, boxes, cells or panels would take a read-only state from it: their read-only state stays survey-core's. */
const HOLDERS = new Set(["paneldynamic", "multipletext", "matrixdropdown", "matrixdynamic"]);

type JsonRecord = Record<string, unknown>;

/**
 * The properties of a definition that the compiled rules cannot reproduce, as `path: property`
 * (empty when every rule can be compiled).
 */
export function uncompiledProperties(definition: unknown): string[] {
  const found: string[] = [];
  const record = (value: unknown): JsonRecord => (value && typeof value === "object" && !Array.isArray(value) ? (value as JsonRecord) : {});
  const survey = record(definition);
  for (const key of Object.keys(survey)) if (!SURVEY_NEUTRAL.has(key)) found.push(`survey: ${key}`);
  const read = namesReadByConditions(definition);
  // Questions at the root, as some form builders write a one-page survey, are a page of their own to survey-core.
  const pages = [...(Array.isArray(survey.pages) ? survey.pages : []), ...(Array.isArray(survey.elements) ? [{ name: "survey", elements: survey.elements }] : [])].map(record);
  const top: Scope = { names: questionNames(pages.flatMap((page) => (Array.isArray(page.elements) ? page.elements : []))), template: false };
  const elements = (list: unknown, where: string, scope: Scope): void => {
    if (!Array.isArray(list)) return;
    for (const element of list.map(record)) {
      const here = `${where} › ${String(element.name)}`;
      const allowed = element.type === "panel" ? PAGE_KEYS : null;
      if (typeof element.type === "string" && UNCOMPILED_TYPES.has(element.type)) found.push(`${here}: type ${element.type}`);
      for (const key of Object.keys(element)) {
        if (!allowed && compiledTextProperty(element, key)) continue;
        if (!allowed && key === "validators" && validatorsFit(element.validators, scope)) continue;
        if (!allowed && (key === "readOnly" || key === "enableIf") && HOLDERS.has(String(element.type))) {
          found.push(`${here}: ${key}`);
          continue;
        }
        if (element.type === "multipletext" && MULTIPLE_TEXT_KEYS.has(key)) continue;
        if (TABLES.has(String(element.type)) && TABLE_KEYS.has(key) && (key !== "cellType" || CELL_TYPES.has(String(element.cellType)))) continue;
        if (allowed ? !allowed.has(key) && key !== "type" : !NEUTRAL.has(key) && !COMPILED.has(key)) found.push(`${here}: ${key}`);
      }
      for (const key of ["visibleIf", ...QUESTION_CONDITIONS]) {
        const expression = element[key];
        if (typeof expression === "string" && !conditionFits(expression, scope)) found.push(`${here}: ${key} "${expression}"`);
      }
      if (typeof element.choicesVisibleIf === "string" && !choiceConditionFits(element, scope, read)) found.push(`${here}: choicesVisibleIf "${element.choicesVisibleIf}"`);
      if (element.type === "multipletext" && Array.isArray(element.items)) {
        for (const item of element.items.map(record)) {
          for (const key of Object.keys(item)) {
            if (key === "validators" ? !validatorsFit(item.validators, null) : !ITEM_KEYS.has(key) || (key === "inputType" && !COMPILED_INPUT_TYPES.has(String(item.inputType)))) found.push(`${here} › ${String(item.name)}: ${key}`);
          }
        }
      }
      if (TABLES.has(String(element.type)) && Array.isArray(element.columns)) {
        for (const column of element.columns.map(record)) {
          for (const key of Object.keys(column)) if (!columnPropertyFits(column, key)) found.push(`${here} › ${String(column.name)}: ${key}`);
        }
      }
      elements(element.elements, here, scope);
      if (Array.isArray(element.templateElements)) elements(element.templateElements, here, { names: questionNames(element.templateElements), template: true });
    }
  };
  for (const page of pages) {
    for (const key of Object.keys(page)) if (!PAGE_KEYS.has(key)) found.push(`page ${String(page.name)}: ${key}`);
    if (typeof page.visibleIf === "string" && !conditionFits(page.visibleIf, top)) found.push(`page ${String(page.name)}: visibleIf "${page.visibleIf}"`);
    elements(page.elements, `page ${String(page.name)}`, top);
  }
  return found;
}

/** A column's property the compiled rules reproduce: its cells are checked as a question of its type (validators without expressions, which read the row). */
function columnPropertyFits(column: JsonRecord, key: string): boolean {
  if (key === "cellType") return CELL_TYPES.has(String(column.cellType));
  if (key === "validators") return validatorsFit(column.validators, null);
  if (column.cellType === "text") return COLUMN_KEYS.has(key) || compiledTextProperty({ ...column, type: "text" }, key);
  return COLUMN_KEYS.has(key);
}

/** A text question's input type and limits that the compiled rules reproduce. */
function compiledTextProperty(element: JsonRecord, key: string): boolean {
  if (element.type !== "text") return false;
  if (key === "inputType") return COMPILED_INPUT_TYPES.has(String(element.inputType));
  if (LIMITS.has(key)) return typeof element[key] === "string" || typeof element[key] === "number";
  return LIMIT_TEXTS.has(key);
}

/** What each kind of validator may set to be compiled (`type` and `text` aside). */
const VALIDATOR_KEYS: Record<string, string[]> = {
  numeric: ["minValue", "maxValue"],
  text: ["minLength", "maxLength", "allowDigits"],
  answercount: ["minCount", "maxCount"],
  email: [],
  expression: ["expression"],
};

/**
 * Validators are compiled when each is of a kind listed, sets nothing else, and raises an error
 * (not a warning or a note); an expression's must fit as a condition does (and never in a
 * multiple-text box, `scope` null, whose expressions survey-core reads in a context of its own).
 * Regular expressions stay survey-core's: written by whoever made the survey, they run there, in
 * the worker pool, where a pattern that backtracks for long holds no other request back.
 */
function validatorsFit(validators: unknown, scope: Scope | null): boolean {
  if (!Array.isArray(validators)) return false;
  return validators.every((validator: unknown) => {
    if (!validator || typeof validator !== "object") return false;
    const { type, notificationType, ...rest } = validator as JsonRecord;
    const kind = typeof type === "string" ? type.replace(/validator$/, "") : "";
    const keys = Object.hasOwn(VALIDATOR_KEYS, kind) ? VALIDATOR_KEYS[kind] : undefined;
    if (!keys || (notificationType !== undefined && notificationType !== "error")) return false;
    if (kind === "expression" && (typeof rest.expression !== "string" || !scope || !conditionFits(rest.expression, scope))) return false;
    return Object.keys(rest).every((key) => key === "text" || keys.includes(key));
  });
}

/** The question names any condition of a definition reads (`{panel.x}` as `x`). */
function namesReadByConditions(definition: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      // A validator's expression reads answers as conditions do.
      if ((key === "visibleIf" || key === "choicesVisibleIf" || key === "expression" || QUESTION_CONDITIONS.includes(key)) && typeof value === "string") {
        const runner = new ConditionRunner(value);
        if (runner.canRun()) for (const variable of runner.getVariables()) names.add(variable.replace(/^panel\./, ""));
      } else walk(value);
    }
  };
  walk(definition);
  return names;
}

/**
 * A choice condition is compiled when it fits as any condition does, on a question without an
 * "other" choice that no condition reads: survey-core takes a hidden choice given to a question
 * with "other" for the other's text, and conditions that read the question would see the answer
 * without its hidden choices; both are left to survey-core.
 */
function choiceConditionFits(element: JsonRecord, scope: Scope, read: Set<string>): boolean {
  if (element.showOtherItem === true || element.hasOther === true) return false;
  if (typeof element.name === "string" && read.has(element.name)) return false;
  return conditionFits(String(element.choicesVisibleIf), scope, true);
}

/** The questions a condition may read: the survey's outside dynamic panels, or one dynamic panel's own. */
interface Scope {
  names: Set<string>;
  template: boolean;
}

/** The names of the questions in a list of elements and its panels (not inside dynamic panels, which answer apart). */
function questionNames(list: unknown[]): Set<string> {
  const names = new Set<string>();
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!element || typeof element !== "object") continue;
      const { type, name, elements: inner } = element as JsonRecord;
      if (type === "panel") walk(inner);
      else if (typeof name === "string" && type !== "html") names.add(name);
    }
  };
  walk(list);
  return names;
}

/**
 * Conditions are evaluated on the answers alone: outside dynamic panels they may name only
 * questions (as they are named: a box of a multiple text, a comment or a variable is survey-core's
 * to resolve), inside them only `{panel.…}` (the panel's own answers), and call no function; a
 * choice's condition names the choice as `{item}` too.
 */
function conditionFits(expression: string, scope: Scope, ofChoice = false): boolean {
  const runner = new ConditionRunner(expression);
  if (!runner.canRun() || runner.hasFunction()) return false;
  return runner.getVariables().every((variable) => {
    if (ofChoice && variable === "item") return true;
    if (!scope.template) return scope.names.has(variable);
    return variable.startsWith("panel.") && scope.names.has(variable.slice("panel.".length));
  });
}

/** Compiles a definition with one survey-core model, read once in each language. */
export function compileSurveyModel(definition: object): SurveyModel {
  const model = new Model(definition);
  const pages: ModelPage[] = [];
  const list: ModelQuestion[] = [];
  for (const page of model.pages) {
    const before = list.length;
    collect(model, page, conditionsOf(page), list);
    pages.push({ name: page.name, titles: inEachLanguage(model, () => page.processedTitle || page.name), questions: list.slice(before).map((question) => question.name) });
  }
  return { pages, questions: indexed(list), rulesComplete: uncompiledProperties(definition).length === 0 };
}

function indexed(list: ModelQuestion[]): ModelQuestions {
  return { list, byName: Object.fromEntries(list.map((question) => [question.name, question])) };
}

/**
 * The conditions an element adds to those around it: its visibleIf, or, without one, "false" when
 * it is hidden for good (`visible: false`; survey-core's visibleIf decides over it when both are set).
 */
function conditionsOf(element: { visibleIf?: string; visible?: boolean }, around: string[] = []): string[] {
  if (element.visibleIf) return [...around, element.visibleIf];
  return element.visible === false ? [...around, "false"] : around;
}

function collect(model: Model, container: PanelModelBase, around: string[], questions: ModelQuestion[]): void {
  for (const element of container.elements) {
    if (element.isPanel) collect(model, element as unknown as PanelModelBase, conditionsOf(element as unknown as PanelModelBase, around), questions);
    else questions.push(compileQuestion(model, element as unknown as Question, around));
  }
}

interface QuestionProperties {
  choices?: ItemValue[];
  otherItem?: ItemValue;
  labelTrue?: string;
  labelFalse?: string;
  maxLength?: number;
  maxSelectedChoices?: number;
  rateMin: number;
  rateMax: number;
  rateStep: number;
  rateValues?: ItemValue[];
  minRateDescription?: string;
  maxRateDescription?: string;
  rows?: ItemValue[];
  columns?: ItemValue[];
  minSelectedChoices?: number;
  showNoneItem?: boolean;
  noneItem?: ItemValue;
  choicesVisibleIf?: string;
  eachRowRequired?: boolean;
  eachRowUnique?: boolean;
  requiredIf?: string;
  enableIf?: string;
  inputType?: string;
  selectToRankEnabled?: boolean;
  showOtherItem?: boolean;
  otherErrorText?: string;
  keyName?: string;
  keyDuplicationError?: string;
  getLocalizationFormatString(name: string, ...args: unknown[]): string;
}

/** What survey-core's text question holds about its limits, read as it renders them. */
interface TextQuestion {
  inputType: string;
  renderedMin: unknown;
  renderedMax: unknown;
  renderedStep: unknown;
  minErrorText: string;
  maxErrorText: string;
  isDateInputType: boolean;
  getCalculatedMinMax(value: unknown): unknown;
  getMinMaxErrorText(errorText: string, value: unknown): string;
  getStepErrorText(): string;
}

/**
 * A text question's limits, read from survey-core: `min` and `max` as it renders them (a date has
 * a maximum of its own, 2999-12-31), their errors worded by survey-core itself (a date's through
 * `toDateString()`, in this process's time zone, as survey-core would word it here), and a
 * number's step.
 */
function limitsOf(model: Model, question: TextQuestion): TextLimits | null {
  const bound = (value: unknown, errorText: () => string): Bound | null =>
    typeof value === "string" || typeof value === "number"
      ? Helpers.isValueEmpty(value)
        ? null
        : { value, texts: inEachLanguage(model, () => question.getMinMaxErrorText(errorText(), question.getCalculatedMinMax(value))) }
      : null;
  const min = bound(question.renderedMin, () => question.minErrorText);
  const max = bound(question.renderedMax, () => question.maxErrorText);
  const step = question.inputType === "number" && Helpers.isNumber(question.renderedStep) ? { value: Helpers.getNumber(question.renderedStep), texts: inEachLanguage(model, () => question.getStepErrorText()) } : null;
  return min || max || step ? { date: question.isDateInputType, min, max, step } : null;
}

/** What survey-core's validators hold, as read here (their classes keep these as properties). */
interface SurveyValidatorProperties {
  getType(): string;
  text: string;
  minValue?: number | null;
  maxValue?: number | null;
  minLength?: number;
  maxLength?: number;
  allowDigits?: boolean;
  minCount?: number | null;
  maxCount?: number | null;
  expression?: string;
  getErrorText(name: string | null): string;
  getLocalizationFormatString(name: string, ...args: unknown[]): string;
}

/**
 * A question's validators, with each error worded as survey-core words it: its own text when the
 * survey gives one, else survey-core's, naming the value as the question would (a box by its title).
 * Only the kinds listed are compiled (uncompiledProperties says which are not).
 */
function validatorsOf(model: Model, question: Question): Validator[] {
  const title = (question as unknown as { getValidatorTitle(): string | null }).getValidatorTitle();
  const compiled: Validator[] = [];
  for (const validator of question.validators as unknown as SurveyValidatorProperties[]) {
    const texts = (text: (language: Language) => string) => inEachLanguage(model, text);
    switch (validator.getType()) {
      case "numericvalidator":
        compiled.push({
          kind: "numeric",
          min: validator.minValue ?? null,
          max: validator.maxValue ?? null,
          notNumber: texts((language) => validator.text || getLocaleString("numericError", language)),
          outside: texts(() => validator.getErrorText(title)),
        });
        break;
      case "textvalidator":
        compiled.push({
          kind: "text",
          minLength: validator.minLength ?? 0,
          maxLength: validator.maxLength ?? 0,
          allowDigits: validator.allowDigits !== false,
          digits: texts(() => validator.getErrorText("textNoDigitsAllow")),
          length: texts(() => validator.getErrorText(title)),
        });
        break;
      case "answercountvalidator":
        compiled.push({
          kind: "answercount",
          min: validator.minCount ?? 0,
          max: validator.maxCount ?? 0,
          fewer: texts(() => validator.getErrorText(validator.getLocalizationFormatString("minSelectError", validator.minCount))),
          more: texts(() => validator.getErrorText(validator.getLocalizationFormatString("maxSelectError", validator.maxCount))),
        });
        break;
      case "emailvalidator":
        compiled.push({ kind: "email", texts: texts(() => validator.getErrorText(title)) });
        break;
      case "expressionvalidator":
        if (validator.expression) compiled.push({ kind: "expression", expression: validator.expression, texts: texts(() => validator.getErrorText(title)) });
        break;
    }
  }
  return compiled;
}

/** Reads texts in each language; the model is left in English (a change of language re-reads every text of the model). */
function inEachLanguage(model: Model, text: (language: Language) => string): Texts {
  const texts = {} as Texts;
  for (const language of LANGUAGES) {
    model.locale = language === "en" ? "" : language;
    texts[language] = text(language);
  }
  model.locale = "";
  return texts;
}

function labelled(model: Model, items: { value: unknown; text: () => string }[]): LabelledValue[] {
  const values = items.map((item) => ({ value: String(item.value), labels: {} as Texts }));
  for (const language of LANGUAGES) {
    model.locale = language === "en" ? "" : language;
    items.forEach((item, index) => ((values[index] as LabelledValue).labels[language] = item.text()));
  }
  model.locale = "";
  return values;
}

const itemsOf = (items: ItemValue[] | undefined) => (items ?? []).map((item) => ({ value: item.value as unknown, text: () => item.text }));

function offered(model: Model, question: Question, properties: QuestionProperties): LabelledValue[] {
  const items = itemsOf(properties.choices);
  if (question.hasOther && properties.otherItem) items.push({ value: properties.otherItem.value, text: () => properties.otherItem?.text ?? "other" });
  if (properties.showNoneItem && properties.noneItem) items.push({ value: properties.noneItem.value, text: () => properties.noneItem?.text ?? "none" });
  if (question.getType() === "boolean") items.push({ value: "true", text: () => properties.labelTrue ?? "true" }, { value: "false", text: () => properties.labelFalse ?? "false" });
  return labelled(model, items);
}

function ratingOf(model: Model, properties: QuestionProperties): RatingScale {
  const description = (text: () => string | undefined) => {
    const texts = inEachLanguage(model, () => text() ?? "");
    return LANGUAGES.some((language) => texts[language]) ? texts : null;
  };
  return {
    min: properties.rateMin,
    max: properties.rateMax,
    step: properties.rateStep,
    values: properties.rateValues?.length ? labelled(model, itemsOf(properties.rateValues)) : null,
    minLabels: description(() => properties.minRateDescription),
    maxLabels: description(() => properties.maxRateDescription),
  };
}

function compileQuestion(model: Model, question: Question, around: string[]): ModelQuestion {
  const properties = question as unknown as QuestionProperties;
  const type = question.getType();
  const compiled: ModelQuestion = {
    name: question.name,
    type,
    titles: inEachLanguage(model, () => question.processedTitle || question.title || question.name),
    descriptions: question.description ? inEachLanguage(model, () => question.description) : null,
    conditions: conditionsOf(question, around),
    choices: offered(model, question, properties),
    otherValue: question.hasOther ? String(properties.otherItem?.value ?? "other") : null,
    noneValue: properties.showNoneItem ? String(properties.noneItem?.value ?? "none") : null,
    inputType: type === "text" && properties.inputType && properties.inputType !== "text" ? properties.inputType : null,
    // An e-mail validator takes the place of the e-mail input's own check.
    email: type === "text" && properties.inputType === "email" && !question.validators.some((validator) => validator.getType() === "emailvalidator") ? inEachLanguage(model, (language) => getLocaleString("invalidEmail", language)) : null,
    limits: type === "text" ? limitsOf(model, question as unknown as TextQuestion) : null,
    validators: validatorsOf(model, question),
    choicesVisibleIf: properties.choicesVisibleIf || null,
    requiredIf: properties.requiredIf || null,
    // A read-only question is never checked (survey-core collects no error from it): as if it were enabled only when false holds.
    enableIf: properties.enableIf || (question.readOnly ? "false" : null),
    rating: type === "rating" ? ratingOf(model, properties) : null,
    matrix:
      type === "matrix"
        ? {
            rows: labelled(model, itemsOf(properties.rows)),
            columns: labelled(model, itemsOf(properties.columns)),
            everyRow: properties.eachRowRequired ? inEachLanguage(model, (language) => getLocaleString("requiredInAllRowsError", language)) : null,
            uniqueRows: properties.eachRowUnique ? inEachLanguage(model, (language) => getLocaleString("eachRowUniqueError", language)) : null,
          }
        : null,
    shape: {
      maxLength: properties.maxLength && properties.maxLength > 0 ? properties.maxLength : 0,
      maxSelected: properties.maxSelectedChoices ?? 0,
      maxPanels: type === "paneldynamic" ? (question as QuestionPanelDynamicModel).maxPanelCount : 0,
      comment: question.hasOther || question.hasComment,
      wholeRanking: type === "ranking" && !properties.selectToRankEnabled,
    },
    required: question.isRequired || properties.requiredIf ? inEachLanguage(model, () => new AnswerRequiredError(question.requiredErrorText, question).getText()) : null,
    minSelected:
      type === "checkbox" && (properties.minSelectedChoices ?? 0) > 0
        ? {
            count: properties.minSelectedChoices as number,
            texts: inEachLanguage(model, () => properties.getLocalizationFormatString("minSelectError", properties.minSelectedChoices)),
            none: properties.showNoneItem ? String(properties.noneItem?.value ?? "none") : null,
          }
        : null,
    other: properties.showOtherItem ? inEachLanguage(model, (language) => properties.otherErrorText || getLocaleString("otherRequiredError", language)) : null,
    panels: null,
    table: null,
    items: null,
  };
  if (type === "matrixdropdown" || type === "matrixdynamic") compiled.table = tableOf(model, question as QuestionMatrixDropdownModelBase);
  if (type === "multipletext") {
    compiled.items = indexed(
      (question as QuestionMultipleTextModel).items.map((item) => ({ ...compileQuestion(model, item.editor, []), name: item.name, titles: inEachLanguage(model, () => item.title || item.name) })),
    );
  }
  if (type === "paneldynamic") {
    const dynamic = question as QuestionPanelDynamicModel;
    const inner: ModelQuestion[] = [];
    collect(model, dynamic.template, [], inner);
    const keyName = properties.keyName;
    compiled.panels = {
      min: dynamic.minPanelCount,
      initial: dynamic.panelCount,
      questions: indexed(inner),
      key: keyName ? { name: keyName, texts: inEachLanguage(model, (language) => properties.keyDuplicationError || getLocaleString("keyDuplicationError", language)) } : null,
    };
  }
  return compiled;
}

/** A table's columns, each as the question its cells ask: a column of the table's default type takes the table's type and choices. */
function tableOf(model: Model, table: QuestionMatrixDropdownModelBase): NonNullable<ModelQuestion["table"]> {
  const columns = table.columns.map((column) => {
    const cell = compileQuestion(model, column.templateQuestion, []);
    const inherits = column.cellType === "default";
    return {
      ...cell,
      name: column.name,
      titles: inEachLanguage(model, () => column.title || column.name),
      choices: inherits && cell.choices.length === 0 ? labelled(model, itemsOf(table.choices)) : cell.choices,
    };
  });
  const dynamic = table.getType() === "matrixdynamic" ? (table as QuestionMatrixDynamicModel) : null;
  const details: ModelQuestion[] = [];
  if (table.detailPanelMode !== "none") collect(model, table.detailPanel, [], details);
  return {
    rows: dynamic ? null : labelled(model, itemsOf(table.rows)),
    columns: indexed(columns),
    details: indexed(details),
    minRows: dynamic ? dynamic.minRowCount : 0,
    maxRows: dynamic ? dynamic.maxRowCount : 0,
    initialRows: dynamic ? dynamic.rowCount : 0,
    fewRows: dynamic && dynamic.minRowCount > 0 && table.isRequired ? inEachLanguage(model, (language) => getLocaleString("minRowCountError", language).replace("{0}", String(dynamic.minRowCount))) : null,
  };
}
