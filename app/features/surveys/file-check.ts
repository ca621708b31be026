import { readFileSync } from "node:fs";
import { Model, Serializer, type QuestionMatrixDropdownModelBase } from "survey-core";
import type { TFunction } from "i18next";
import { translator } from "#app/i18n/i18n.ts";
import { languageName } from "#app/i18n/format.ts";
import type { Language } from "#app/i18n/languages.ts";
import { UPLOADED_QUESTION_TYPES } from "./check.ts";
import { TEXT_LANGUAGES, missingLanguages, translatableTexts, type TranslatableText } from "./translations.ts";
import { uncompiledProperties } from "./survey-model.ts";
import "./localization.ts";

/**
 * The check of a survey brought in from outside (a SurveyJS form builder's JSON): survey-core
 * reads it, the server must be able to store and check its answers, and every text a respondent
 * reads must be given in English, French and Spanish. Unlike the built-in surveys (check.ts),
 * question names are taken as SurveyJS allows them and shared lists need not come from the
 * taxonomy. Each finding names its place and says what to do, in plain words.
 */

export interface SurveyFinding {
  /** "error": the survey cannot be used as it is; "warning": it can, but something is missing or ignored. */
  level: "error" | "warning";
  /** Where: `survey`, `page ‹name›`, or the question's name (`panel › question` inside a dynamic panel). */
  where: string;
  /** What, in plain words, in the language asked for. */
  message: string;
  /** Set on a text that lacks a language: the translation table lists those texts itself. */
  untranslated?: true;
}

/** Question types whose answers the server does not keep (docs/decisions/0037): the finding that says why. */
const REFUSED_TYPES: Record<string, string> = { file: "surveyCheck.fileQuestion", signaturepad: "surveyCheck.signatureQuestion" };

/** The question types a table's cell may ask, of those SurveyJS offers (its sliders are not checked yet). */
const CELL_TYPES = new Set(["dropdown", "checkbox", "radiogroup", "tagbox", "text", "comment", "boolean", "expression", "rating"]);

/** Properties refused wherever they are: the finding that says why. */
const REFUSED_PROPERTIES: Record<string, string> = { choicesByUrl: "surveyCheck.choicesByUrl" };

/** HTML a survey shows as it is written: scripts and event handlers in it would run in respondents' browsers. */
const HTML_PROPERTIES = new Set(["html", "completedHtml", "completedBeforeHtml", "loadingHtml"]);
const ACTIVE_HTML = /<\s*(script|iframe|object|embed|form|meta|link|style)\b|\son[a-z]+\s*=|javascript:/i;

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/**
 * Whether SurveyJS keeps the text of the question's "Other" answer in its value, as if it were a
 * choice (with a comment area beside "Other", or storeOthersAsComment false), instead of in
 * `<name>-Comment`: such an answer cannot be checked against the choices, nor read back as one.
 */
function keepsOtherInValue(element: JsonRecord): boolean {
  const other = element.showOtherItem === true || element.hasOther === true;
  return other && (element.showCommentArea === true || element.hasComment === true || element.storeOthersAsComment === false);
}

/** What a text is, in words: "title", "the text of “yes”". */
export function textLabel(text: Pick<TranslatableText, "property" | "item">, t: TFunction): string {
  if (text.item !== undefined && text.property === "text") return t("surveyTexts.itemText", { item: text.item });
  const property = t(`surveyTexts.${text.property}`, { defaultValue: text.property });
  return text.item === undefined ? property : t("surveyTexts.ofItem", { property, item: text.item });
}

