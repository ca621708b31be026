import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import { isEmptyAnswer, labelOf, questionNamed, type ModelQuestion, type ModelQuestions } from "./survey-model.ts";

const COMMENT_SUFFIX = "-Comment";

/** The question an answer key belongs to (`name-Comment` is the "other" text of `name`). */
export function questionOf(questions: ModelQuestions, key: string): ModelQuestion | undefined {
  return questionNamed(questions, key) ?? (key.endsWith(COMMENT_SUFFIX) ? questionNamed(questions, key.slice(0, -COMMENT_SUFFIX.length)) : undefined);
}

/** A question's title in a language, from its answer key; the key itself for a key the survey does not know. */
export function questionTitle(questions: ModelQuestions, key: string, language: Language): string {
  return questionOf(questions, key)?.titles[language] ?? key;
}

/** The "other" text answered beside a question, from the answers that hold it. */
export function otherText(question: ModelQuestion, answers: Record<string, unknown>): unknown {
  return question.otherValue === null ? undefined : answers[`${question.name}${COMMENT_SUFFIX}`];
}

/**
 * One answer as plain text in a language, as survey-core shows it on a page: choices by their
 * labels (a chosen "other" by the text written for it, when there is one; a choice hidden by
 * choicesVisibleIf by its label too, where survey-core showed its code), several choices
 * separated by commas, yes and no in the survey's words, a rating by its label when the scale
 * has labels, a ranking in its order ("1. X, 2. Y"), a matrix as "row: column" pairs; a repeated
 * panel's entries as "Title: answer" (entries separated by " / "), and so a table's rows too, each
 * after its row's label ("Row 1" in a dynamic matrix), and a multiple text's boxes. A value the
 * survey does not offer is shown as it is stored.
 */
export function valueLabel(question: ModelQuestion | undefined, value: unknown, language: Language, other?: unknown): string {
  if (!question) return plainText(value);
  const choice = (item: unknown) =>
    question.otherValue !== null && String(item) === question.otherValue && typeof other === "string" && other !== ""
      ? other
      : (labelOf(question.choices, item, language) ?? plainText(item));
  switch (question.type) {
    case "checkbox":
    case "tagbox":
      return Array.isArray(value) ? value.map(choice).join(", ") : choice(value);
    case "ranking":
      return Array.isArray(value) ? value.map((item, index) => `${index + 1}. ${choice(item)}`).join(", ") : choice(value);
    case "radiogroup":
    case "dropdown":
    case "boolean":
      return choice(value);
    case "rating":
      return (question.rating?.values && labelOf(question.rating.values, value, language)) ?? plainText(value);
    case "matrix": {
      const matrix = question.matrix;
      if (!matrix || !value || typeof value !== "object" || Array.isArray(value)) return plainText(value);
      return Object.entries(value as Record<string, unknown>)
        .map(([row, column]) => `${labelOf(matrix.rows, row, language) ?? row}: ${labelOf(matrix.columns, column, language) ?? plainText(column)}`)
        .join("; ");
    }
    case "paneldynamic": {
      if (!Array.isArray(value)) return plainText(value);
      return value
        .map((entry) => panelEntryText(question.panels?.questions, entry, language))
        .filter((text): text is string => text !== null)
        .join(" / ");
    }
    case "matrixdropdown":
    case "matrixdynamic":
      return question.table && (question.table.rows === null ? Array.isArray(value) : isRecord(value)) ? tableText(question.table, value, language) : plainText(value);
    case "multipletext":
      return (question.items && isRecord(value) ? panelEntryText(question.items, value, language) : null) ?? plainText(value);
    default:
      return plainText(value);
  }
}

/** A table's rows as text: each row's label (or number, for rows the person added) before its cells' "Column: answer". */
function tableText(table: NonNullable<ModelQuestion["table"]>, value: unknown, language: Language): string {
  return tableRows(table, value, language)
    .map(({ title, cells }) => {
      const text = panelEntryText(table.columns, cells, language);
      return text === null ? null : `${title} – ${text}`;
    })
    .filter((text): text is string => text !== null)
    .join(" / ");
}

/**
 * A table's rows as stored, each with its title in a language: a matrix dropdown's rows in the
 * survey's order (then rows it no longer has, by their keys), a dynamic matrix's rows numbered
 * from 1 in the order given. What is not a row of cells is left out.
 */
export function tableRows(table: NonNullable<ModelQuestion["table"]>, value: unknown, language: Language): { key: string; title: string; cells: Record<string, unknown> }[] {
  if (table.rows === null) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((cells, index) => (isRecord(cells) ? [{ key: String(index), title: translator(language)("validation.tableRow", { number: index + 1 }), cells }] : []));
  }
  if (!isRecord(value)) return [];
  const known = table.rows.filter((row) => Object.hasOwn(value, row.value));
  const unknown = Object.keys(value).filter((key) => !table.rows?.some((row) => row.value === key));
  return [...known.map((row) => ({ key: row.value, title: row.labels[language] })), ...unknown.map((key) => ({ key, title: key }))].flatMap(({ key, title }) => {
    const cells = value[key];
    return isRecord(cells) ? [{ key, title, cells }] : [];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** An answer as people read it (see `valueLabel`), or null for no answer. */
export function answerText(question: ModelQuestion | undefined, value: unknown, language: Language): string | null {
  if (isEmptyAnswer(value)) return null;
  return valueLabel(question, value, language) || null;
}

/** One entry of a repeated panel: "Title: answer · Title: answer", in the survey's order. */
export function panelEntryText(questions: ModelQuestions | undefined, entry: unknown, language: Language): string | null {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return plainText(entry) || null;
  const record = entry as Record<string, unknown>;
  const order = questions ? questions.list.map((question) => question.name) : [];
  // An "other" text is shown in place of the "other" choice, not as an answer of its own.
  const others = questions ? questions.list.filter((question) => question.otherValue !== null).map((question) => `${question.name}${COMMENT_SUFFIX}`) : [];
  const keys = [...order.filter((name) => name in record), ...Object.keys(record).filter((key) => !order.includes(key) && !others.includes(key))];
  const parts = keys
    .map((key) => {
      const question = questions ? questionOf(questions, key) : undefined;
      const text = isEmptyAnswer(record[key]) ? null : valueLabel(question, record[key], language, question ? otherText(question, record) : undefined) || null;
      return text === null ? null : `${questions ? questionTitle(questions, key, language) : key}: ${text}`;
    })
    .filter((part): part is string => part !== null);
  return parts.length ? parts.join(" · ") : null;
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    return Array.isArray(value)
      ? value.map(plainText).join("; ")
      : Object.entries(value as Record<string, unknown>)
          .map(([key, item]) => `${key}: ${plainText(item)}`)
          .join("; ");
  }
  return String(value);
}
