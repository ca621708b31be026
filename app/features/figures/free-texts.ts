import type { Db } from "#db/connect.ts";
import type { FreeTextAnswerTable, FreeTextPart } from "#db/schema.ts";
import { FREE_TEXT_TYPES } from "#app/features/messages/key-messages.ts";
import { PROPOSAL_PANELS } from "#app/features/proposals/derive.ts";
import { entriesOf, isRecord, textOf, type JsonRecord, type SubmittedSource } from "#app/features/proposals/source.ts";
import { itemIdOf } from "#app/features/responses/item-ids.ts";
import { isShown, type ModelQuestion, type ModelQuestions, type SurveyModel } from "#app/features/surveys/survey-model.ts";
import { answerColumns, groupName, modelOf, partsGroup, tablePlaces, type Place } from "./answer-values.ts";

/**
 * Written answers as typed rows (docs/decisions/0036): every text and comment question, and the
 * text of an "other" choice or comment area, at the top of a survey or in a repeated panel. The
 * panels that are proposals, commitments and offers are left out: their texts are proposal rows,
 * with their own moderation, withdrawal and merging. A multiple text's boxes and a table's text
 * cells are written answers too, as a repeated panel's are: the multiple text or table stands as
 * the panel (a table's row as its entry: a matrix dropdown's row key, a dynamic matrix's row
 * number from 1), the box or column as the question.
 */

type Found = Pick<FreeTextAnswerTable, "panel" | "entry_id" | "position" | "question" | "part" | "text">;


/** SurveyJS keeps the text of a question's "other" choice or comment area beside its answer, under this key. */
const answerKey = (question: string, part: FreeTextPart) => (part === "comment" ? `${question}-Comment` : question);

/** The written parts a question takes: its own answer (a text or comment question), the text of its "other" choice or comment area. */
function writtenParts(question: ModelQuestion): FreeTextPart[] {
  return [...(FREE_TEXT_TYPES.has(question.type) ? (["" as const]) : []), ...(question.shape.comment ? (["comment" as const]) : [])];
}

/** A repeated panel whose entries are proposals: its texts are read as proposals. */
const isProposalPanel = (question: ModelQuestion) => Object.hasOwn(PROPOSAL_PANELS, question.name);

/** A written part of a survey's question, with the repeated panel it sits in (null at the top). */
export interface WrittenQuestion {
  panel: ModelQuestion | null;
  question: ModelQuestion;
  part: FreeTextPart;
}

/** The written parts of a survey's questions that are derived into rows, in the survey's order. */
export function writtenQuestions(questions: ModelQuestions, panel: ModelQuestion | null = null): WrittenQuestion[] {
  return questions.list.flatMap((question) => {
    if (question.panels) return isProposalPanel(question) ? [] : writtenQuestions(question.panels.questions, question);
    const inner = partsOf(question);
    if (inner) return writtenQuestions(inner, partsGroup(question, panel));
    return writtenParts(question).map((part) => ({ panel, question, part }));
  });
}

/** The questions asked in parts of a question: a table's columns, a multiple text's boxes. */
function partsOf(question: ModelQuestion): ModelQuestions | null {
  return question.table?.columns ?? question.items;
}

function walk(questions: ModelQuestions, answers: JsonRecord, values: JsonRecord, place: Place, responseId: string, found: Found[]): void {
  for (const question of questions.list) {
    if (!isShown(question, values)) continue;
    if (question.panels) {
      if (isProposalPanel(question)) continue;
      for (const { entry, position } of entriesOf(answers, question.name)) {
        walk(question.panels.questions, entry, { panel: entry }, { panel: question.name, entryId: itemIdOf(entry, responseId, question.name, position), position }, responseId, found);
      }
      continue;
    }
    if (question.table) {
      // A cell's conditions read its row as `{row.…}`.
      for (const row of tablePlaces({ ...question, table: question.table }, answers[question.name], place)) walk(question.table.columns, row.entry, { row: row.entry }, row.place, responseId, found);
      continue;
    }
    if (question.items) {
      const boxes = answers[question.name];
      if (isRecord(boxes)) walk(question.items, boxes, boxes, { panel: groupName(place.panel, question.name), entryId: place.entryId, position: place.position }, responseId, found);
      continue;
    }
    for (const part of writtenParts(question)) {
      const text = textOf(answers[answerKey(question.name, part)]);
      if (text !== null) found.push({ panel: place.panel, entry_id: place.entryId, position: place.position, question: question.name, part, text });
    }
  }
}

/** The written answers of a submitted answer, read through its survey version's compiled model, in the survey's order. */
export function freeTextsIn(model: SurveyModel, source: SubmittedSource, submittedAt: string): FreeTextAnswerTable[] {
  const found: Found[] = [];
  walk(model.questions, source.answers, source.answers, { panel: "", entryId: "", position: null }, source.responseId, found);
  return found.map((text) => ({ ...answerColumns(source), language: source.language, submitted_at: submittedAt, ...text }));
}

/** Rows per insert: far below SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 100;

/**
 * Replaces an answer's written answers by those of its last submission (and its current
 * attribution), in the caller's transaction: deriving the same answer again writes the same rows.
 */
export async function syncFreeTexts(db: Db, source: SubmittedSource): Promise<void> {
  const response = await db.selectFrom("response").select("submitted_at").where("id", "=", source.responseId).executeTakeFirstOrThrow();
  const rows = freeTextsIn(await modelOf(db, source), source, response.submitted_at ?? "");
  await db.deleteFrom("free_text_answer").where("response_id", "=", source.responseId).execute();
  for (let start = 0; start < rows.length; start += BATCH) {
    await db.insertInto("free_text_answer").values(rows.slice(start, start + BATCH)).execute();
  }
}
