import {
  Model,
  type ItemValue,
  type PanelModel,
  type Question,
  type QuestionMatrixDropdownModelBase,
  type QuestionMultipleTextModel,
  type QuestionPanelDynamicModel,
  type SurveyError,
} from "survey-core";
import "./localization.ts";
import { translator } from "#app/i18n/i18n.ts";
import { hasUnsafeCharacters } from "#app/features/text.ts";
import { applyRules } from "./rules.ts";
import { checkWithSurveyCore } from "./survey-core-pool.ts";
import { isEmptyAnswer, labelOf, questionNamed, surveyModel, type ModelQuestion, type ModelQuestions, type SurveyModel } from "./survey-model.ts";
import type { Language } from "#app/i18n/languages.ts";

/** The largest answer set accepted, serialised: far above any real answer, far below a DoS. */
export const MAX_ANSWERS_BYTES = 512 * 1024;
const DEFAULT_MAX_LENGTH: Record<string, number> = { text: 2_000, comment: 10_000 };
const COMMENT_SUFFIX = "-Comment";
const COMMENT_MAX_LENGTH = 2_000;

export interface AnswerProblem {
  /**
   * The question's name (path for nested answers, such as `proposals[2].title`, or a multiple-text
   * item's and a table cell's, such as `contact.phone` and `budget.staff.amount`); empty for the whole set.
   */
  name: string;
  /** The question's title in the reader's language, for the list shown to them. */
  title: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  problems: AnswerProblem[];
  /** The answers as they may be stored: on submission, answers to questions hidden by conditions are dropped. */
  data: Record<string, unknown>;
}

type Translate = ReturnType<typeof translator>;
type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function titleOf(question: Question): string {
  return question.processedTitle || question.title || question.name;
}

/**
 * Checks a set of answers against the survey version it answers. Drafts are checked for shape
 * and size only; a submission must also pass the survey's own rules (required answers,
 * validators, conditions). The checks SurveyJS does not make are made here: unknown keys, value
 * types (numbers and dates in the forms an input type gives), unknown choices, matrix rows and columns, maxSelectedChoices, text lengths, panel counts
 * and the total size; in a table, each cell as the question its column asks, and in a
 * multiple-text question each box as its text question (docs/decisions/0037).
 */
export function validateAnswers(
  version: { id: string; definition: object },
  answers: unknown,
  { mode, language }: { mode: "draft" | "submit"; language: Language },
): ValidationResult {
  const checked = checkShapeOf(version, answers, { mode, language });
  if ("ok" in checked) return checked;
  return verdictOf(checked.survey.rulesComplete ? applyRules(checked.survey, checked.answers, language) : validateWithSurveyCore(version, checked.answers, language));
}

/**
 * The same check, with survey-core's (for a survey the compiled rules do not cover) made in a
 * worker thread, so that a submission's check never holds other requests back: the submission path.
 */
export async function validateAnswersOffThread(
  version: { id: string; definition: object },
  answers: unknown,
  { mode, language }: { mode: "draft" | "submit"; language: Language },
): Promise<ValidationResult> {
  const checked = checkShapeOf(version, answers, { mode, language });
  if ("ok" in checked) return checked;
  return verdictOf(checked.survey.rulesComplete ? applyRules(checked.survey, checked.answers, language) : await checkWithSurveyCore(version.definition, checked.answers, language));
}

/** The survey's rules' problems and kept answers as the result of a check. */
function verdictOf(rules: { problems: AnswerProblem[]; shown: JsonRecord }): ValidationResult {
  return { ok: rules.problems.length === 0, problems: rules.problems, data: rules.shown };
}

/**
 * The checks before the survey's own rules: size, shape, and on a draft nothing else. Gives the
 * final result, or the answers and the survey's model for the rules.
 */
