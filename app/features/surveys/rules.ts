import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import { Helpers } from "survey-core";
import { isEmptyAnswer as isEmpty, isEmptyPanels, isShown, meetsCondition, offeredAnswer, questionNamed, type ModelQuestion, type ModelQuestions, type SurveyModel, type TextLimits, type Texts, type Validator } from "./survey-model.ts";

/**
 * The rules for submission, read from the survey's compiled model (survey-model.ts): required
 * answers, conditions (evaluated by survey-core's own expression engine), minimum selections,
 * dynamic panels with their minimum count and unique keys, "other" answers. They give the errors
 * survey-core's `validate()` gives, message for message, at a small fraction of the cost:
 * survey-core sets every answer on a full model (every property, condition and question state is
 * updated) before it walks the questions.
 * See docs/decisions/0006-compiled-survey-rules.md; a property test compares both on random answers.
 *
 * Only the rules listed in survey-model.ts are compiled; for a definition using any other one
 * (validators, requiredIf, default values…) `rulesComplete` is false and survey-core checks the submission.
 */

type JsonRecord = Record<string, unknown>;

/** survey-core 3.0.0's EmailValidator pattern, as it is. */
const EMAIL = /^(([^<>()[\].,;:\s@"]+(\.[^<>()[\].,;:\s@"]+)*)|(".+"))@(([^<>()=[\].,;:\s@"]+\.)+[^<>()=[\].,;:\s@"]{2,})$/i;

export interface RuleProblem {
  /** The answer key, with the panel's path inside dynamic panels (`proposals[2].title`). */
  name: string;
  title: string;
  message: string;
}

function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/**
 * The errors survey-core would give for these answers, in its order (each question's own errors,
 * then those inside its panels), with titles and messages in the reader's language; and the
 * answers to the questions that show (answers to hidden questions are dropped on submission).
 */
export function applyRules(compiled: SurveyModel, answers: JsonRecord, language: Language): { problems: RuleProblem[]; shown: JsonRecord } {
  if (!compiled.rulesComplete) throw new Error("The rules of this survey are not all compiled: check it with survey-core");
  const problems: RuleProblem[] = [];
  const shown = check(compiled.questions.list, answers, answers, "", language, problems);
  return { problems, shown };
}

/**
 * The rules of a list of questions on their answers. `values` is what conditions read; `prefix`
 * leads the names of problems (a panel's path, a multiple-text question's name) and `within` their
 * titles ("Contact › "), `duplicateKey` is a dynamic panel's key that repeats an earlier entry's.
 */
function check(
  rules: ModelQuestion[],
  answers: JsonRecord,
  values: JsonRecord,
  prefix: string,
  language: Language,
  problems: RuleProblem[],
  duplicateKey?: { name: string; message: string },
  within = "",
): JsonRecord {
  const shown: JsonRecord = {};
  for (const rule of rules) {
    if (!isShown(rule, values)) continue;
    // A choice the question's choice condition hides is dropped, as survey-core drops it.
    const value = offeredAnswer(rule, answers[rule.name], values);
    const comment = `${rule.name}-Comment`;
    if (rule.name in answers && (value !== undefined || answers[rule.name] === undefined)) shown[rule.name] = value;
    if (comment in answers) shown[comment] = answers[comment];
    const problem = (message: string) => problems.push({ name: `${prefix}${rule.name}`, title: `${within}${rule.titles[language]}`, message });
    // A disabled question's answer is kept as given, unchecked (survey-core collects no error from it).
    if (rule.enableIf && !meetsCondition(rule.enableIf, values)) continue;
    const before = problems.length;
    const empty = rule.panels ? isEmptyPanels(value) : rule.table ? isEmptyTable(value) : isEmpty(value);
    const required = rule.required !== null && (rule.requiredIf === null || meetsCondition(rule.requiredIf, values));
    if (required && empty) problem((rule.required as Texts)[language]);
    if (rule.limits && !empty) for (const message of limitErrors(rule.limits, value, language)) problem(message);
    // survey-core's e-mail check, on any answer that is not empty to JavaScript (a blank is not).
    if (rule.email && (typeof value === "string" || typeof value === "number") && value !== "" && !EMAIL.test(String(value))) problem(rule.email[language]);
    if (rule.other && (value === "other" || (Array.isArray(value) && value.includes("other"))) && !answers[comment]) problem(rule.other[language]);
    if (rule.minSelected) {
      const length = Array.isArray(value) ? value.length : 0;
      const noneOnly = length === 1 && rule.minSelected.none !== null && String((value as unknown[])[0]) === rule.minSelected.none;
      if (!noneOnly && length < rule.minSelected.count) problem(rule.minSelected.texts[language]);
    }
    if (rule.matrix) for (const message of gridErrors(rule.matrix, value, language)) problem(message);
    // A required dynamic table must have at least its minimum of rows answered.
    const table = rule.table;
    if (required && table?.fewRows && (Array.isArray(value) ? value : []).filter((row) => !isEmptyRow(row)).length < table.minRows) problem(table.fewRows[language]);
    // survey-core runs a question's validators only when it has no other error.
    if (problems.length === before) for (const message of validatorErrors(rule.validators, value, values, language)) problem(message);
    if (duplicateKey && rule.name === duplicateKey.name) problem(duplicateKey.message);
    // A multiple-text question's boxes, each with its own rules, after the question's: the answer is kept as given.
    if (rule.items) check(rule.items.list, isRecord(value) ? value : {}, {}, `${prefix}${rule.name}.`, language, problems, undefined, `${rule.titles[language]} › `);
    if (rule.table) {
      const kept = checkTable(rule, value, `${prefix}${rule.name}`, `${within}${rule.titles[language]}`, language, problems);
      if (kept === undefined) delete shown[rule.name];
      else if (rule.name in answers) shown[rule.name] = kept;
    }
    if (rule.panels) {
      const kept = checkPanels(rule, Array.isArray(value) ? value : [], `${prefix}${rule.name}`, language, problems);
      if (Array.isArray(value)) shown[rule.name] = kept;
    }
  }
  return shown;
}

/** A single-choice grid's errors over its rows, in survey-core's order: a row left unanswered, then a column chosen twice. */
function gridErrors(grid: NonNullable<ModelQuestion["matrix"]>, value: unknown, language: Language): string[] {
  if (!grid.everyRow && !grid.uniqueRows) return [];
  const answers = isRecord(value) ? value : {};
  let unanswered = false;
  let repeated = false;
  const seen = new Set<string>();
  for (const row of grid.rows) {
    const answer = Object.hasOwn(answers, row.value) ? answers[row.value] : undefined;
    if (isEmpty(answer)) {
      unanswered ||= grid.everyRow !== null;
      continue;
    }
    if (grid.uniqueRows && seen.has(String(answer))) repeated = true;
    seen.add(String(answer));
  }
  return [...(unanswered && grid.everyRow ? [grid.everyRow[language]] : []), ...(repeated && grid.uniqueRows ? [grid.uniqueRows[language]] : [])];
}

/** A table's row as survey-core sees it: empty when every cell is (a blank text is). */
function isEmptyRow(row: unknown): boolean {
  return isRecord(row) ? Object.values(row).every((cell) => isEmpty(cell)) : isEmpty(row);
}

/** A table's emptiness: no row with an answered cell. */
function isEmptyTable(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isEmptyRow);
  return isRecord(value) ? Object.values(value).every(isEmptyRow) : isEmpty(value);
}

