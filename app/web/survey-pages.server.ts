import { data } from "@remix-run/node";
import type { Db } from "#db/connect.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { checkSurveyFile, textLabel } from "#app/features/surveys/file-check.ts";
import { surveyTitle } from "#app/features/surveys/definitions.ts";
import { readTranslationWorkbook, type TranslationRow } from "#app/features/surveys/translation-workbook.ts";
import { TEXT_LANGUAGES, missingLanguages, translatableTexts, translationProgress, type TranslationEdit } from "#app/features/surveys/translations.ts";
import { MAX_SURVEY_FILE_BYTES, getUploadedSurvey, publishSurvey, replaceSurveyFile, saveTranslations, surveyVersions, uploadStatus, type SurveyFileFailure } from "#app/features/surveys/uploads.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import { SURVEY_UPLOAD_BODY_BYTES, postedFile, readUploadForm } from "./uploads.server.ts";

/** The message of a survey file that cannot be taken. */
export function surveyFileRefusal(reason: SurveyFileFailure["reason"]): string {
  const messages: Record<SurveyFileFailure["reason"], string> = { "not-json": "surveys.file.notJson", "not-a-survey": "surveys.file.notSurvey", "too-large": "surveys.file.tooLarge", empty: "surveys.file.empty" };
  return messages[reason];
}

/** The longest text the translation table takes: a survey's longest texts are a few paragraphs. */
export const MAX_TEXT_LENGTH = 20_000;

/** Where a text or a finding is, in the reader's words: the survey, a page, or a question by its name. */
export function placeName(where: string, language: Language): string {
  const t = translator(language);
  if (where === "survey") return t("surveys.where.survey");
  if (where.startsWith("page ")) return t("surveys.where.page", { name: where.slice(5) });
  return where;
}

/** The translation table's rows: every text with where it is and what it is, in the reader's words. */
export function translationRows(definition: unknown, language: Language): TranslationRow[] {
  const t = translator(language);
  return translatableTexts(definition).map((text) => ({ key: text.key, where: placeName(text.where, language), what: textLabel(text, t), en: text.en, fr: text.fr, es: text.es }));
}

/** Everything the survey page shows: the check's findings, the translation table, the versions. */
export async function surveyPageData(db: Db, slug: string, language: Language, onlyMissing: boolean) {
  const survey = await getUploadedSurvey(db, slug);
  if (!survey) throw new Response("Not found", { status: 404 });
  const versions = await surveyVersions(db, slug);
  const texts = translatableTexts(survey.definition);
  const rows = translationRows(survey.definition, language);
  const missing = new Set(texts.filter((text) => missingLanguages(text).length > 0).map((text) => text.key));
  const findings = checkSurveyFile(survey.definition, { allowMissingTranslations: true, language });
  return {
    slug,
    title: surveyTitle(survey.definition, slug, language),
    fileName: survey.file_name,
    updatedAt: survey.updated_at,
    status: uploadStatus(slug, survey.definition, versions[0]?.id),
    versions,
    // Missing translations are counted by the table: the findings list what else stands in the way.
    findings: findings.filter((finding) => !finding.untranslated).map((finding) => ({ ...finding, where: placeName(finding.where, language) })),
    blocking: findings.some((finding) => finding.level === "error") || missing.size > 0,
    progress: translationProgress(texts),
    rows: onlyMissing ? rows.filter((row) => missing.has(row.key)) : rows,
    onlyMissing,
  };
}

export interface SurveyActionOutcome {
  done?: string;
  error?: string;
  count?: number;
  keys?: string[];
}

const outcome = (body: SurveyActionOutcome, status = 200) => data(body, { status });