function checkShapeOf(
  version: { id: string; definition: object },
  answers: unknown,
  { mode, language }: { mode: "draft" | "submit"; language: Language },
): ValidationResult | { survey: SurveyModel; answers: JsonRecord } {
  const t = translator(language);
  const problems: AnswerProblem[] = [];
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(answers ?? null), "utf8");
  } catch {
    // Nested too deep to serialise: no survey produces such answers.
    return { ok: false, data: {}, problems: [{ name: "", title: "", message: t("validation.notAnObject") }] };
  }
  if (size > MAX_ANSWERS_BYTES) {
    return { ok: false, data: {}, problems: [{ name: "", title: "", message: t("validation.tooLarge", { count: MAX_ANSWERS_BYTES / 1024 }) }] };
  }
  if (!isRecord(answers)) {
    return { ok: false, data: {}, problems: [{ name: "", title: "", message: t("validation.notAnObject") }] };
  }
  const survey = surveyModel(version);
  checkShape(survey.questions, answers, "", { t, language }, problems);
  if (problems.length > 0 || mode === "draft") return { ok: problems.length === 0, problems, data: answers };
  return { survey, answers };
}

/**
 * survey-core's own validation of answers already checked for shape, on a model of its own: the
 * reference the compiled rules reproduce (their property test calls it), and the check for
 * definitions they do not cover. (A model reused across checks keeps state from earlier answers,
 * such as the answers inside the panels a dynamic panel always shows, and so can miss a required
 * answer.) Whenever survey-core refuses the answers, at least one problem says so.
 */
export function validateWithSurveyCore(version: { definition: object }, answers: JsonRecord, language: Language): { problems: AnswerProblem[]; shown: JsonRecord } {
  const t = translator(language);
  const model = new Model(version.definition);
  model.locale = language === "en" ? "" : language;
  model.data = answers;
  const valid = model.validate(true, false);
  const problems: AnswerProblem[] = [];
  for (const question of model.getAllQuestions(true, false, false)) collectErrors(question, TOP, t, problems);
  // A required panel left empty: named by its first question, where the person starts answering.
  for (const panel of model.getAllPanels(true, false) as PanelModel[]) {
    const [first] = panel.questions;
    for (const error of panel.errors) problems.push({ name: first ? first.name : "", title: panel.processedTitle || panel.title || panel.name, message: errorText(error, t) });
  }
  if (!valid && problems.length === 0) problems.push(unplacedProblem(model, t));
  return { problems, shown: visibleAnswers(model.getAllQuestions(false, false, false), answers) };
}

const baseName = (key: string) => (key.endsWith(COMMENT_SUFFIX) ? key.slice(0, -COMMENT_SUFFIX.length) : key);

/** A plain copy of a value survey-core holds (its arrays and objects carry properties of their own). */
const plainCopy = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * The answers to questions the respondent could see, in repeated panels too: hidden ones are
 * dropped. An expression's value is survey-core's, computed from the answers, whatever the
 * browser sent (or whether it sent one); a table is kept as survey-core keeps it (keptTable).
 */
function visibleAnswers(questions: Question[], answers: JsonRecord): JsonRecord {
  const byName = new Map(questions.map((question) => [question.name, question]));
  const data: JsonRecord = {};
  for (const [key, value] of Object.entries(answers)) {
    const question = byName.get(baseName(key));
    if (!question?.isVisible || !question.isParentVisible) continue;
    if (question.getType() === "expression") continue;
    if (key === question.name && offersHiddenChoice(question, value)) {
      // survey-core drops the choices its choice condition hides (or, with an "other" choice,
      // takes one for the other's text): what it keeps is the question's value and comment.
      // A plain copy: survey-core's array value carries properties of its own.
      if (!question.isEmpty()) data[key] = plainCopy(question.value);
      if (question.comment) data[`${key}${COMMENT_SUFFIX}`] = question.comment;
      continue;
    }
    if (question.getType() === "paneldynamic" && Array.isArray(value)) {
      const panels = (question as QuestionPanelDynamicModel).panels as PanelModel[];
      data[key] = value.map((entry, index) => (panels[index] && isRecord(entry) ? visibleAnswers(panels[index].questions, entry) : entry));
    } else if (key === question.name && isTable(question)) {
      const kept = keptTable(question as QuestionMatrixDropdownModelBase, value);
      if (kept !== undefined) data[key] = kept;
    } else {
      data[key] = value;
    }
  }
  for (const question of questions) {
    if (question.getType() === "expression" && question.isVisible && question.isParentVisible && !question.isEmpty()) data[question.name] = plainCopy(question.value);
  }
  return data;
}

