import { Model, type PanelModel, type Question, type QuestionPanelDynamicModel } from "survey-core";
import "./localization.ts";
import type { Language } from "#app/i18n/languages.ts";

export interface DisplayItem {
  title: string;
  /** The answer as text, choices by their labels in the reader's language. */
  value: string;
  /** For repeated panels: one list of items per entry. */
  entries?: DisplayItem[][];
}

export interface DisplaySection {
  title: string;
  items: DisplayItem[];
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(asText).join("; ");
  if (typeof value === "object") return Object.entries(value as Record<string, unknown>).map(([key, item]) => `${key}: ${asText(item)}`).join("; ");
  return String(value);
}

function item(question: Question): DisplayItem | null {
  if (question.isEmpty()) return null;
  const title = question.processedTitle || question.name;
  if (question.getType() === "paneldynamic") {
    const panels = (question as QuestionPanelDynamicModel).panels as PanelModel[];
    const entries = panels.map((panel) => panel.questions.filter((inner) => inner.isVisible).map(item).filter((entry): entry is DisplayItem => entry !== null));
    return { title, value: "", entries };
  }
  if (question.getType() === "boolean") return { title, value: question.displayValue as string };
  return { title, value: asText(question.displayValue) };
}

/**
 * A read-only copy of answers, page by page, in a language: for receipts and print. Hidden and
 * unanswered questions are left out; the consultation's placeholders fill the survey's texts.
 */
export function answersForDisplay(definition: object, answers: Record<string, unknown>, language: Language, placeholders: Partial<Record<string, string>> = {}): DisplaySection[] {
  const model = new Model(definition);
  model.locale = language === "en" ? "" : language;
  for (const [name, value] of Object.entries(placeholders)) model.setVariable(name, value);
  model.data = answers;
  return model.pages
    .map((page) => ({
      title: page.processedTitle || page.name,
      items: page.questions.filter((question) => question.isVisible).map(item).filter((entry): entry is DisplayItem => entry !== null),
    }))
    .filter((section) => section.items.length > 0);
}
