import { AnswerRequiredError, ConditionRunner, getLocaleString, type Model, type PanelModelBase, type Question, type QuestionPanelDynamicModel } from "survey-core";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";
import "./localization.ts";

/**
 * A survey version compiled once from survey-core's reading of the definition, then used with
 * plain code on every request:
 * - the shape of each answer (type, choices, rows and columns, limits), checked on drafts too;
 * - the rules for submission: required answers, conditions (evaluated by survey-core's own
 *   expression engine), minimum selections, dynamic panels with their minimum count and unique
 *   keys, "other" answers. They give the errors survey-core's `validate()` gives, message for
 *   message, at a small fraction of the cost: survey-core sets every answer on a full model
 *   (every property, condition and question state is updated) before it walks the questions.
 * See docs/decisions/0006-compiled-survey-rules.md; a property test compares both on random answers.
 *
 * Only the rules listed here are compiled; for a definition using any other one (validators,
 * requiredIf, default values…) `rulesComplete` is false and survey-core checks the submission.
 */

type Texts = Record<Language, string>;
type JsonRecord = Record<string, unknown>;

export interface RuleProblem {
  /** The answer key, with the panel's path inside dynamic panels (`proposals[2].title`). */
  name: string;
  title: string;
  message: string;
}

/** What an answer to a question may look like. */
export interface AnswerShape {
  /** The values offered (with "other" and "none" when shown), for questions with choices. */
  choices: Set<string>;
  /** The question's own maxLength, 0 when it sets none. */
  maxLength: number;
  maxSelected: number;
  rating: { min: number; max: number; values: number[] | null } | null;
  matrix: { rows: Set<string>; columns: Set<string> } | null;
  maxPanels: number;
  /** Whether `<name>-Comment` may be answered ("other" text or a comment area). */
  comment: boolean;
}

export interface CompiledQuestion {
  name: string;
  type: string;
  shape: AnswerShape;
  /** Conditions of the question and of the pages and panels around it: all must hold for it to show. */
  conditions: ConditionRunner[];
  titles: Texts;
  /** The label of each value offered (choices, "other", "none", yes and no), to show answers as people read them. */
  labels: Map<string, Texts>;
  required: Texts | null;
  minSelected: { count: number; texts: Texts; none: string | null } | null;
  /** The error when "other" is chosen and its text left empty. */
  other: Texts | null;
  panels: { min: number; initial: number; questions: CompiledQuestions; key: { name: string; texts: Texts } | null } | null;
}

/** Questions in the survey's order, and by name. */
export interface CompiledQuestions {
  list: CompiledQuestion[];
  byName: Map<string, CompiledQuestion>;
}

export interface CompiledSurvey {
  questions: CompiledQuestions;
  /** Whether the rules cover the whole definition (otherwise survey-core checks submissions). */
  rulesComplete: boolean;
}

/** Properties that change nothing in what is accepted (texts, layout, choices checked elsewhere). */
const NEUTRAL = new Set([
  "type", "name", "title", "description", "html", "placeholder", "elements", "templateElements", "choices", "rows", "columns",
  "minRateDescription", "maxRateDescription", "labelTrue", "labelFalse", "noneText", "otherText", "otherPlaceholder",
  "panelAddText", "panelRemoveText", "templateTitle", "noEntriesText", "renderAs", "colCount", "autocomplete",
  "confirmDelete", "confirmDeleteText", "startWithNewLine", "titleLocation", "descriptionLocation", "hideNumber",
  "maxLength", "maxSelectedChoices", "maxPanelCount", "rateMin", "rateMax", "rateValues", "choicesVisibleIf", "state",
]);
/** Properties whose effect on what is accepted this module reproduces. */
const COMPILED = new Set(["isRequired", "requiredErrorText", "visibleIf", "minSelectedChoices", "showNoneItem", "showOtherItem", "otherErrorText", "minPanelCount", "panelCount", "keyName", "keyDuplicationError"]);
const SURVEY_NEUTRAL = new Set(["title", "description", "pages", "showQuestionNumbers", "showProgressBar", "progressBarType", "checkErrorsMode", "textUpdateMode", "completedHtml", "locale"]);
const PAGE_KEYS = new Set(["name", "title", "description", "elements", "visibleIf"]);

