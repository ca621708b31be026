import type { Language } from "#app/i18n/languages.ts";
import type { CompiledQuestion, CompiledQuestions } from "./rules.ts";

const COMMENT_SUFFIX = "-Comment";

/** The question an answer key belongs to (`name-Comment` is the "other" text of `name`). */
export function questionOf(questions: CompiledQuestions, key: string): CompiledQuestion | undefined {
  return questions.byName.get(key) ?? (key.endsWith(COMMENT_SUFFIX) ? questions.byName.get(key.slice(0, -COMMENT_SUFFIX.length)) : undefined);
}

/** A question's title in a language, from its answer key; the key itself for a key the survey does not know. */
export function questionTitle(questions: CompiledQuestions, key: string, language: Language): string {
  return questionOf(questions, key)?.titles[language] ?? key;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * An answer as people read it, in a language: choices by their labels (never their codes), yes
 * and no in words, a repeated panel's entries by their questions' titles. Null for no answer.
 */
export function answerText(question: CompiledQuestion | undefined, value: unknown, language: Language): string | null {
  if (isEmpty(value)) return null;
  if (question?.panels && Array.isArray(value)) {
    const entries = value.map((entry) => panelEntryText(question.panels?.questions, entry, language)).filter((text): text is string => text !== null);
    return entries.length ? entries.join(" / ") : null;
  }
  const label = (item: unknown) => question?.labels.get(String(item))?.[language] ?? plainText(item);
  if (Array.isArray(value)) return value.map(label).join("; ");
  return label(value);
}

/** One entry of a repeated panel: "Title: answer · Title: answer", in the survey's order. */
export function panelEntryText(questions: CompiledQuestions | undefined, entry: unknown, language: Language): string | null {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return plainText(entry) || null;
  const record = entry as Record<string, unknown>;
  const order = questions ? questions.list.map((question) => question.name) : [];
  const keys = [...order.filter((name) => name in record), ...Object.keys(record).filter((key) => !order.includes(key))];
  const parts = keys
    .map((key) => {
      const text = answerText(questions ? questionOf(questions, key) : undefined, record[key], language);
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
