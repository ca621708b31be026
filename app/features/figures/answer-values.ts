import type { Db } from "#db/connect.ts";
import type { AnswerGroupColumns, AnswerValueTable } from "#db/schema.ts";
import { itemIdOf } from "#app/features/responses/item-ids.ts";
import { entriesOf, isRecord, type JsonRecord, type SubmittedSource } from "#app/features/proposals/source.ts";
import { compiledSurveyModel, isShown, surveyModel, type ModelQuestion, type ModelQuestions, type SurveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";

/** What one answered value holds before it is tied to its answer. */
type Cell = Pick<AnswerValueTable, "row_key" | "value_code" | "value_number">;

/** Where a question sits: at the top of the survey, or in one entry of a repeated panel (or a table's row). */
export interface Place {
  panel: string;
  entryId: string;
  position: number | null;
}

const TOP: Place = { panel: "", entryId: "", position: null };

const offers = (question: ModelQuestion, value: unknown): value is string | number | boolean =>
  (typeof value === "string" || typeof value === "number" || typeof value === "boolean") && question.choices.some((choice) => choice.value === String(value));

function choiceCell(value: string | number | boolean): Cell {
  return { row_key: "", value_code: String(value), value_number: null };
}

function ratingCells(question: ModelQuestion, value: unknown): Cell[] {
  const scale = question.rating;
  if (!scale || typeof value !== "number" || !Number.isFinite(value)) return [];
  const offered = scale.values ? scale.values.some((item) => item.value === String(value)) : value >= scale.min && value <= scale.max;
  return offered ? [{ row_key: "", value_code: String(value), value_number: value }] : [];
}

function matrixCells(question: ModelQuestion, value: unknown): Cell[] {
  const matrix = question.matrix;
  if (!matrix || !isRecord(value)) return [];
  return matrix.rows.flatMap((row) => {
    const column = value[row.value];
    return typeof column === "string" || typeof column === "number"
      ? matrix.columns.filter((offered) => offered.value === String(column)).map((offered) => ({ row_key: row.value, value_code: offered.value, value_number: null }))
      : [];
  });
}

/** The cells of one answer, by the question's type: only values the question offers count. */
function cellsOf(question: ModelQuestion, value: unknown): Cell[] {
  switch (question.type) {
    case "radiogroup":
    case "dropdown":
    case "boolean":
      return offers(question, value) ? [choiceCell(value)] : [];
    case "checkbox":
    case "tagbox":
      return Array.isArray(value) ? [...new Set(value.filter((item) => offers(question, item)).map(String))].map(choiceCell) : [];
    case "ranking":
      return Array.isArray(value)
        ? [...new Set(value.filter((item) => offers(question, item)).map(String))].map((code, rank) => ({ row_key: "", value_code: code, value_number: rank + 1 }))
        : [];
    case "rating":
      return ratingCells(question, value);
    case "matrix":
      return matrixCells(question, value);
    default:
      return [];
  }
}

/**
 * Where the parts of a table or a multiple text are derived: the question stands as a repeated
 * panel (inside one, the two together as `panel.question`, titled "Panel – Question"), so that
 * figures and written answers read its columns or boxes as a panel's questions.
 */
export function partsGroup(question: ModelQuestion, panel: ModelQuestion | null): ModelQuestion {
  if (!panel) return question;
  const titles = { ...question.titles };
  for (const language of Object.keys(titles) as (keyof typeof titles)[]) titles[language] = `${panel.titles[language]} – ${question.titles[language]}`;
  return { ...question, name: groupName(panel.name, question.name), titles };
}

/** The name `partsGroup` gives a table or multiple text inside a panel (or at the top: its own). */
export const groupName = (panel: string, question: string) => (panel ? `${panel}.${question}` : question);

/** The rows of a table's answer as entries: a matrix dropdown's row key or a dynamic matrix's row number (from 1) as id, and their places from 0. */
function tableEntries(table: NonNullable<ModelQuestion["table"]>, value: unknown): { entry: JsonRecord; id: string; position: number }[] {
  if (table.rows === null) return Array.isArray(value) ? value.flatMap((entry: unknown, position) => (isRecord(entry) ? [{ entry, id: String(position + 1), position }] : [])) : [];
  if (!isRecord(value)) return [];
  return table.rows.flatMap((row, position) => {
    const entry = value[row.value];
    return isRecord(entry) ? [{ entry, id: row.value, position }] : [];
  });
}

/** A table's rows as the places of their cells, within the place of the table (a repeated panel's entry). */
export function tablePlaces(question: ModelQuestion & { table: NonNullable<ModelQuestion["table"]> }, value: unknown, place: Place): { entry: JsonRecord; place: Place }[] {
  return tableEntries(question.table, value).map(({ entry, id, position }) => ({
    entry,
    place: { panel: groupName(place.panel, question.name), entryId: place.entryId ? `${place.entryId}.${id}` : id, position: place.panel ? place.position : position },
  }));
}

type Derived = Omit<AnswerValueTable, "response_id" | "consultation_id" | "organisation_id" | "stakeholder_type" | "region_m49" | "attribution">;

function walk(questions: ModelQuestions, answers: JsonRecord, values: JsonRecord, place: Place, responseId: string, found: Derived[]): void {
  for (const question of questions.list) {
    if (!(question.name in answers) || !isShown(question, values)) continue;
    if (question.panels) {
      const inner = question.panels.questions;
      for (const { entry, position } of entriesOf(answers, question.name)) {
        walk(inner, entry, { panel: entry }, { panel: question.name, entryId: itemIdOf(entry, responseId, question.name, position), position }, responseId, found);
      }
      continue;
    }
    if (question.table) {
      // A table's cells are counted as a repeated panel's answers, its rows as entries; a cell's conditions read its row as `{row.…}`.
      for (const row of tablePlaces({ ...question, table: question.table }, answers[question.name], place)) walk(question.table.columns, row.entry, { row: row.entry }, row.place, responseId, found);
      continue;
    }
    for (const cell of cellsOf(question, answers[question.name])) {
      found.push({ panel: place.panel, entry_id: place.entryId, position: place.position, question: question.name, ...cell });
    }
  }
}

/** What every row derived for figures carries of its answer: the answer, and who gave it for which use, so that filters apply alike. */
export function answerColumns(source: SubmittedSource): AnswerGroupColumns {
  return {
    response_id: source.responseId,
    consultation_id: source.consultationId,
    organisation_id: source.organisationId,
    stakeholder_type: source.stakeholderType,
    region_m49: source.regionM49,
    attribution: source.attribution,
  };
}

/**
 * The typed values of a submitted answer, read through its survey version's compiled model:
 * every choice, rating, matrix cell and ranked choice of the questions that show, in the
 * survey's order, and those of a table's cells (the table as a repeated panel, its rows as
 * entries). Free text is not a value: it is read from the answer where it is listed.
 */
export function answerValuesIn(model: SurveyModel, source: SubmittedSource): AnswerValueTable[] {
  const found: Derived[] = [];
  walk(model.questions, source.answers, source.answers, TOP, source.responseId, found);
  return found.map((value) => ({ ...answerColumns(source), ...value }));
}

/**
 * The answer's version's model: a version is compiled once per process, and its definition read
 * only then (inside a transaction, the versions' cache of the database is not the one reached).
 */
export async function modelOf(db: Db, source: SubmittedSource): Promise<SurveyModel> {
  const compiled = compiledSurveyModel(source.surveyVersionId);
  if (compiled) return compiled;
  const version = await getSurveyVersion(db, source.surveyVersionId);
  if (!version) throw new Error(`Survey version ${source.surveyVersionId} of answer ${source.responseId} not found`);
  return surveyModel(version);
}

/** Rows per insert: far below SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 200;

/**
 * Replaces an answer's values by those of its last submission (and its current attribution):
 * the rows carry no time or generated id, so deriving the same answer again writes the same rows.
 */
export async function syncAnswerValues(db: Db, source: SubmittedSource): Promise<void> {
  const rows = answerValuesIn(await modelOf(db, source), source);
  await db.deleteFrom("answer_value").where("response_id", "=", source.responseId).execute();
  for (let start = 0; start < rows.length; start += BATCH) {
    await db.insertInto("answer_value").values(rows.slice(start, start + BATCH)).execute();
  }
}
