import { questionNamed, type LabelledValue, type ModelQuestion, type ModelQuestions, type SurveyModel, type Texts } from "#app/features/surveys/survey-model.ts";
import { translator } from "#app/i18n/i18n.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";
import { MULTIPLE_SEPARATOR, textCell, type ExportCell, type ExportColumn, type ValueMode } from "./source.ts";

/**
 * The columns of a survey version's answers, read from its compiled model: one per answer key,
 * a matrix as one column per row (`matrix.row`), a repeated panel as one column per entry and
 * question (`panel.2.question`, up to the panel's most entries), the "other" or comment text of a
 * question in `question-Comment`, as the answers store it. A matrix dropdown has one column per
 * row and column (`table.row.column`), a dynamic matrix one per row number and column
 * (`table.2.column`, up to its most rows), a multiple text one per box (`question.box`), each
 * read as the question its cells ask; a ranking is one cell, its choices in their order.
 */

/** An answer column with the way to read its cell from the answers (or a panel entry) it sits in. */
export interface AnswerColumn {
  column: ExportColumn;
  cell(answers: Record<string, unknown>, mode: ValueMode, language: Language): ExportCell;
}

/** Questions that take no answer. */
const NO_ANSWER = new Set(["html", "image", "expression"]);
const CHOICE_TYPES = new Set(["radiogroup", "dropdown", "boolean", "checkbox", "tagbox", "ranking"]);
const MULTIPLE_TYPES = new Set(["checkbox", "tagbox", "ranking"]);
const COMMENT_SUFFIX = "-Comment";

/** A text in each language. */
export function texts(make: (language: Language) => string): Texts {
  return Object.fromEntries(LANGUAGES.map((language) => [language, make(language)])) as Texts;
}

type CodeText = (value: unknown, mode: ValueMode, language: Language) => string;

/**
 * A value as its code or its label, the codes found by value in a map made once per column (as
 * `labelOf` reads them: the first of a value wins), not searched for in every cell.
 */
function codeText(codes: readonly LabelledValue[]): CodeText {
  const byValue = new Map<string, LabelledValue>();
  for (const code of codes) if (!byValue.has(code.value)) byValue.set(code.value, code);
  return (value, mode, language) => {
    const key = String(value);
    return mode === "codes" ? key : (byValue.get(key)?.labels[language] ?? key);
  };
}

function codeCell(text: CodeText, multiple: boolean, value: unknown, mode: ValueMode, language: Language): ExportCell {
  if (value === undefined || value === null || value === "") return null;
  if (multiple && Array.isArray(value)) return value.length ? textCell(value.map((item) => text(item, mode, language)).join(MULTIPLE_SEPARATOR)) : null;
  return textCell(text(value, mode, language));
}

function textOf(value: unknown): ExportCell {
  if (value === undefined || value === null) return null;
  return textCell(typeof value === "object" ? JSON.stringify(value) : String(value));
}

function numberCell(value: unknown): ExportCell {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return textOf(value);
}

function column(key: string, headers: Texts, question: string, type: ExportColumn["type"], codes: LabelledValue[] = [], multiple = false): ExportColumn {
  return { key, headers, type, question, codes, multiple, ...(type === "text" ? { freeText: true } : {}) };
}

/**
 * A dynamic matrix's rows given columns when it allows more (survey-core's maximum is 1,000): as
 * many as a repeated panel's default, so that a sheet stays within Excel's 16,384 columns. The
 * rows after them are kept in one more column, as JSON, so that no answer is left out.
 */
export const TABLE_ROWS_EXPORTED = 100;

/** The columns of one question, with keys and headers under a prefix (a panel entry's). */
function questionColumns(question: ModelQuestion, owner: string): AnswerColumn[] {
  const name = question.name;
  if (NO_ANSWER.has(question.type)) return [];
  if (question.type === "paneldynamic") return panelColumns(question);
  if (question.table) return tableColumns(question, question.table, owner);
  if (question.items) {
    // A multiple text's boxes, each read as the text question it is from the box's answers.
    return question.items.list.flatMap((item) =>
      questionColumns(item, owner).map((inner) => within(inner, `${name}.${inner.column.key}`, texts((language) => part(language, question.titles[language], inner.column.headers[language])), (answers) => recordIn(answers[name]))),
    );
  }
  if (question.type === "matrix" && question.matrix) {
    const { rows, columns } = question.matrix;
    const text = codeText(columns);
    return rows.map((row) => ({
      column: column(`${name}.${row.value}`, texts((language) => part(language, question.titles[language], row.labels[language])), owner, "code", columns),
      cell: (answers, mode, language) => {
        const value = answers[name];
        return value && typeof value === "object" && !Array.isArray(value) ? codeCell(text, false, (value as Record<string, unknown>)[row.value], mode, language) : null;
      },
    }));
  }
  const own: AnswerColumn[] = [];
  if (CHOICE_TYPES.has(question.type)) {
    const multiple = MULTIPLE_TYPES.has(question.type);
    const text = codeText(question.choices);
    own.push({ column: column(name, question.titles, owner, "code", question.choices, multiple), cell: (answers, mode, language) => codeCell(text, multiple, answers[name], mode, language) });
  } else if (question.type === "rating" && question.rating?.values) {
    const values = question.rating.values;
    const text = codeText(values);
    own.push({ column: column(name, question.titles, owner, "code", values), cell: (answers, mode, language) => codeCell(text, false, answers[name], mode, language) });
  } else if (question.type === "rating") {
    own.push({ column: column(name, question.titles, owner, "number"), cell: (answers) => numberCell(answers[name]) });
  } else {
    own.push({ column: column(name, question.titles, owner, "text"), cell: (answers) => textOf(answers[name]) });
  }
  if (question.shape.comment) {
    const key = `${name}${COMMENT_SUFFIX}`;
    own.push({ column: column(key, texts((language) => translator(language)("exportFile.column.written", { question: question.titles[language] })), owner, "text"), cell: (answers) => textOf(answers[key]) });
  }
  return own;
}