const isTable = (question: Question) => question.getType() === "matrixdropdown" || question.getType() === "matrixdynamic";

/**
 * A table's answer as survey-core keeps it, for the rows given: a choice a cell's condition hides
 * is dropped, expression cells hold survey-core's values, and a row the table hides
 * (`rowsVisibleIf`) is dropped, as survey-core drops it on completion. A dynamic table keeps its
 * rows, in order; a fixed table with no row left is no answer (undefined).
 */
function keptTable(table: QuestionMatrixDropdownModelBase, value: unknown): unknown {
  const held = plainCopy(table.value ?? null);
  if (Array.isArray(value)) return value.map((_, index) => (Array.isArray(held) && isRecord(held[index]) ? held[index] : {}));
  if (!isRecord(value)) return value;
  const shown = new Set(table.visibleRows.map((row) => String(row.rowName)));
  const kept: JsonRecord = {};
  for (const row of Object.keys(value)) {
    const cells = isRecord(held) ? held[row] : undefined;
    if (shown.has(row) && isRecord(cells) && !isEmptyAnswer(cells)) kept[row] = cells;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Whether an answer names a choice the question has but does not show (its `choicesVisibleIf` hides it). */
function offersHiddenChoice(question: Question, value: unknown): boolean {
  const { choices, visibleChoices: visible } = question as unknown as { choices?: ItemValue[]; visibleChoices?: ItemValue[] };
  if (!choices?.length || !visible) return false;
  const hidden = new Set(choices.map((choice) => String(choice.value)).filter((choice) => !visible.some((item) => String(item.value) === choice)));
  return (Array.isArray(value) ? value : [value]).some((item) => hidden.has(String(item)));
}

/** Where a question sits: the path of its answer's parent, and the titles to name it after. */
interface Within {
  path: string;
  title: string;
}
const TOP: Within = { path: "", title: "" };

/**
 * The errors survey-core put on a question and on what it holds. A multiple-text question's items
 * and a table's cells (and the questions of a row's detail panel) keep errors of their own: each
 * is named by its answer's path (`contact.phone`, `budget.staff.amount`, `offers[1].amount`) and
 * titled "question › item" or "question › row › column", so that the person can tell which box to
 * mend. A dynamic panel's questions are named by their own titles, as the compiled rules name them.
 */
function collectErrors(question: Question, within: Within, t: Translate, problems: AnswerProblem[]): void {
  const name = `${within.path}${question.name}`;
  const title = `${within.title}${titleOf(question)}`;
  const add = (errors: SurveyError[], path: string, where: string) => {
    for (const error of errors) problems.push({ name: path, title: where, message: errorText(error, t) });
  };
  add(question.errors, name, title);
  switch (question.getType()) {
    case "multipletext":
      for (const item of (question as QuestionMultipleTextModel).items) add(item.editor.errors, `${name}.${item.name}`, `${title} › ${item.title || item.name}`);
      return;
    case "matrixdropdown":
    case "matrixdynamic": {
      // A dynamic table's rows are its answer's entries, in order; a fixed table's are keyed by row.
      const dynamic = question.getType() === "matrixdynamic";
      for (const row of (question as QuestionMatrixDropdownModelBase).visibleRows) {
        const rowPath = dynamic ? `${name}[${row.getIndex()}]` : `${name}.${String(row.rowName)}`;
        const rowTitle = dynamic ? t("validation.tableRow", { number: row.getIndex() + 1 }) : String(row.text);
        for (const cell of row.cells) add(cell.question.errors, `${rowPath}.${cell.column.name}`, `${title} › ${rowTitle} › ${cell.column.title}`);
        if (!row.hasPanel) continue;
        for (const inner of row.detailPanel.questions) {
          if (inner.isVisible) collectErrors(inner, { path: `${rowPath}.`, title: `${title} › ${rowTitle} › ` }, t, problems);
        }
      }
      return;
    }
    case "paneldynamic": {
      const panels = (question as QuestionPanelDynamicModel).panels as PanelModel[];
      panels.forEach((panel, index) => {
        for (const inner of panel.questions) {
          if (inner.isVisible) collectErrors(inner, { path: `${name}[${index}].`, title: "" }, t, problems);
        }
      });
      return;
    }
  }
}

/** survey-core's message; a validator given no text of its own (a regex's) has none there either. */
function errorText(error: SurveyError, t: Translate): string {
  return error.getText() || t("validation.rulesNotMet");
}

/**
 * A problem for a refusal whose errors the walk above did not reach (a question type that keeps
 * them elsewhere, such as a custom composite's own questions): the first question survey-core
 * says has errors, else the whole set. Answers survey-core refuses are never accepted in silence.
 */
function unplacedProblem(model: Model, t: Translate): AnswerProblem {
  for (const question of model.getAllQuestions(true, false, false)) {
    if (question.hasErrors(false, false)) return { name: question.name, title: titleOf(question), message: t("validation.rulesNotMet") };
  }
  return { name: "", title: "", message: t("validation.rulesNotMet") };
}

/**
 * The shape of an answer to a text question with an input type, as the browser's input gives it:
 * numbers as numbers (or their text), dates and times in ISO 8601's forms. The limits and the
 * e-mail's form are the survey's rules, checked with them.
 */
const INPUT_FORMATS: Record<string, { test: (value: unknown) => boolean; example: string | null }> = {
  number: { test: isNumberAnswer, example: null },
  range: { test: isNumberAnswer, example: null },
  date: { test: (value) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value), example: "2018-10-04" },
  "datetime-local": { test: (value) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value) && isCalendarDate(value.slice(0, 10)), example: "2018-10-04T14:30" },
  time: { test: (value) => typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value), example: "14:30" },
  month: { test: (value) => typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value), example: "2018-10" },
  week: { test: (value) => typeof value === "string" && /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(value), example: "2018-W40" },
};