/**
 * The properties of a definition that this module cannot reproduce, as `path: property`
 * (empty when every rule can be compiled).
 */
export function uncompiledProperties(definition: unknown): string[] {
  const found: string[] = [];
  const record = (value: unknown): JsonRecord => (value && typeof value === "object" && !Array.isArray(value) ? (value as JsonRecord) : {});
  const survey = record(definition);
  for (const key of Object.keys(survey)) if (!SURVEY_NEUTRAL.has(key)) found.push(`survey: ${key}`);
  const elements = (list: unknown, where: string, inTemplate: boolean): void => {
    if (!Array.isArray(list)) return;
    for (const element of list.map(record)) {
      const here = `${where} › ${String(element.name)}`;
      const allowed = element.type === "panel" ? PAGE_KEYS : null;
      for (const key of Object.keys(element)) {
        if (allowed ? !allowed.has(key) && key !== "type" : !NEUTRAL.has(key) && !COMPILED.has(key)) found.push(`${here}: ${key}`);
      }
      if (typeof element.visibleIf === "string" && !conditionFits(element.visibleIf, inTemplate)) found.push(`${here}: visibleIf "${element.visibleIf}"`);
      elements(element.elements, here, inTemplate);
      elements(element.templateElements, here, true);
    }
  };
  for (const page of (Array.isArray(survey.pages) ? survey.pages : []).map(record)) {
    for (const key of Object.keys(page)) if (!PAGE_KEYS.has(key)) found.push(`page ${String(page.name)}: ${key}`);
    if (typeof page.visibleIf === "string" && !conditionFits(page.visibleIf, false)) found.push(`page ${String(page.name)}: visibleIf "${page.visibleIf}"`);
    elements(page.elements, `page ${String(page.name)}`, false);
  }
  return found;
}

/**
 * Conditions are evaluated on the answers alone: outside dynamic panels they may name only
 * questions, inside them only `{panel.…}` (the panel's own answers), and call no function.
 */
function conditionFits(expression: string, inTemplate: boolean): boolean {
  const runner = new ConditionRunner(expression);
  if (!runner.canRun() || runner.hasFunction()) return false;
  return runner.getVariables().every((variable) => (inTemplate ? /^panel\.[a-z][a-z0-9_]*$/.test(variable) : /^[a-z][a-z0-9_]*$/.test(variable)));
}

/** A survey version compiled from a survey-core model of its definition. */
export function compileSurvey(model: Model, definition: object): CompiledSurvey {
  const locale = model.locale;
  try {
    const list: CompiledQuestion[] = [];
    for (const page of model.pages) collect(model, page, conditionsOf(page), list);
    return { questions: indexed(list), rulesComplete: uncompiledProperties(definition).length === 0 };
  } finally {
    model.locale = locale;
  }
}

function indexed(list: CompiledQuestion[]): CompiledQuestions {
  return { list, byName: new Map(list.map((question) => [question.name, question])) };
}

function conditionsOf(element: { visibleIf?: string }, around: ConditionRunner[] = []): ConditionRunner[] {
  return element.visibleIf ? [...around, new ConditionRunner(element.visibleIf)] : around;
}

function collect(model: Model, container: PanelModelBase, around: ConditionRunner[], rules: CompiledQuestion[]): void {
  for (const element of container.elements) {
    if (element.isPanel) collect(model, element as unknown as PanelModelBase, conditionsOf(element as unknown as PanelModelBase, around), rules);
    else rules.push(compileQuestion(model, element as unknown as Question, around));
  }
}

interface QuestionProperties {
  choices?: { value: unknown; text: string }[];
  otherItem?: { text: string };
  labelTrue?: string;
  labelFalse?: string;
  maxLength?: number;
  maxSelectedChoices?: number;
  rateMin: number;
  rateMax: number;
  rateValues?: { value: unknown }[];
  rows?: { value: unknown }[];
  columns?: { value: unknown }[];
  minSelectedChoices?: number;
  showNoneItem?: boolean;
  noneItem?: { value: unknown; text: string };
  showOtherItem?: boolean;
  otherErrorText?: string;
  keyName?: string;
  keyDuplicationError?: string;
  getLocalizationFormatString(name: string, ...args: unknown[]): string;
}