/** Everything that stands in the way of using a survey, and what is missing; empty when it is ready to publish. */
export function checkSurveyFile(raw: unknown, { allowMissingTranslations = false, language = "en" }: { allowMissingTranslations?: boolean; language?: Language } = {}): SurveyFinding[] {
  const t = translator(language);
  if (!isRecord(raw)) return [{ level: "error", where: "survey", message: t("surveyCheck.notAnObject") }];
  const findings: SurveyFinding[] = [];
  const add = (level: SurveyFinding["level"], where: string, message: string) => findings.push({ level, where, message });

  let model: Model;
  try {
    model = new Model(raw);
  } catch (error) {
    return [{ level: "error", where: "survey", message: t("surveyCheck.unreadable", { reason: error instanceof Error ? error.message : String(error) }) }];
  }
  for (const error of model.jsonErrors ?? []) add("warning", "survey", t("surveyCheck.ignored", { reason: error.message }));
  if (raw.storeOthersAsComment === false) add("error", "survey", t("surveyCheck.othersInValue"));
  if (model.getAllQuestions(false, false, true).length === 0) add("error", "survey", t("surveyCheck.noQuestion"));

  const names = new Map<string, number>();
  const walk = (elements: unknown, scope: string | null) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isRecord(element)) continue;
      const type = String(element.type ?? "");
      const name = typeof element.name === "string" ? element.name : "";
      const where = scope ? `${scope} › ${name || t("surveyCheck.noNamePlace")}` : name || t("surveyCheck.noNamePlace");
      if (!Serializer.findClass(type)) add("error", where, t("surveyCheck.unknownType", { type }));
      else if (REFUSED_TYPES[type]) add("error", where, t(REFUSED_TYPES[type]));
      else if (!UPLOADED_QUESTION_TYPES.has(type)) add("error", where, t("surveyCheck.unsupportedType", { type }));
      if (type !== "panel" && type !== "html") {
        if (!name.trim()) add("error", where, t("surveyCheck.noName"));
        else if (name.endsWith("-Comment")) add("error", where, t("surveyCheck.commentName", { question: name.slice(0, -8) }));
        else if (!scope) names.set(name, (names.get(name) ?? 0) + 1);
        if (keepsOtherInValue(element)) add("error", where, t("surveyCheck.otherWithComment"));
      }
      walk(element.elements, scope);
      if (Array.isArray(element.templateElements)) {
        const inner = new Map<string, number>();
        for (const child of element.templateElements) if (isRecord(child) && typeof child.name === "string") inner.set(child.name, (inner.get(child.name) ?? 0) + 1);
        for (const [innerName, count] of inner) if (count > 1) add("error", `${where} › ${innerName}`, t("surveyCheck.repeatedInPanel"));
        walk(element.templateElements, where);
      }
    }
  };
  const pages = Array.isArray(raw.pages) ? raw.pages : [];
  walk(raw.elements, null);
  for (const page of pages) if (isRecord(page)) walk(page.elements, null);
  for (const [name, count] of names) if (count > 1) add("error", name, t("surveyCheck.repeated"));
  // A table's cells are questions too: a column of files or signatures, or of a type whose answers are not checked, is refused as such a question is.
  for (const question of model.getAllQuestions(false, false, true)) {
    if (question.getType() !== "matrixdropdown" && question.getType() !== "matrixdynamic") continue;
    for (const column of (question as QuestionMatrixDropdownModelBase).columns) {
      const type = column.templateQuestion.getType();
      const where = `${question.name} › ${column.name}`;
      if (REFUSED_TYPES[type]) add("error", where, t(REFUSED_TYPES[type]));
      else if (!UPLOADED_QUESTION_TYPES.has(type) || !CELL_TYPES.has(type)) add("error", where, t("surveyCheck.unsupportedType", { type }));
    }
  }

  const refused = (node: unknown, where: string, scope: string | null, inPages: boolean): void => {
    if (Array.isArray(node)) return node.forEach((child) => refused(child, where, scope, inPages));
    if (!isRecord(node)) return;
    const named = typeof node.name === "string" && (node.type !== undefined || node.elements !== undefined);
    const here = !named ? where : inPages ? `page ${String(node.name)}` : scope ? `${scope} › ${String(node.name)}` : String(node.name);
    for (const [property, value] of Object.entries(node)) {
      if (REFUSED_PROPERTIES[property]) add("error", here, t(REFUSED_PROPERTIES[property]));
      else if (isRecord(value) || Array.isArray(value)) refused(value, here, property === "templateElements" ? here : scope, property === "pages");
    }
  };
  refused(raw, "survey", null, false);

  const list = new Intl.ListFormat(language, { type: "disjunction" });
  for (const text of translatableTexts(raw)) {
    const lacking = missingLanguages(text);
    if (HTML_PROPERTIES.has(text.property) && TEXT_LANGUAGES.some((code) => ACTIVE_HTML.test(text[code]))) add("error", text.where, t("surveyCheck.activeHtml", { what: textLabel(text, t) }));
    if (lacking.length) {
      const message = t("surveyCheck.untranslated", { what: textLabel(text, t), languages: list.format(lacking.map((code) => languageName(code, language))) });
      findings.push({ level: allowMissingTranslations ? "warning" : "error", where: text.where, message, untranslated: true });
    }
  }

  // What the compiled rules do not cover is checked by survey-core itself: said, not refused.
  const uncovered = uncompiledProperties(raw);
  if (uncovered.length && !findings.some((finding) => finding.level === "error")) {
    const more = uncovered.length > 5 ? t("surveyCheck.andMore", { count: uncovered.length - 5 }) : "";
    add("warning", "survey", t("surveyCheck.slowCheck", { features: `${uncovered.slice(0, 5).join("; ")}${more}` }));
  }
  return findings;
}

export interface SurveyFileCommandOutput {
  log(line: string): void;
}

export const SURVEY_FILE_USAGE = "usage: npm run surveys:check -- --file <path> [--allow-missing-translations]";

/** `surveys:check --file`: one file's findings, one a line; the exit code is 0 when the survey can be used. */
export function surveyFileCommand(path: string, options: { allowMissingTranslations: boolean }, output: SurveyFileCommandOutput): number {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `it is not JSON (${error.message})` : `it cannot be read (${error instanceof Error ? error.message : String(error)})`;
    output.log(`FAIL ${path}: ${reason}`);
    return 1;
  }
  const findings = checkSurveyFile(raw, options);
  const errors = findings.filter((finding) => finding.level === "error").length;
  output.log(`${errors ? "FAIL" : "ok  "} ${path}: ${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning${findings.length - errors === 1 ? "" : "s"}`);
  for (const finding of findings) output.log(`     ${finding.level === "error" ? "error  " : "warning"} ${finding.where}: ${finding.message}`);
  return errors ? 1 : 0;
}