function isNumberAnswer(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));
}

/** A YYYY-MM-DD that names a day of the calendar (not 2018-02-30). */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

interface Reader {
  t: Translate;
  language: Language;
}

/**
 * What holds a set of answers: the survey (or a repeated panel's entry), a table's row or a
 * multiple-text question. Its title leads the titles of what it holds ("Budget › Staff › Amount"),
 * and a key it does not know is refused with its own words (not a question, a column, a box).
 */
interface Holder {
  title: string;
  unknownKey: "validation.unknownQuestion" | "validation.unknownColumn" | "validation.unknownItem";
}
const SURVEY: Holder = { title: "", unknownKey: "validation.unknownQuestion" };

/** The rows a dynamic table may have, whatever its maxRowCount says (survey-core's own default is 1,000). */
export const MAX_TABLE_ROWS = 1_000;

const within = (holder: Holder, title: string) => (holder.title ? `${holder.title} › ${title}` : title);

function checkShape(questions: ModelQuestions, answers: JsonRecord, prefix: string, reader: Reader, problems: AnswerProblem[], holder: Holder = SURVEY): void {
  for (const [key, value] of Object.entries(answers)) {
    const path = `${prefix}${key}`;
    const question = questionNamed(questions, key);
    if (question) {
      checkValue(question, value, path, reader, problems, holder);
      continue;
    }
    const base = key.endsWith(COMMENT_SUFFIX) ? questionNamed(questions, key.slice(0, -COMMENT_SUFFIX.length)) : undefined;
    if (base?.shape.comment) {
      const title = within(holder, base.titles[reader.language]);
      if (typeof value !== "string") problems.push({ name: path, title, message: reader.t("validation.wrongType") });
      else if (value.length > COMMENT_MAX_LENGTH) problems.push({ name: path, title, message: reader.t("validation.tooLong", { count: COMMENT_MAX_LENGTH }) });
      else if (hasUnsafeCharacters(value, { multiline: true })) problems.push({ name: path, title, message: reader.t("validation.invalidCharacters") });
      continue;
    }
    problems.push({ name: path, title: holder.title || key.slice(0, 80), message: reader.t(holder.unknownKey, { value: key.slice(0, 60) }) });
  }
}