function inEachLanguage(model: Model, text: (language: Language) => string): Texts {
  const texts = {} as Texts;
  for (const language of LANGUAGES) {
    model.locale = language === "en" ? "" : language;
    texts[language] = text(language);
  }
  return texts;
}

const values = (items: { value: unknown }[] | undefined) => new Set((items ?? []).map((item) => String(item.value)));

function shapeOf(question: Question, properties: QuestionProperties): AnswerShape {
  const type = question.getType();
  const choices = values(properties.choices);
  if (question.hasOther) choices.add("other");
  if (properties.showNoneItem) choices.add("none");
  return {
    choices,
    maxLength: properties.maxLength && properties.maxLength > 0 ? properties.maxLength : 0,
    maxSelected: properties.maxSelectedChoices ?? 0,
    rating: type === "rating" ? { min: properties.rateMin, max: properties.rateMax, values: properties.rateValues?.length ? properties.rateValues.map((item) => Number(item.value)) : null } : null,
    matrix: type === "matrix" ? { rows: values(properties.rows), columns: values(properties.columns) } : null,
    maxPanels: type === "paneldynamic" ? (question as QuestionPanelDynamicModel).maxPanelCount : 0,
    comment: question.hasOther || question.hasComment,
  };
}

function compileQuestion(model: Model, question: Question, around: ConditionRunner[]): CompiledQuestion {
  const properties = question as unknown as QuestionProperties;
  const type = question.getType();
  const rule: CompiledQuestion = {
    name: question.name,
    type,
    shape: shapeOf(question, properties),
    conditions: conditionsOf(question, around),
    titles: inEachLanguage(model, () => question.processedTitle || question.title || question.name),
    labels: labelsOf(model, question, properties),
    required: question.isRequired ? inEachLanguage(model, () => new AnswerRequiredError(question.requiredErrorText, question).getText()) : null,
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
  };
  if (type === "paneldynamic") {
    const dynamic = question as QuestionPanelDynamicModel;
    const inner: CompiledQuestion[] = [];
    collect(model, dynamic.template, [], inner);
    const keyName = properties.keyName;
    rule.panels = {
      min: dynamic.minPanelCount,
      initial: dynamic.panelCount,
      questions: indexed(inner),
      key: keyName ? { name: keyName, texts: inEachLanguage(model, (language) => properties.keyDuplicationError || getLocaleString("keyDuplicationError", language)) } : null,
    };
  }
  return rule;
}

/** The labels of the values a question offers, in each language, as survey-core shows them. */
function labelsOf(model: Model, question: Question, properties: QuestionProperties): Map<string, Texts> {
  const offered: { value: string; text: () => string }[] = (properties.choices ?? []).map((choice) => ({ value: String(choice.value), text: () => choice.text }));
  if (question.hasOther && properties.otherItem) offered.push({ value: "other", text: () => properties.otherItem?.text ?? "other" });
  if (properties.showNoneItem && properties.noneItem) offered.push({ value: String(properties.noneItem.value), text: () => properties.noneItem?.text ?? "none" });
  if (question.getType() === "boolean") offered.push({ value: "true", text: () => properties.labelTrue ?? "true" }, { value: "false", text: () => properties.labelFalse ?? "false" });
  // One change of language for them all: each change re-reads the texts of the whole model.
  const labels = new Map(offered.map((item) => [item.value, {} as Texts]));
  for (const language of LANGUAGES) {
    model.locale = language === "en" ? "" : language;
    for (const item of offered) (labels.get(item.value) as Texts)[language] = item.text();
  }
  return labels;
}

/** survey-core's emptiness: strings are trimmed; empty arrays, and objects of empty values, are empty. */
function isEmpty(value: unknown): boolean {
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (value && typeof value === "object") return Object.values(value).every(isEmpty);
  return value === undefined || value === null;
}