function part(language: Language, whole: string, piece: string): string {
  return translator(language)("exportFile.column.part", { whole, part: piece });
}

/**
 * A column of a part of an answer (a table's row, a multiple text's boxes), under its key and
 * header, its cell read from the part `pick` finds in the answers (none: no cell).
 */
function within(inner: AnswerColumn, key: string, headers: Texts, pick: (answers: Record<string, unknown>) => Record<string, unknown> | undefined): AnswerColumn {
  return {
    column: { ...inner.column, key, headers },
    cell: (answers, mode, language) => {
      const cells = pick(answers);
      return cells ? inner.cell(cells, mode, language) : null;
    },
  };
}

/** An object stored as a part of an answer; anything else holds no cells. */
function recordIn(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * A table: for each of a matrix dropdown's rows, or each row number of a dynamic matrix (up to its
 * most rows), the columns of each of its columns' questions, headed "Table: row: column".
 */
function tableColumns(question: ModelQuestion, table: NonNullable<ModelQuestion["table"]>, owner: string): AnswerColumn[] {
  const name = question.name;
  const cellColumns = table.columns.list.flatMap((column) => questionColumns(column, owner));
  const headed = (inner: AnswerColumn, row: (language: Language) => string) => texts((language) => part(language, part(language, question.titles[language], row(language)), inner.column.headers[language]));
  if (table.rows) {
    return table.rows.flatMap((row) =>
      cellColumns.map((inner) => within(inner, `${name}.${row.value}.${inner.column.key}`, headed(inner, (language) => row.labels[language]), (answers) => recordIn(recordIn(answers[name])?.[row.value]))),
    );
  }
  const rows = Math.max(Math.min(table.maxRows, TABLE_ROWS_EXPORTED), table.minRows, 1);
  const more: AnswerColumn[] =
    table.maxRows > rows
      ? [
          {
            column: column(`${name}.more`, texts((language) => translator(language)("exportFile.column.moreRows", { table: question.titles[language], number: rows })), owner, "text"),
            cell: (answers) => {
              const value = answers[name];
              return Array.isArray(value) && value.length > rows ? textOf(value.slice(rows)) : null;
            },
          },
        ]
      : [];
  const numbered = Array.from({ length: rows }, (_, index) =>
    cellColumns.map((inner) =>
      within(
        inner,
        `${name}.${index + 1}.${inner.column.key}`,
        texts((language) => part(language, translator(language)("exportFile.column.row", { table: question.titles[language], number: index + 1 }), inner.column.headers[language])),
        (answers) => {
          const value = answers[name];
          return Array.isArray(value) ? recordIn(value[index]) : undefined;
        },
      ),
    ),
  ).flat();
  return [...numbered, ...more];
}

/** A repeated panel: its questions once per entry, numbered from 1, as many times as it takes entries. */
function panelColumns(panel: ModelQuestion): AnswerColumn[] {
  const inner = panel.panels?.questions.list ?? [];
  const entries = Math.max(panel.shape.maxPanels, panel.panels?.min ?? 0, 1);
  // Every column of the panel reads the same entries of a row: they are picked out once per row.
  let seen: unknown;
  let picked: Record<string, unknown>[] = [];
  const entriesIn = (answers: Record<string, unknown>) => {
    const value = answers[panel.name];
    if (value !== seen) {
      seen = value;
      picked = entriesOf(value);
    }
    return picked;
  };
  const columns: AnswerColumn[] = [];
  for (let index = 0; index < entries; index += 1) {
    const number = index + 1;
    for (const question of inner) {
      for (const innerColumn of questionColumns(question, panel.name)) {
        columns.push({
          column: {
            ...innerColumn.column,
            key: `${panel.name}.${number}.${innerColumn.column.key}`,
            headers: texts((language) => part(language, translator(language)("exportFile.column.entry", { panel: panel.titles[language], number }), innerColumn.column.headers[language])),
          },
          cell: (answers, mode, language) => {
            const entry = entriesIn(answers)[index];
            return entry ? innerColumn.cell(entry, mode, language) : null;
          },
        });
      }
    }
  }
  return columns;
}

/** A panel's entries that are objects; anything else stored there is not an entry. */
export function entriesOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((entry): entry is Record<string, unknown> => Boolean(entry) && typeof entry === "object" && !Array.isArray(entry)) : [];
}

/** Every answer column of a survey version, in the survey's order. */
export function answerColumns(model: SurveyModel): AnswerColumn[] {
  return model.questions.list.flatMap((question) => questionColumns(question, question.name));
}

/** The repeated panels whose entries each carry their author's consent to publication. */
export function consentPanels(questions: ModelQuestions, consentQuestion: string): string[] {
  return questions.list.filter((question) => question.panels !== null && questionNamed(question.panels.questions, consentQuestion) !== undefined).map((question) => question.name);
}