/** What a table's row may hold: its cells, by column, and the answers of its detail panel. */
const rowQuestionsOf = new WeakMap<NonNullable<ModelQuestion["table"]>, ModelQuestions>();
function rowQuestions(table: NonNullable<ModelQuestion["table"]>): ModelQuestions {
  let questions = rowQuestionsOf.get(table);
  if (!questions) {
    const list = [...table.columns.list, ...table.details.list];
    questions = { list, byName: Object.fromEntries(list.map((question) => [question.name, question])) };
    rowQuestionsOf.set(table, questions);
  }
  return questions;
}

function checkValue(question: ModelQuestion, value: unknown, path: string, reader: Reader, problems: AnswerProblem[], holder: Holder): void {
  const title = within(holder, question.titles[reader.language]);
  const problem = (key: string, options: Record<string, unknown> = {}) => problems.push({ name: path, title, message: reader.t(key, options) });
  if (value === null || value === undefined) return;
  const { type, shape } = question;
  const offers = (item: unknown) => labelOf(question.choices, item, reader.language) !== undefined;
  switch (type) {
    case "text":
    case "comment": {
      const format = question.inputType ? INPUT_FORMATS[question.inputType] : undefined;
      if (format && !(typeof value === "string" && isEmptyAnswer(value)) && !format.test(value)) return void problem(format.example ? "validation.wrongFormat" : "validation.notANumber", { example: format.example });
      if (typeof value === "number" && type === "text" && Number.isFinite(value)) return;
      if (typeof value !== "string") return void problem("validation.wrongType");
      const limit = shape.maxLength || (DEFAULT_MAX_LENGTH[type] as number);
      if (value.length > limit) return void problem("validation.tooLong", { count: limit });
      // Tabs and line breaks are harmless in an answer (text pasted from a table keeps its tabs).
      if (hasUnsafeCharacters(value, { multiline: true })) problem("validation.invalidCharacters");
      return;
    }
    case "radiogroup":
    case "dropdown": {
      if (typeof value !== "string" && typeof value !== "number") return void problem("validation.wrongType");
      if (!offers(value)) problem("validation.unknownChoice", { value: String(value).slice(0, 60) });
      return;
    }
    case "checkbox":
    case "tagbox":
    case "ranking": {
      if (!Array.isArray(value) || value.some((item) => typeof item !== "string" && typeof item !== "number")) return void problem("validation.wrongType");
      const unknown = value.find((item) => !offers(item));
      if (unknown !== undefined) return void problem("validation.unknownChoice", { value: String(unknown).slice(0, 60) });
      if (new Set(value.map(String)).size !== value.length) return void problem("validation.repeatedChoice");
      if (type === "ranking") {
        // The browser gives every choice in order once the person ranks; SurveyJS would fill in a partial one.
        if (shape.wholeRanking && value.length > 0 && value.length !== question.choices.length) problem("validation.incompleteRanking");
      } else if (shape.maxSelected > 0 && value.length > shape.maxSelected) problem("validation.tooManyChoices", { count: shape.maxSelected });
      return;
    }
    case "rating": {
      const rating = question.rating as NonNullable<ModelQuestion["rating"]>;
      if (typeof value !== "number" || !Number.isInteger(value)) return void problem("validation.wrongType");
      if (rating.values ? labelOf(rating.values, value, reader.language) === undefined : value < rating.min || value > rating.max) problem("validation.outOfRange");
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") problem("validation.wrongType");
      return;
    case "matrix": {
      if (!isRecord(value)) return void problem("validation.wrongType");
      const matrix = question.matrix as NonNullable<ModelQuestion["matrix"]>;
      for (const [row, column] of Object.entries(value)) {
        if (labelOf(matrix.rows, row, reader.language) === undefined) return void problem("validation.unknownRow", { value: row.slice(0, 60) });
        if ((typeof column !== "string" && typeof column !== "number") || labelOf(matrix.columns, column, reader.language) === undefined) {
          return void problem("validation.unknownChoice", { value: String(column).slice(0, 60) });
        }
      }
      return;
    }
    case "paneldynamic": {
      if (!Array.isArray(value) || value.some((panel) => !isRecord(panel))) return void problem("validation.wrongType");
      if (shape.maxPanels > 0 && value.length > shape.maxPanels) return void problem("validation.tooManyPanels", { count: shape.maxPanels });
      const template = (question.panels as NonNullable<ModelQuestion["panels"]>).questions;
      value.forEach((panel, index) => checkShape(template, panel as JsonRecord, `${path}[${index}].`, reader, problems));
      return;
    }
    // A table's cells are checked as the questions their columns ask: survey-core keeps an unknown
    // row or column and a rating off its scale, and drops a choice not offered, without a word.
    case "matrixdropdown": {
      if (!isRecord(value)) return void problem("validation.wrongType");
      const table = question.table as NonNullable<ModelQuestion["table"]>;
      for (const [row, cells] of Object.entries(value)) {
        const label = labelOf(table.rows ?? [], row, reader.language);
        if (label === undefined) {
          problem("validation.unknownRow", { value: row.slice(0, 60) });
          continue;
        }
        if (cells === null || cells === undefined) continue;
        if (!isRecord(cells)) problems.push({ name: `${path}.${row}`, title: `${title} › ${label}`, message: reader.t("validation.wrongType") });
        else checkShape(rowQuestions(table), cells, `${path}.${row}.`, reader, problems, { title: `${title} › ${label}`, unknownKey: "validation.unknownColumn" });
      }
      return;
    }
    case "matrixdynamic": {
      if (!Array.isArray(value) || value.some((row) => !isRecord(row))) return void problem("validation.wrongType");
      const table = question.table as NonNullable<ModelQuestion["table"]>;
      const limit = table.maxRows > 0 ? Math.min(table.maxRows, MAX_TABLE_ROWS) : MAX_TABLE_ROWS;
      if (value.length > limit) return void problem("validation.tooManyRows", { count: limit });
      value.forEach((row, index) =>
        checkShape(rowQuestions(table), row as JsonRecord, `${path}[${index}].`, reader, problems, {
          title: `${title} › ${reader.t("validation.tableRow", { number: index + 1 })}`,
          unknownKey: "validation.unknownColumn",
        }),
      );
      return;
    }
    case "multipletext": {
      if (!isRecord(value)) return void problem("validation.wrongType");
      checkShape(question.items as ModelQuestions, value, `${path}.`, reader, problems, { title, unknownKey: "validation.unknownItem" });
      return;
    }
    // survey-core computes an expression's value; on submission its value is what is kept (validateWithSurveyCore).
    case "expression": {
      if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return;
      if (typeof value !== "string") return void problem("validation.wrongType");
      if (value.length > (DEFAULT_MAX_LENGTH.text as number)) return void problem("validation.tooLong", { count: DEFAULT_MAX_LENGTH.text });
      if (hasUnsafeCharacters(value, { multiline: true })) problem("validation.invalidCharacters");
      return;
    }
    default:
      problem("validation.noAnswerExpected");
  }
}