/** A dynamic panel's emptiness: no panel with any answer key in it. */
function panelsEmpty(value: unknown): boolean {
  return !Array.isArray(value) || value.every((panel) => !panel || typeof panel !== "object" || Object.keys(panel).length === 0);
}

function visible(rule: CompiledQuestion, values: JsonRecord): boolean {
  return rule.conditions.every((condition) => condition.runValues(values));
}

function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/**
 * The errors survey-core would give for these answers, in its order (each question's own errors,
 * then those inside its panels), with titles and messages in the reader's language; and the
 * answers to the questions that show (answers to hidden questions are dropped on submission).
 */
export function applyRules(compiled: CompiledSurvey, answers: JsonRecord, language: Language): { problems: RuleProblem[]; shown: JsonRecord } {
  if (!compiled.rulesComplete) throw new Error("The rules of this survey are not all compiled: check it with survey-core");
  const problems: RuleProblem[] = [];
  const shown = check(compiled.questions.list, answers, answers, "", language, problems);
  return { problems, shown };
}

function check(rules: CompiledQuestion[], answers: JsonRecord, values: JsonRecord, prefix: string, language: Language, problems: RuleProblem[], duplicateKey?: { name: string; message: string }): JsonRecord {
  const shown: JsonRecord = {};
  for (const rule of rules) {
    if (!visible(rule, values)) continue;
    const value = answers[rule.name];
    const comment = `${rule.name}-Comment`;
    if (rule.name in answers) shown[rule.name] = value;
    if (comment in answers) shown[comment] = answers[comment];
    const problem = (message: string) => problems.push({ name: `${prefix}${rule.name}`, title: rule.titles[language], message });
    const empty = rule.panels ? panelsEmpty(value) : isEmpty(value);
    if (rule.required && empty) problem(rule.required[language]);
    if (rule.other && (value === "other" || (Array.isArray(value) && value.includes("other"))) && !answers[comment]) problem(rule.other[language]);
    if (rule.minSelected) {
      const length = Array.isArray(value) ? value.length : 0;
      const noneOnly = length === 1 && rule.minSelected.none !== null && String((value as unknown[])[0]) === rule.minSelected.none;
      if (!noneOnly && length < rule.minSelected.count) problem(rule.minSelected.texts[language]);
    }
    if (duplicateKey && rule.name === duplicateKey.name) problem(duplicateKey.message);
    if (rule.panels) {
      const kept = checkPanels(rule, Array.isArray(value) ? value : [], `${prefix}${rule.name}`, language, problems);
      if (Array.isArray(value)) shown[rule.name] = kept;
    }
  }
  return shown;
}

/**
 * Each panel of a dynamic panel, with its questions' conditions on `{panel.…}`, and the key that
 * must not repeat. As in survey-core, there are as many panels as given, at least the minimum;
 * with none given, as many (empty) panels as the survey starts with.
 */
function checkPanels(rule: CompiledQuestion, given: unknown[], path: string, language: Language, problems: RuleProblem[]): unknown[] {
  const panels = rule.panels as NonNullable<CompiledQuestion["panels"]>;
  const keys: unknown[] = [];
  const kept: unknown[] = [];
  const count = given.length > 0 ? Math.max(given.length, panels.min) : panels.initial;
  for (let index = 0; index < count; index += 1) {
    const entry = isRecord(given[index]) ? (given[index] as JsonRecord) : {};
    let duplicate: { name: string; message: string } | undefined;
    if (panels.key && !isEmpty(entry[panels.key.name])) {
      const key = entry[panels.key.name];
      // survey-core compares keys with ==, so 1 and "1" repeat each other.
      if (keys.some((earlier) => earlier == key)) duplicate = { name: panels.key.name, message: panels.key.texts[language] };
      else keys.push(key);
    }
    const shown = check(panels.questions.list, entry, { panel: entry }, `${path}[${index}].`, language, problems, duplicate);
    if (index < given.length) kept.push(isRecord(given[index]) ? shown : given[index]);
  }
  return kept;
}
