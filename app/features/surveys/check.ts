import { Model } from "survey-core";
import { resolveTaxonomies, taxonomyTerms } from "./definitions.ts";
import { SURVEY_PLACEHOLDERS, placeholdersIn } from "./placeholders.ts";
import { uncompiledProperties } from "./survey-model.ts";

/** The properties whose values a person reads: each must be given in English, French and Spanish. */
export const LOCALIZABLE = new Set([
  "title",
  "description",
  "html",
  "text",
  "placeholder",
  "minRateDescription",
  "maxRateDescription",
  "labelTrue",
  "labelFalse",
  "otherText",
  "noneText",
  "selectAllText",
  "otherPlaceholder",
  "commentPlaceholder",
  "panelAddText",
  "panelRemoveText",
  "templateTitle",
  "noEntriesText",
  "completedHtml",
  "requiredErrorText",
  "completeText",
  "pageNextText",
  "pagePrevText",
  "startSurveyText",
  "previewText",
  "editText",
  "navigationTitle",
  "navigationDescription",
  "completedBeforeHtml",
  "loadingHtml",
  "selectToRankEmptyRankedAreaText",
  "selectToRankEmptyUnrankedAreaText",
]);

/** The question types of the built-in surveys: those whose rules are compiled (survey-model.ts), so that their submissions are checked without survey-core. */
export const BUILT_IN_QUESTION_TYPES = new Set(["text", "comment", "radiogroup", "checkbox", "dropdown", "tagbox", "ranking", "rating", "boolean", "matrix", "paneldynamic", "panel", "html"]);
/**
 * The question types of a survey brought in from outside: those whose answers the server checks
 * for shape (validate.ts). Tables, multiple-text questions and expressions are checked by
 * survey-core on submission (docs/decisions/0037).
 */
export const UPLOADED_QUESTION_TYPES = new Set([...BUILT_IN_QUESTION_TYPES, "matrixdropdown", "matrixdynamic", "multipletext", "expression"]);
const NAME = /^[a-z][a-z0-9_]*$/;
const LANGUAGE_KEYS = ["default", "fr", "es"] as const;
/** SurveyJS's own text variables, filled by survey-core. */
const SURVEYJS_VARIABLES = new Set(["panelIndex", "panelCount", "itemIndex", "rowIndex", "visibleIndex", "pageno", "pagecount", "locale"]);
const CONSULTATION_PLACEHOLDERS = new Set<string>(SURVEY_PLACEHOLDERS);

/**
 * The `{…}` of a text in three languages: each must be a consultation placeholder, one of
 * SurveyJS's variables or a question of the survey (piped answers), the same in every language;
 * consultation placeholders stay out of HTML (their values are plain text) and out of the
 * survey's own title (the consultation form's picker shows it as it is written).
 */
function placeholderProblems(texts: Record<string, string>, path: string, where: { key: string; surveyTitle: boolean }, questions: Set<string>): string[] {
  const problems: string[] = [];
  const sets = LANGUAGE_KEYS.map((language) => [...new Set(placeholdersIn(texts[language] ?? ""))].sort());
  const all = [...new Set(sets.flat())];
  for (const name of all) {
    if (!CONSULTATION_PLACEHOLDERS.has(name) && !SURVEYJS_VARIABLES.has(name) && !questions.has(name)) {
      problems.push(`${path} names {${name}}, which is neither a consultation placeholder (${SURVEY_PLACEHOLDERS.map((known) => `{${known}}`).join(", ")}), a SurveyJS variable nor a question`);
    }
    if (CONSULTATION_PLACEHOLDERS.has(name) && (where.key === "html" || where.key === "completedHtml")) problems.push(`${path} puts {${name}} in HTML: consultation placeholders are plain text, use them in titles and descriptions`);
    if (CONSULTATION_PLACEHOLDERS.has(name) && where.surveyTitle) problems.push(`${path}: the survey's title names the survey in the consultation form, where {${name}} cannot be filled`);
  }
  if (sets.some((set) => set.join() !== sets[0]?.join())) {
    problems.push(`${path} names different placeholders in default, fr and es (${sets.map((set, index) => `${LANGUAGE_KEYS[index]}: ${set.map((name) => `{${name}}`).join(" ") || "none"}`).join("; ")})`);
  }
  return problems;
}

interface Element {
  type?: unknown;
  name?: unknown;
  elements?: unknown;
  templateElements?: unknown;
  choices?: unknown;
  rows?: unknown;
  columns?: unknown;
}

/**
 * Everything wrong with a survey file, as readable sentences (empty when it is fine): the rules of
 * surveys/README.md, then SurveyJS's own reading of the resolved definition.
 */
