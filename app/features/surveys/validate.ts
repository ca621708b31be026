import { Model, type PanelModel, type Question, type QuestionPanelDynamicModel } from "survey-core";
import "survey-core/i18n/french";
import "survey-core/i18n/spanish";
import { translator } from "#app/i18n/i18n.ts";
import { applyRules, compileRules, type CompiledRules } from "./rules.ts";
import type { Language } from "#app/i18n/languages.ts";

/** The largest answer set accepted, serialised: far above any real answer, far below a DoS. */
export const MAX_ANSWERS_BYTES = 512 * 1024;
const DEFAULT_MAX_LENGTH: Record<string, number> = { text: 2_000, comment: 10_000 };
const COMMENT_SUFFIX = "-Comment";
const COMMENT_MAX_LENGTH = 2_000;

export interface AnswerProblem {
  /** The question's name (path for nested answers, such as `proposals[2].title`); empty for the whole set. */
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

interface Prepared {
  model: Model;
  /** The compiled rules, when the definition uses only what they cover. */
  rules: CompiledRules | undefined;
}

const prepared = new Map<string, Prepared>();

/**
 * One survey-core model per survey version, built once and reused for the shape of the answers
 * (its questions, choices and titles; validation is synchronous, so one model serves every
 * request in turn), with the rules compiled from it.
 */
function prepare(versionId: string, definition: object): Prepared {
  let entry = prepared.get(versionId);
  if (!entry) {
    const model = new Model(definition);
    entry = { model, rules: compileRules(model, definition) };
    prepared.set(versionId, entry);
  }
  return entry;
}

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
 * types, unknown choices, matrix rows and columns, maxSelectedChoices, text lengths, panel counts
 * and the total size.
 */
export function validateAnswers(
  version: { id: string; definition: object },
  answers: unknown,
  { mode, language }: { mode: "draft" | "submit"; language: Language },
): ValidationResult {
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
  const { model, rules } = prepare(version.id, version.definition);
  model.locale = language === "en" ? "" : language;
  checkShape(model.getAllQuestions(false, false, false), answers, "", t, problems);
  if (problems.length > 0 || mode === "draft") return { ok: problems.length === 0, problems, data: answers };
  const checked = rules ? applyRules(rules, answers, language) : surveyCoreRules(version.definition, answers, language);
  return { ok: checked.problems.length === 0, problems: checked.problems, data: checked.shown };
}

/**
 * survey-core's own validation of answers already checked for shape, on a model of its own: the
 * reference the compiled rules reproduce, and the check for definitions they do not cover. (A
 * model reused across checks keeps state from earlier answers, such as the answers inside the
 * panels a dynamic panel always shows, and so can miss a required answer.)
 */
function surveyCoreRules(definition: object, answers: JsonRecord, language: Language): { problems: AnswerProblem[]; shown: JsonRecord } {
  const model = new Model(definition);
  model.locale = language === "en" ? "" : language;
  model.data = answers;
  model.validate(true, false);
  const problems: AnswerProblem[] = [];
  for (const question of model.getAllQuestions(true, false, false)) collectErrors(question, "", problems);
  return { problems, shown: visibleAnswers(model.getAllQuestions(false, false, false), answers) };
}

/** The same check by survey-core alone, for the property test that compares it with the compiled rules. */
export function validateWithSurveyCore(version: { definition: object }, answers: JsonRecord, language: Language): { problems: AnswerProblem[]; shown: JsonRecord } {
  return surveyCoreRules(version.definition, answers, language);
}

const baseName = (key: string) => (key.endsWith(COMMENT_SUFFIX) ? key.slice(0, -COMMENT_SUFFIX.length) : key);

/** The answers to questions the respondent could see, in repeated panels too: hidden ones are dropped. */
function visibleAnswers(questions: Question[], answers: JsonRecord): JsonRecord {
  const byName = new Map(questions.map((question) => [question.name, question]));
  const data: JsonRecord = {};
  for (const [key, value] of Object.entries(answers)) {
    const question = byName.get(baseName(key));
    if (!question?.isVisible || !question.isParentVisible) continue;
    if (question.getType() === "paneldynamic" && Array.isArray(value)) {
      const panels = (question as QuestionPanelDynamicModel).panels as PanelModel[];
      data[key] = value.map((entry, index) => (panels[index] && isRecord(entry) ? visibleAnswers(panels[index].questions, entry) : entry));
    } else {
      data[key] = value;
    }
  }
  return data;
}

function collectErrors(question: Question, prefix: string, problems: AnswerProblem[]): void {
  for (const error of question.errors) {
    problems.push({ name: `${prefix}${question.name}`, title: titleOf(question), message: error.getText() });
  }
  if (question.getType() === "paneldynamic") {
    const panels = (question as QuestionPanelDynamicModel).panels as PanelModel[];
    panels.forEach((panel, index) => {
      for (const inner of panel.questions) {
        if (inner.isVisible) collectErrors(inner, `${prefix}${question.name}[${index}].`, problems);
      }
    });
  }
}

function checkShape(questions: Question[], answers: JsonRecord, prefix: string, t: Translate, problems: AnswerProblem[]): void {
  const byName = new Map(questions.map((question) => [question.name, question]));
  for (const [key, value] of Object.entries(answers)) {
    const path = `${prefix}${key}`;
    const question = byName.get(key);
    if (question) {
      checkValue(question, value, path, t, problems);
      continue;
    }
    const base = key.endsWith(COMMENT_SUFFIX) ? byName.get(key.slice(0, -COMMENT_SUFFIX.length)) : undefined;
    if (base && (base.hasOther || base.hasComment)) {
      if (typeof value !== "string") problems.push({ name: path, title: titleOf(base), message: t("validation.wrongType") });
      else if (value.length > COMMENT_MAX_LENGTH) problems.push({ name: path, title: titleOf(base), message: t("validation.tooLong", { count: COMMENT_MAX_LENGTH }) });
      continue;
    }
    problems.push({ name: path, title: key.slice(0, 80), message: t("validation.unknownQuestion") });
  }
}

function choiceValues(question: Question): Set<string> {
  const values = new Set<string>(((question as unknown as { choices: { value: unknown }[] }).choices ?? []).map((choice) => String(choice.value)));
  if (question.hasOther) values.add("other");
  if ((question as unknown as { showNoneItem?: boolean }).showNoneItem) values.add("none");
  return values;
}

function checkValue(question: Question, value: unknown, path: string, t: Translate, problems: AnswerProblem[]): void {
  const problem = (key: string, options: Record<string, unknown> = {}) => problems.push({ name: path, title: titleOf(question), message: t(key, options) });
  if (value === null || value === undefined) return;
  const type = question.getType();
  switch (type) {
    case "text":
    case "comment": {
      if (typeof value === "number" && type === "text" && Number.isFinite(value)) return;
      if (typeof value !== "string") return void problem("validation.wrongType");
      const max = (question as unknown as { maxLength?: number }).maxLength;
      const limit = max && max > 0 ? max : (DEFAULT_MAX_LENGTH[type] as number);
      if (value.length > limit) problem("validation.tooLong", { count: limit });
      return;
    }
    case "radiogroup":
    case "dropdown": {
      if (typeof value !== "string" && typeof value !== "number") return void problem("validation.wrongType");
      if (!choiceValues(question).has(String(value))) problem("validation.unknownChoice", { value: String(value).slice(0, 60) });
      return;
    }
    case "checkbox":
    case "tagbox": {
      if (!Array.isArray(value) || value.some((item) => typeof item !== "string" && typeof item !== "number")) return void problem("validation.wrongType");
      const known = choiceValues(question);
      const unknown = value.find((item) => !known.has(String(item)));
      if (unknown !== undefined) return void problem("validation.unknownChoice", { value: String(unknown).slice(0, 60) });
      if (new Set(value.map(String)).size !== value.length) return void problem("validation.repeatedChoice");
      const max = (question as unknown as { maxSelectedChoices?: number }).maxSelectedChoices ?? 0;
      if (max > 0 && value.length > max) problem("validation.tooManyChoices", { count: max });
      return;
    }
    case "rating": {
      const rating = question as unknown as { rateMin: number; rateMax: number; rateValues: { value: unknown }[] };
      if (typeof value !== "number" || !Number.isInteger(value)) return void problem("validation.wrongType");
      const allowed = rating.rateValues?.length ? rating.rateValues.map((item) => Number(item.value)) : null;
      if (allowed ? !allowed.includes(value) : value < rating.rateMin || value > rating.rateMax) problem("validation.outOfRange");
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") problem("validation.wrongType");
      return;
    case "matrix": {
      if (!isRecord(value)) return void problem("validation.wrongType");
      const matrix = question as unknown as { rows: { value: unknown }[]; columns: { value: unknown }[] };
      const rows = new Set(matrix.rows.map((row) => String(row.value)));
      const columns = new Set(matrix.columns.map((column) => String(column.value)));
      for (const [row, column] of Object.entries(value)) {
        if (!rows.has(row)) return void problem("validation.unknownRow", { value: row.slice(0, 60) });
        if ((typeof column !== "string" && typeof column !== "number") || !columns.has(String(column))) {
          return void problem("validation.unknownChoice", { value: String(column).slice(0, 60) });
        }
      }
      return;
    }
    case "paneldynamic": {
      const dynamic = question as QuestionPanelDynamicModel;
      if (!Array.isArray(value) || value.some((panel) => !isRecord(panel))) return void problem("validation.wrongType");
      if (dynamic.maxPanelCount > 0 && value.length > dynamic.maxPanelCount) return void problem("validation.tooManyPanels", { count: dynamic.maxPanelCount });
      const template = dynamic.template.questions as Question[];
      value.forEach((panel, index) => checkShape(template, panel as JsonRecord, `${path}[${index}].`, t, problems));
      return;
    }
    default:
      problem("validation.noAnswerExpected");
  }
}
