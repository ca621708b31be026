import type { Language } from "#app/i18n/languages.ts";
import { otherText, tableRows, valueLabel } from "./answer-text.ts";
import { fillPlaceholders } from "./placeholders.ts";
import { isEmptyAnswer, isEmptyPanels, isShown, modelOfDefinition, questionNamed, type ModelQuestion, type SurveyModel } from "./survey-model.ts";

export interface DisplayItem {
  title: string;
  /** The answer as text, choices by their labels in the reader's language. */
  value: string;
  /** For repeated panels: one list of items per entry. */
  entries?: DisplayItem[][];
  /**
   * For answers in parts: a multiple text's boxes (title and answer), a table's rows (the row's
   * label, or "Row 1" in a dynamic matrix, each with its cells as column title and answer).
   */
  parts?: DisplayItem[];
}

export interface DisplaySection {
  title: string;
  items: DisplayItem[];
}

type Answers = Record<string, unknown>;
type Placeholders = Partial<Record<string, string>>;

/**
 * A read-only copy of answers, page by page, in a language: for receipts, answer pages and print.
 * Hidden and unanswered questions are left out; the consultation's placeholders fill the survey's
 * texts. Read from the definition's compiled model: no survey-core model per answer.
 */
export function answersForDisplay(definition: object, answers: Answers, language: Language, placeholders: Placeholders = {}): DisplaySection[] {
  return renderAnswers(modelOfDefinition(definition), answers, language, placeholders);
}

/** The same, from a survey version's model. */
export function renderAnswers(model: SurveyModel, answers: Answers, language: Language, placeholders: Placeholders = {}): DisplaySection[] {
  const sections: DisplaySection[] = [];
  for (const page of model.pages) {
    const questions = page.questions.map((name) => questionNamed(model.questions, name)).filter((question): question is ModelQuestion => question !== undefined);
    const items = displayItems(questions, answers, answers, language, placeholders);
    if (items.length > 0) sections.push({ title: fillPlaceholders(page.titles[language], placeholders), items });
  }
  return sections;
}

/** The items of the questions that show and are answered; `values` are what their conditions read. */
function displayItems(questions: ModelQuestion[], answers: Answers, values: Answers, language: Language, placeholders: Placeholders): DisplayItem[] {
  const items: DisplayItem[] = [];
  for (const question of questions) {
    const value = answers[question.name];
    if ((question.panels ? isEmptyPanels(value) : isEmptyAnswer(value)) || !isShown(question, values)) continue;
    const title = fillPlaceholders(question.titles[language], placeholders);
    const inner = question.panels?.questions.list;
    const parts = partsOf(question, value, language, placeholders);
    if (inner && Array.isArray(value)) {
      const entries = value.map((entry) => (isRecord(entry) ? displayItems(inner, entry, { panel: entry }, language, placeholders) : []));
      items.push({ title, value: "", entries });
    } else if (parts) {
      // Rows of blank cells are no answer, though survey-core counts them as one.
      if (parts.length > 0) items.push({ title, value: "", parts });
    } else {
      items.push({ title, value: valueLabel(question, value, language, otherText(question, answers)) });
    }
  }
  return items;
}

/**
 * The parts of a multiple text or a table that are answered, in the survey's order: boxes and
 * columns the survey no longer has, and a matrix's rows it no longer has, are left out, as on
 * survey-core's page. Null for an answer of one part (or not stored as parts).
 */
function partsOf(question: ModelQuestion, value: unknown, language: Language, placeholders: Placeholders): DisplayItem[] | null {
  const answered = (questions: ModelQuestion[], cells: Answers): DisplayItem[] =>
    questions
      .filter((inner) => !isEmptyAnswer(cells[inner.name]))
      .map((inner) => ({ title: fillPlaceholders(inner.titles[language], placeholders), value: valueLabel(inner, cells[inner.name], language, otherText(inner, cells)) }));
  if (question.items) return isRecord(value) ? answered(question.items.list, value) : null;
  const table = question.table;
  if (!table || (table.rows === null ? !Array.isArray(value) : !isRecord(value))) return null;
  const known = (key: string) => table.rows === null || table.rows.some((row) => row.value === key);
  return tableRows(table, value, language)
    .filter((row) => known(row.key))
    .map((row) => ({ title: fillPlaceholders(row.title, placeholders), value: "", parts: answered(table.columns.list, row.cells) }))
    .filter((row) => row.parts.length > 0);
}

function isRecord(value: unknown): value is Answers {
  return !!value && typeof value === "object" && !Array.isArray(value);
}