export function checkSurveyDefinition(slug: string, raw: unknown): string[] {
  const problems: string[] = [];
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return [`${slug}: the file is not a JSON object`];
  const questions = new Set(answerKeys(raw).flatMap((key) => [key, `panel.${key.split(".").at(-1) ?? key}`]));

  const checkStrings = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, index) => checkStrings(child, `${path}[${index}]`));
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const here = `${path}.${key}`;
      if (key === "$taxonomy") continue;
      if (LOCALIZABLE.has(key)) {
        if (typeof value === "string") problems.push(`${slug}: ${here} is not translated: give default (English), fr and es`);
        else if (value && typeof value === "object" && !Array.isArray(value)) {
          const record = value as Record<string, unknown>;
          const missing = LANGUAGE_KEYS.filter((language) => typeof record[language] !== "string" || !(record[language] as string).trim());
          if (missing.length) problems.push(`${slug}: ${here} has no text in ${missing.join(", ")}`);
          else problems.push(...placeholderProblems(record as Record<string, string>, here, { key, surveyTitle: here === `${slug}.title` }, questions));
          continue;
        }
      }
      checkStrings(value, here);
    }
  };
  checkStrings(raw, slug);

  const checkItems = (items: unknown, where: string) => {
    if (items === undefined) return;
    if (items && typeof items === "object" && !Array.isArray(items)) {
      const name = (items as Record<string, unknown>).$taxonomy;
      if (!taxonomyTerms(String(name))) problems.push(`${slug}: ${where} names an unknown taxonomy "${String(name)}"`);
      return;
    }
    if (!Array.isArray(items)) {
      problems.push(`${slug}: ${where} must be a list or a { "$taxonomy": … } reference`);
      return;
    }
    const values = items.map((item) => (item && typeof item === "object" ? (item as Record<string, unknown>).value : item));
    for (const [index, item] of items.entries()) {
      if (!item || typeof item !== "object" || !("value" in item) || !("text" in item)) {
        problems.push(`${slug}: ${where}[${index}] must be { "value": …, "text": { "default", "fr", "es" } }`);
      }
    }
    if (new Set(values.map(String)).size !== values.length) problems.push(`${slug}: ${where} repeats a value`);
    for (const taxonomy of ["gcm-objectives", "guiding-principles", "governance-levels", "capacity-gaps", "support-modalities", "stakeholder-types", "regions"]) {
      const known = new Set((taxonomyTerms(taxonomy) ?? []).map((term) => term.value));
      const shared = values.filter((value) => known.has(String(value))).length;
      if (shared >= 2) problems.push(`${slug}: ${where} copies the "${taxonomy}" list: use { "$taxonomy": "${taxonomy}" }`);
    }
  };

  const checkElements = (elements: unknown, scope: string, names: Set<string>) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Element[]) {
      const type = String(element.type ?? "");
      const name = typeof element.name === "string" ? element.name : "";
      const where = `${scope} › ${name || "(no name)"}`;
      if (!BUILT_IN_QUESTION_TYPES.has(type)) problems.push(`${slug}: ${where} has type "${type}", which the server cannot check`);
      if (!NAME.test(name)) problems.push(`${slug}: ${where} needs a snake_case name`);
      else if (names.has(name)) problems.push(`${slug}: the name "${name}" is used twice in ${scope}`);
      else names.add(name);
      checkItems(element.choices, `${where}.choices`);
      if (type === "matrix") {
        checkItems(element.rows, `${where}.rows`);
        checkItems(element.columns, `${where}.columns`);
      }
      if (type === "panel") checkElements(element.elements, scope, names);
      if (type === "paneldynamic") checkElements(element.templateElements, `${where} (panel)`, new Set());
    }
  };
  const pages = (raw as { pages?: unknown }).pages;
  if (!Array.isArray(pages) || pages.length === 0) problems.push(`${slug}: the survey has no pages`);
  const names = new Set<string>();
  for (const [index, page] of (Array.isArray(pages) ? pages : []).entries()) {
    const pageRecord = page as { name?: unknown; elements?: unknown };
    if (typeof pageRecord.name !== "string" || !/^[a-z][a-z0-9_-]*$/.test(pageRecord.name)) problems.push(`${slug}: page ${index + 1} needs a name`);
    checkElements(pageRecord.elements, `page ${String(pageRecord.name ?? index + 1)}`, names);
  }

  if (problems.length === 0) {
    try {
      const model = new Model(resolveTaxonomies(raw));
      for (const error of model.jsonErrors ?? []) problems.push(`${slug}: SurveyJS: ${error.message}`);
      if (model.getAllQuestions().length === 0) problems.push(`${slug}: SurveyJS finds no question`);
      for (const found of uncompiledProperties(resolveTaxonomies(raw))) {
        problems.push(`${slug}: ${found}: the server's compiled rules (app/features/surveys/survey-model.ts) do not cover it; add it there, with a case in rules.test.ts, before using it`);
      }
    } catch (error) {
      problems.push(`${slug}: SurveyJS cannot read it: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

/** Every answer key a definition can produce: question names, and `panel.question` inside dynamic panels. */
export function answerKeys(raw: unknown): string[] {
  const keys: string[] = [];
  const walk = (elements: unknown, prefix: string) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Element[]) {
      if (typeof element.name !== "string") continue;
      if (element.type === "panel") walk(element.elements, prefix);
      else if (element.type !== "html") keys.push(`${prefix}${element.name}`);
      if (element.type === "paneldynamic") walk(element.templateElements, `${prefix}${element.name}.`);
    }
  };
  const survey = raw as { pages?: unknown; elements?: unknown };
  walk(survey.elements, "");
  for (const page of Array.isArray(survey.pages) ? (survey.pages as { elements?: unknown }[]) : []) walk(page?.elements, "");
  return keys.sort();
}

/**
 * Names must stay stable: a key recorded in the lock file that a survey no longer has would
 * orphan the answers given to earlier versions; a key not yet recorded must be recorded.
 */
export function checkStableNames(slug: string, raw: unknown, recorded: readonly string[] | undefined): string[] {
  const current = new Set(answerKeys(raw));
  const known = new Set(recorded ?? []);
  return [
    ...[...known].filter((key) => !current.has(key)).map((key) => `${slug}: the answer key "${key}" was removed or renamed; earlier answers use it, so keep it`),
    ...[...current].filter((key) => !known.has(key)).map((key) => `${slug}: the answer key "${key}" is new: record it with npm run surveys:check -- --record`),
  ];
}
