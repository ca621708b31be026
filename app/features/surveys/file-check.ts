import { readFileSync } from "node:fs";
import { Model, Serializer } from "survey-core";
import { LOCALIZABLE, QUESTION_TYPES } from "./check.ts";
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
  message: string;
}

/** Question types whose answers the server does not keep, with the reason (docs/decisions/0037). */
const REFUSED_TYPES: Record<string, string> = {
  file: "file questions upload files, which Consulta does not store: ask for a link in a text question instead",
  signaturepad: "signatures are images, which Consulta does not store",
};

/** Properties refused wherever they are, with the reason. */
const REFUSED_PROPERTIES: Record<string, string> = {
  choicesByUrl: "choicesByUrl makes every respondent's browser call another site for the choices: list the choices in the survey instead",
};

const LANGUAGES = [
  { keys: ["default", "en"], name: "English" },
  { keys: ["fr"], name: "French" },
  { keys: ["es"], name: "Spanish" },
] as const;

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** The languages a text is missing: a plain string is English only. */
function missingLanguages(text: unknown): string[] {
  if (typeof text === "string") return text.trim() ? LANGUAGES.slice(1).map((language) => language.name) : LANGUAGES.map((language) => language.name);
  if (!isRecord(text)) return [];
  return LANGUAGES.filter((language) => !language.keys.some((key) => typeof text[key] === "string" && (text[key] as string).trim() !== "")).map((language) => language.name);
}

/** Everything that stands in the way of using a survey, and what is missing; empty when it is ready to publish. */
export function checkSurveyFile(raw: unknown, { allowMissingTranslations = false } = {}): SurveyFinding[] {
  if (!isRecord(raw)) return [{ level: "error", where: "survey", message: "the file is not a SurveyJS survey: it must hold one JSON object" }];
  const findings: SurveyFinding[] = [];
  const add = (level: SurveyFinding["level"], where: string, message: string) => findings.push({ level, where, message });

  let model: Model;
  try {
    model = new Model(raw);
  } catch (error) {
    return [{ level: "error", where: "survey", message: `SurveyJS cannot read it: ${error instanceof Error ? error.message : String(error)}` }];
  }
  for (const error of model.jsonErrors ?? []) add("warning", "survey", `SurveyJS ignores part of it: ${error.message}`);
  if (model.getAllQuestions(false, false, true).length === 0) add("error", "survey", "it has no question");

  const names = new Map<string, number>();
  const walk = (elements: unknown, scope: string | null) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isRecord(element)) continue;
      const type = String(element.type ?? "");
      const name = typeof element.name === "string" ? element.name : "";
      const where = scope ? `${scope} › ${name || "(no name)"}` : name || "(no name)";
      if (!Serializer.findClass(type)) add("error", where, `"${type}" is not a SurveyJS question type`);
      else if (REFUSED_TYPES[type]) add("error", where, REFUSED_TYPES[type]);
      else if (!QUESTION_TYPES.has(type)) add("error", where, `Consulta cannot check answers to "${type}" questions yet`);
      if (type !== "panel" && type !== "html") {
        if (!name.trim()) add("error", where, "the question has no name: answers are stored under it");
        else if (name.endsWith("-Comment")) add("error", where, `the name ends in "-Comment", which SurveyJS uses for the comment of the question "${name.slice(0, -8)}"`);
        else if (!scope) names.set(name, (names.get(name) ?? 0) + 1);
      }
      walk(element.elements, scope);
      if (Array.isArray(element.templateElements)) {
        const inner = new Map<string, number>();
        for (const child of element.templateElements) if (isRecord(child) && typeof child.name === "string") inner.set(child.name, (inner.get(child.name) ?? 0) + 1);
        for (const [innerName, count] of inner) if (count > 1) add("error", `${where} › ${innerName}`, "the name is used twice in the same repeated panel: one answer would overwrite the other");
        walk(element.templateElements, where);
      }
    }
  };
  const pages = Array.isArray(raw.pages) ? raw.pages : [];
  walk(raw.elements, null);
  for (const page of pages) if (isRecord(page)) walk(page.elements, null);
  for (const [name, count] of names) if (count > 1) add("error", name, "the name is used twice: one answer would overwrite the other");

  // `scope`: the repeated panel whose template holds the node, whose questions are named after it.
  const refusedAndTexts = (node: unknown, where: string, key: string | null, scope: string | null): void => {
    if (Array.isArray(node)) return node.forEach((child) => refusedAndTexts(child, where, key, scope));
    if (!isRecord(node)) {
      // A choice given as a plain string is shown as it is written: English only.
      if (typeof node === "string" && key !== null && ["choices", "rows", "columns"].includes(key)) translation(where, `the choice "${node}"`, node);
      return;
    }
    const named = typeof node.name === "string" && (node.type !== undefined || node.elements !== undefined);
    const here = !named ? where : key === "pages" ? `page ${String(node.name)}` : scope ? `${scope} › ${String(node.name)}` : String(node.name);
    for (const [property, value] of Object.entries(node)) {
      if (REFUSED_PROPERTIES[property]) add("error", here, REFUSED_PROPERTIES[property]);
      else if (LOCALIZABLE.has(property) || (property === "text" && key !== null)) translation(here, property === "text" ? `the text of "${String(node.value ?? node.name ?? "")}"` : property, value);
      else if (isRecord(value) || Array.isArray(value)) refusedAndTexts(value, here, property, property === "templateElements" ? here : scope);
    }
  };
  const translation = (where: string, what: string, text: unknown) => {
    const missing = missingLanguages(text);
    if (missing.length) add(allowMissingTranslations ? "warning" : "error", where, `${what} has no ${missing.join(" or ")} text`);
  };
  refusedAndTexts(raw, "survey", null, null);

  // What the compiled rules do not cover is checked by survey-core itself: said, not refused.
  const uncovered = uncompiledProperties(raw);
  if (uncovered.length && !findings.some((finding) => finding.level === "error")) {
    add("warning", "survey", `answers are checked by SurveyJS itself, more slowly, because the server's compiled rules do not cover ${uncovered.slice(0, 5).join("; ")}${uncovered.length > 5 ? ` and ${uncovered.length - 5} more` : ""}`);
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
