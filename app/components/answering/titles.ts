import { fillPlaceholders } from "#app/features/surveys/placeholders.ts";
import { modelOfDefinition, type ModelQuestions } from "#app/features/surveys/survey-model.ts";
import type { Language } from "#app/i18n/languages.ts";

/**
 * Question titles by answer key from a resolved definition's compiled model, in a language, with
 * the consultation's placeholders filled. Questions inside repeated panels are named too; a
 * survey's own question wins over an inner one of the same name.
 */
export function questionTitles(definition: object, language: Language, placeholders: Partial<Record<string, string>> | null = null): Map<string, string> {
  const titles = new Map<string, string>();
  const add = (questions: ModelQuestions) => {
    for (const question of questions.list) if (!titles.has(question.name)) titles.set(question.name, fillPlaceholders(question.titles[language], placeholders));
    for (const question of questions.list) if (question.panels) add(question.panels.questions);
  };
  add(modelOfDefinition(definition).questions);
  return titles;
}
