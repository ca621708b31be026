import { createHash } from "node:crypto";
import { questionTitle } from "#app/features/surveys/answer-text.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { validateAnswers, validateAnswersOffThread, type AnswerProblem, type ValidationResult } from "#app/features/surveys/validate.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import { ITEM_ID_KEY, isItemId, newItemId, withoutItemId } from "./item-key.ts";
import { sameValue, type Answers } from "./merge.ts";
import { panelsOf, type SurveyVersionRef } from "./views.ts";

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** The ids found in each repeated panel's entries, by position (null: the entry has none). */
type ItemIds = Map<string, (string | null)[]>;

function problemAt(version: SurveyVersionRef, panel: string, index: number, language: Language, key: string): AnswerProblem {
  const title = questionTitle(surveyModel(version).questions, panel, language);
  return { name: `${panel}[${index}]`, title, message: translator(language)(key) };
}

/**
 * Takes the entries' ids off the answers, so that the survey's checks see only answers: a
 * malformed id, or one given to two entries, is a problem of its own.
 */
function takeItemIds(version: SurveyVersionRef, answers: unknown, language: Language): { answers: unknown; ids: ItemIds; problems: AnswerProblem[] } {
  const ids: ItemIds = new Map();
  const problems: AnswerProblem[] = [];
  if (!isRecord(answers)) return { answers, ids, problems };
  const seen = new Set<string>();
  const stripped: JsonRecord = { ...answers };
  for (const panel of panelsOf(version).keys()) {
    const entries = answers[panel];
    if (!Array.isArray(entries)) continue;
    const found: (string | null)[] = [];
    stripped[panel] = entries.map((entry: unknown, index) => {
      if (!isRecord(entry) || !(ITEM_ID_KEY in entry)) {
        found.push(null);
        return entry;
      }
      const { [ITEM_ID_KEY]: id, ...rest } = entry;
      if (!isItemId(id)) problems.push(problemAt(version, panel, index, language, "validation.itemIdInvalid"));
      else if (seen.has(id)) problems.push(problemAt(version, panel, index, language, "validation.itemIdDuplicate"));
      else seen.add(id);
      found.push(isItemId(id) ? id : null);
      return rest;
    });
    ids.set(panel, found);
  }
  return { answers: stripped, ids, problems };
}

/** Puts the ids taken off back on the checked answers' entries, which keep their places. */
function putItemIds(data: JsonRecord, ids: ItemIds): JsonRecord {
  const result: JsonRecord = { ...data };
  for (const [panel, found] of ids) {
    const entries = data[panel];
    if (!Array.isArray(entries)) continue;
    result[panel] = entries.map((entry: unknown, index) => {
      const id = found[index];
      return id && isRecord(entry) ? { [ITEM_ID_KEY]: id, ...entry } : entry;
    });
  }
  return result;
}

/**
 * The survey's checks (app/features/surveys/validate.ts) on answers whose repeated panels'
 * entries carry stable ids: the ids are taken off, the answers checked, and the ids put back on
 * the checked answers by position. An entry without an id keeps none (giveItemIds gives it one).
 */
export function validateWithItemIds(version: SurveyVersionRef, answers: unknown, options: { mode: "draft" | "submit"; language: Language }): ValidationResult {
  const taken = takeItemIds(version, answers, options.language);
  return withItemIds(taken, validateAnswers(version, taken.answers, options));
}

/** The same, survey-core's check (if the survey needs it) made in a worker thread: for submissions. */
export async function validateWithItemIdsOffThread(version: SurveyVersionRef, answers: unknown, options: { mode: "draft" | "submit"; language: Language }): Promise<ValidationResult> {
  const taken = takeItemIds(version, answers, options.language);
  return withItemIds(taken, await validateAnswersOffThread(version, taken.answers, options));
}

function withItemIds(taken: ReturnType<typeof takeItemIds>, checked: ValidationResult): ValidationResult {
  const problems = [...taken.problems, ...checked.problems];
  return { ok: problems.length === 0, problems, data: putItemIds(checked.data, taken.ids) };
}

/**
 * The id of an entry saved before entries had ids: derived from its answer, panel and place, the
 * same every time, so that its proposal keeps its identity until an amendment stores real ids.
 */
export function legacyItemId(responseId: string, panel: string, position: number): string {
  const hex = createHash("sha256").update(`${responseId}\u0000${panel}\u0000${position}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id an entry carries, or the one it is known by (an entry stored before ids). */
export function itemIdOf(entry: JsonRecord, responseId: string, panel: string, position: number): string {
  const id = entry[ITEM_ID_KEY];
  return isItemId(id) ? id : legacyItemId(responseId, panel, position);
}

/**
 * Gives an id to every entry without one (an importer, a page older than ids): the id of a stored
 * entry with the same answers if no other entry carries it, so that saving the same answers
 * again keeps their ids (an entry stored before ids keeps the id it is known by); otherwise a
 * new one. The answering page gives ids itself, so that an edited entry keeps its own.
 */
export function giveItemIds(version: SurveyVersionRef, answers: Answers, stored: Answers, responseId: string): Answers {
  const result: Answers = { ...answers };
  for (const panel of panelsOf(version).keys()) {
    const entries = answers[panel];
    if (!Array.isArray(entries)) continue;
    const used = new Set(entries.map((entry: unknown) => (isRecord(entry) ? entry[ITEM_ID_KEY] : undefined)).filter(isItemId));
    const before = (Array.isArray(stored[panel]) ? (stored[panel] as unknown[]) : []).flatMap((entry, position) => (isRecord(entry) ? [{ id: itemIdOf(entry, responseId, panel, position), content: withoutItemId(entry) }] : []));
    result[panel] = entries.map((entry: unknown) => {
      if (!isRecord(entry) || isItemId(entry[ITEM_ID_KEY])) return entry;
      const same = before.find((candidate) => !used.has(candidate.id) && sameValue(candidate.content, entry));
      const id = same?.id ?? newItemId();
      used.add(id);
      return { [ITEM_ID_KEY]: id, ...entry };
    });
  }
  return result;
}

/** Every entry id of a set of answers, with where it is. */
export function itemIdsIn(version: SurveyVersionRef, answers: Answers): { id: string; panel: string; index: number }[] {
  const found: { id: string; panel: string; index: number }[] = [];
  for (const panel of panelsOf(version).keys()) {
    const entries = answers[panel];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry: unknown, index) => {
      const id = isRecord(entry) ? entry[ITEM_ID_KEY] : undefined;
      if (isItemId(id)) found.push({ id, panel, index });
    });
  }
  return found;
}

export function itemIdProblem(version: SurveyVersionRef, at: { panel: string; index: number }, language: Language): AnswerProblem {
  return problemAt(version, at.panel, at.index, language, "validation.itemIdForeign");
}

/**
 * The working copy of an answer for the answering page: entries stored before entries had ids
 * get the ids they are known by, so that the page keeps them and an amendment keeps their proposals.
 */
export function answersForPage(version: SurveyVersionRef, response: { id: string; data: string }): Answers {
  const parsed: unknown = JSON.parse(response.data);
  const answers = isRecord(parsed) ? parsed : {};
  return giveItemIds(version, answers, answers, response.id);
}
