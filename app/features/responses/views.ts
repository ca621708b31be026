import { answerText, panelEntryText, questionOf, questionTitle } from "#app/features/surveys/answer-text.ts";
import { surveyModel, type ModelQuestions } from "#app/features/surveys/survey-model.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { Answers, MergeConflict } from "./merge.ts";
import { sameValue } from "./merge.ts";
import { answersWithoutItemIds } from "./item-key.ts";
import type { ChangesBy } from "./news.ts";

export interface SurveyVersionRef {
  id: string;
  definition: object;
}

/** A disputed answer as the reader sees it: the question's title, and each side's answer in words. */
export interface ConflictView {
  name: string;
  title: string;
  /** What is stored for each choice. */
  mine: unknown;
  theirs: unknown;
  /** Whether `shown` lists entries of a repeated panel (null: the entry removed) rather than the whole answer (null: no answer). */
  entries: boolean;
  /** The disputed answer, or each disputed entry of a repeated panel, as text (null: no answer, or the entry removed). */
  shown: { mine: string | null; theirs: string | null }[];
}

/** What someone else changed, in the reader's language. */
export interface NewsView {
  by: string | null;
  /** The reader's own account, from another window or device. */
  elsewhere: boolean;
  /** Titles of the questions they changed whose answer someone else had given. */
  changed: string[];
  /** Titles of the questions whose answer, given by the reader, they replaced. */
  replaced: string[];
}

/** The repeated panels of a survey version, with the question that names their entries. */
export function panelsOf(version: SurveyVersionRef): Map<string, string | null> {
  const panels = new Map<string, string | null>();
  for (const question of surveyModel(version).questions.list) {
    if (question.panels) panels.set(question.name, question.panels.key?.name ?? null);
  }
  return panels;
}

export function conflictViews(version: SurveyVersionRef, conflicts: MergeConflict[], language: Language): ConflictView[] {
  const questions = surveyModel(version).questions;
  return conflicts.map((conflict) => {
    const question = questionOf(questions, conflict.name);
    const inner = question?.panels?.questions;
    // A repeated panel's disputed entries are shown one by one; a whole answer as a whole.
    const entries = !!inner && conflict.parts.every((part) => !Array.isArray(part.mine) && !Array.isArray(part.theirs));
    // Entries' ids are not the person's words: they are left out of the texts.
    const shown = conflict.parts.map(({ mine, theirs }) => ({ mine: answersWithoutItemIds(mine), theirs: answersWithoutItemIds(theirs) })).map((part) =>
      entries && inner ? entryTexts(inner, part.mine, part.theirs, language) : { mine: answerText(question, part.mine, language), theirs: answerText(question, part.theirs, language) },
    );
    return { name: conflict.name, title: questionTitle(questions, conflict.name, language), mine: conflict.mine, theirs: conflict.theirs, entries, shown };
  });
}

/**
 * Two versions of one entry of a repeated panel: the answers that differ, after the first answer
 * both share (which tells the reader which entry it is).
 */
function entryTexts(questions: ModelQuestions, mine: unknown, theirs: unknown, language: Language): { mine: string | null; theirs: string | null } {
  if (!isRecord(mine) || !isRecord(theirs)) return { mine: panelEntryText(questions, mine, language), theirs: panelEntryText(questions, theirs, language) };
  const names = questions.list.map((question) => question.name).filter((name) => name in mine || name in theirs);
  const naming = names.find((name) => sameValue(mine[name], theirs[name]) && mine[name] !== undefined && mine[name] !== "");
  const differing = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((key) => !sameValue(mine[key], theirs[key]));
  const pick = (entry: Answers) => Object.fromEntries([naming, ...differing].filter((key): key is string => !!key && key in entry).map((key) => [key, entry[key]]));
  return { mine: panelEntryText(questions, pick(mine), language), theirs: panelEntryText(questions, pick(theirs), language) };
}

function isRecord(value: unknown): value is Answers {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

export function newsViews(version: SurveyVersionRef, changes: ChangesBy[], reader: { id: string }, language: Language): NewsView[] {
  const questions = surveyModel(version).questions;
  const titles = (keys: string[]) => [...new Set(keys.map((key) => questionTitle(questions, key, language)))];
  return changes.map((person) => {
    // The reader's own changes from elsewhere replace nobody's answers.
    const elsewhere = person.userId === reader.id;
    const replaced = elsewhere ? [] : person.replaced;
    return { by: person.name, elsewhere, changed: titles(person.changed.filter((key) => !replaced.includes(key))), replaced: titles(replaced) };
  });
}