/**
 * A table's cells, row by row, each checked as the question its column asks (named
 * `budget.staff.amount` or `partners[1].amount`, titled "Budget › Staff › Amount" or
 * "Partners › Row 2 › Amount"). A fixed table checks every row it offers, answered or not; a
 * dynamic one the rows given, at least as many as it starts with or requires. Gives the answer as
 * survey-core keeps it: a fixed table's answered rows (undefined when none is), a dynamic table's rows.
 */
function checkTable(rule: ModelQuestion, value: unknown, path: string, title: string, language: Language, problems: RuleProblem[]): unknown {
  const table = rule.table as NonNullable<ModelQuestion["table"]>;
  const cellsOf = (row: unknown): JsonRecord => (isRecord(row) ? row : {});
  if (table.rows) {
    const given = isRecord(value) ? value : {};
    for (const row of table.rows) check(table.columns.list, cellsOf(given[row.value]), {}, `${path}.${row.value}.`, language, problems, undefined, `${title} › ${row.labels[language]} › `);
    if (!isRecord(value)) return value;
    const kept = Object.fromEntries(
      Object.entries(value)
        .filter(([row, cells]) => table.rows?.some((offered) => offered.value === row) && isRecord(cells) && !isEmptyRow(cells))
        .map(([row, cells]) => [row, answeredCells(cells as JsonRecord, table.columns)]),
    );
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  const given = Array.isArray(value) ? value : [];
  // Rows given are the rows there are; with none given, those the table starts with.
  const count = Array.isArray(value) ? given.length : Math.max(table.initialRows, table.minRows);
  const t = translator(language);
  for (let index = 0; index < count; index += 1) {
    check(table.columns.list, cellsOf(given[index]), {}, `${path}[${index}].`, language, problems, undefined, `${title} › ${t("validation.tableRow", { number: index + 1 })} › `);
  }
  return Array.isArray(value) ? value.map((row) => answeredCells(cellsOf(row), table.columns)) : value;
}

/**
 * A row's answered cells as survey-core keeps them in a table's answer: no empty cell (nor a blank
 * text), and a number cell's text as the number it is.
 */
function answeredCells(cells: JsonRecord, columns: ModelQuestions): JsonRecord {
  const kept: JsonRecord = {};
  for (const [name, cell] of Object.entries(cells)) {
    if (isEmpty(cell)) continue;
    const number = questionNamed(columns, name)?.inputType === "number" && typeof cell === "string" && Helpers.isNumber(cell);
    kept[name] = number ? Helpers.getNumber(cell) : cell;
  }
  return kept;
}

/**
 * survey-core's limits of a text answer, in its order: below the minimum, above the maximum, off
 * the step. Values are compared as survey-core compares them: dates as dates, anything else as
 * JavaScript compares the values given (a number's text with a number as numbers, two texts as texts).
 */
function limitErrors(limits: TextLimits, value: unknown, language: Language): string[] {
  const errors: string[] = [];
  const comparable = (given: unknown) => (limits.date ? surveyDate(given) : given) as number;
  if (limits.min && comparable(value) < comparable(limits.min.value)) errors.push(limits.min.texts[language]);
  if (limits.max && comparable(value) > comparable(limits.max.value)) errors.push(limits.max.texts[language]);
  if (limits.step && Helpers.isNumber(value) && offStep(Helpers.getNumber(value), limits.step.value)) errors.push(limits.step.texts[language]);
  return errors;
}

/** The errors of a question's validators, in their order, as survey-core's validators give them. */
function validatorErrors(validators: Validator[], value: unknown, values: JsonRecord, language: Language): string[] {
  if (validators.length === 0) return [];
  const errors: string[] = [];
  // Numbers, texts and regular expressions skip a blank answer; an answer count skips anything but a list.
  const blank = isEmpty(value);
  for (const validator of validators) {
    switch (validator.kind) {
      case "numeric": {
        if (blank) break;
        if (!Helpers.isNumber(value)) {
          errors.push(validator.notNumber[language]);
          break;
        }
        const number = Helpers.getNumber(value);
        if ((validator.min !== null && validator.min > number) || (validator.max !== null && validator.max < number)) errors.push(validator.outside[language]);
        break;
      }
      case "text": {
        if (blank) break;
        const length = typeof value === "string" || Array.isArray(value) ? value.length : undefined;
        if (!validator.allowDigits && /\d+$/.test(String(value))) errors.push(validator.digits[language]);
        else if (length !== undefined && ((validator.minLength > 0 && length < validator.minLength) || (validator.maxLength > 0 && length > validator.maxLength))) errors.push(validator.length[language]);
        break;
      }
      case "answercount": {
        if (!Array.isArray(value) || value.length === 0) break;
        if (validator.min && value.length < validator.min) errors.push(validator.fewer[language]);
        else if (validator.max && value.length > validator.max) errors.push(validator.more[language]);
        break;
      }
      case "email":
        if (value && !EMAIL.test(String(value))) errors.push(validator.texts[language]);
        break;
      case "expression":
        if (!meetsCondition(validator.expression, values)) errors.push(validator.texts[language]);
        break;
    }
  }
  return errors;
}

/** A date as survey-core makes one: a day alone (`2018-10-04`) is local midnight. */
function surveyDate(value: unknown): Date {
  if (typeof value === "string" && !(value.indexOf("T") > 0) && /\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(new Date(value).getTime())) return new Date(`${value}T00:00:00`);
  return new Date(value as string);
}

/** Whether a number is no multiple of a positive step, both scaled to whole numbers first (0.3 is a multiple of 0.1). */
function offStep(value: number, step: number): boolean {
  let scale = 1;
  while ((Math.round(step * scale) / scale !== step || Math.round(value * scale) / scale !== value) && scale < 1_000_000) scale *= 10;
  const whole = Math.round(step * scale);
  return whole > 0 && Math.round(value * scale) % whole !== 0;
}

/**
 * Each panel of a dynamic panel, with its questions' conditions on `{panel.…}`, and the key that
 * must not repeat. As in survey-core, there are as many panels as given, at least the minimum;
 * with none given, as many (empty) panels as the survey starts with.
 */
function checkPanels(rule: ModelQuestion, given: unknown[], path: string, language: Language, problems: RuleProblem[]): unknown[] {
  const panels = rule.panels as NonNullable<ModelQuestion["panels"]>;
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