/** The edits of the translation table: only the texts the person changed, so that two people translating at once do not undo each other. */
export function tableEdits(form: FormData): { ok: true; edits: TranslationEdit[] } | { ok: false } {
  const edits = new Map<string, TranslationEdit>();
  for (const [name, value] of form.entries()) {
    const match = /^text:(en|fr|es):(.*)$/.exec(name);
    if (!match || typeof value !== "string") continue;
    const [, language, key] = match as unknown as [string, (typeof TEXT_LANGUAGES)[number], string];
    if (value.length > MAX_TEXT_LENGTH) return { ok: false };
    const was = form.get(`was:${language}:${key}`);
    if (typeof was === "string" && was.replace(/\r\n?/g, "\n").trim() === value.replace(/\r\n?/g, "\n").trim()) continue;
    const edit = edits.get(key) ?? { key };
    edit[language] = value;
    edits.set(key, edit);
  }
  return { ok: true, edits: [...edits.values()] };
}

/** The survey page's actions: save the table, read a translator's workbook, replace the file, publish. */
export async function surveyPageAction(db: Db, request: Request, actor: { user: CurrentUser; ip: string | null }, slug: string) {
  const read = await readUploadForm(request, SURVEY_UPLOAD_BODY_BYTES);
  if (!read.ok) return outcome({ error: "surveys.file.tooLarge" }, 413);
  const form = read.form;
  if (!(await getUploadedSurvey(db, slug))) throw new Response("Not found", { status: 404 });
  switch (form.get("intent")) {
    case "translate": {
      const edits = tableEdits(form);
      if (!edits.ok) return outcome({ error: "surveys.translations.tooLong", count: MAX_TEXT_LENGTH }, 400);
      const saved = await saveTranslations(db, actor, slug, edits.edits);
      if (!saved.ok) return outcome(saved.reason === "unknown-texts" ? { error: "surveys.translations.unknown", keys: saved.keys } : { error: "surveys.notFound" }, 409);
      return outcome({ done: "surveys.translations.saved", count: saved.changed });
    }
    case "workbook": {
      const file = postedFile(form, "workbook");
      if (!file) return outcome({ error: "surveys.workbook.none" }, 400);
      const reading = await readTranslationWorkbook(new Uint8Array(await file.arrayBuffer()));
      if (!reading.ok) return outcome({ error: `surveys.workbook.${reading.reason}` }, 400);
      // An empty cell is a text the translator did not give: it changes nothing.
      const edits = reading.rows.map((row) => ({ key: row.key, ...Object.fromEntries(TEXT_LANGUAGES.filter((language) => row[language].trim()).map((language) => [language, row[language]])) }));
      const saved = await saveTranslations(db, actor, slug, edits);
      if (!saved.ok) return outcome(saved.reason === "unknown-texts" ? { error: "surveys.workbook.unknownKeys", count: saved.keys.length, keys: saved.keys.slice(0, 10) } : { error: "surveys.notFound" }, 400);
      return outcome({ done: "surveys.workbook.read", count: saved.changed });
    }
    case "replace": {
      const file = postedFile(form, "file");
      if (!file) return outcome({ error: "surveys.file.none" }, 400);
      if (file.size > MAX_SURVEY_FILE_BYTES) return outcome({ error: "surveys.file.tooLarge" }, 413);
      const replaced = await replaceSurveyFile(db, actor, slug, { name: file.name, text: await file.text() });
      if (!replaced.ok) return outcome({ error: replaced.reason === "not-found" ? "surveys.notFound" : surveyFileRefusal(replaced.reason) }, 400);
      return outcome({ done: "surveys.replaced", count: replaced.kept });
    }
    case "publish": {
      const published = await publishSurvey(db, actor, slug);
      if (published.ok) return outcome({ done: published.created ? "surveys.publish.done" : "surveys.publish.unchanged" });
      if (published.reason === "keys-removed") return outcome({ error: "surveys.publish.keysRemoved", keys: published.keys }, 409);
      if (published.reason === "not-ready") return outcome({ error: "surveys.publish.notReady", count: published.findings.length }, 409);
      return outcome({ error: "surveys.notFound" }, 404);
    }
    default:
      return outcome({ error: "surveys.unknownAction" }, 400);
  }
}
