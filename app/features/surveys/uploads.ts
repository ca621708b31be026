import type { Db } from "#db/connect.ts";
import type { UploadedSurvey } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { isoNow } from "#app/features/ids.ts";
import type { Language } from "#app/i18n/languages.ts";
import { answerKeys } from "./check.ts";
import { definitionHash, listSurveySlugs, surveyTitle, surveysDir } from "./definitions.ts";
import { checkSurveyFile, type SurveyFinding } from "./file-check.ts";
import { compileSurveyModel, type ModelQuestions } from "./survey-model.ts";
import { applyTranslations, translatableTexts, translationProgress, type TranslationEdit } from "./translations.ts";

/**
 * Surveys the secretariat brings in from a SurveyJS form builder (docs/decisions/0038): uploaded
 * as JSON, checked, translated in the app, then published as a survey version beside the built-in
 * surveys of surveys/. The working copy may be changed at will; a published version never is.
 */

/** The largest survey file taken: form builders' surveys are a few tens of kilobytes. */
export const MAX_SURVEY_FILE_BYTES = 1_000_000;

type JsonRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is JsonRecord => !!value && typeof value === "object" && !Array.isArray(value);

export type SurveyFileFailure = { reason: "not-json"; detail: string } | { reason: "too-large" } | { reason: "not-a-survey" } | { reason: "empty" };

/** The file's text read as a SurveyJS survey, or why it cannot be. */
export function parseSurveyFile(text: string): { ok: true; definition: JsonRecord } | ({ ok: false } & SurveyFileFailure) {
  if (!text.trim()) return { ok: false, reason: "empty" };
  if (Buffer.byteLength(text, "utf8") > MAX_SURVEY_FILE_BYTES) return { ok: false, reason: "too-large" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, reason: "not-json", detail: error instanceof Error ? error.message : String(error) };
  }
  if (!isRecord(parsed) || (!Array.isArray(parsed.pages) && !Array.isArray(parsed.elements))) return { ok: false, reason: "not-a-survey" };
  return { ok: true, definition: parsed };
}

/** A slug from a title: lower-case ASCII words joined by hyphens, starting with a letter. */
export function slugFrom(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return /^[a-z]/.test(words) ? words : `survey${words ? `-${words}` : ""}`;
}

/** A slug no survey has, built-in or uploaded, published or not. */
async function freeSlug(db: Db, wanted: string, dir: string): Promise<string> {
  const files = new Set(listSurveySlugs(dir));
  const taken = async (slug: string) =>
    files.has(slug) ||
    !!(await db.selectFrom("uploaded_survey").select("slug").where("slug", "=", slug).executeTakeFirst()) ||
    !!(await db.selectFrom("survey_version").select("slug").where("slug", "=", slug).executeTakeFirst());
  let slug = wanted;
  for (let n = 2; await taken(slug); n += 1) slug = `${wanted}-${n}`;
  return slug;
}

interface Actor {
  user: CurrentUser;
  ip: string | null;
  now?: Date;
}

/** Keeps the uploaded survey: its slug comes from its English title, or from the file's name. */
export async function uploadSurvey(db: Db, actor: Actor, file: { name: string; text: string }, { dir = surveysDir() }: { dir?: string } = {}): Promise<{ ok: true; slug: string } | ({ ok: false } & SurveyFileFailure)> {
  const parsed = parseSurveyFile(file.text);
  if (!parsed.ok) return parsed;
  const title = surveyTitle(parsed.definition, "", "en") || file.name.replace(/\.json$/i, "");
  const stamp = isoNow(actor.now);
  const fileName = file.name.slice(0, 200);
  return db.transaction().execute(async (trx) => {
    const slug = await freeSlug(trx, slugFrom(title), dir);
    await trx
      .insertInto("uploaded_survey")
      .values({ slug, definition: JSON.stringify(parsed.definition), file_name: fileName, created_by: actor.user.id, created_at: stamp, updated_by: actor.user.id, updated_at: stamp })
      .execute();
    await recordAudit(trx, { action: "survey.uploaded", actorUserId: actor.user.id, targetType: "survey", targetId: slug, ip: actor.ip, now: actor.now, detail: { fileName } });
    return { ok: true as const, slug };
  });
}

/**
 * Puts a new file in place of the working copy (the form builder's next draft). Translations
 * already given are kept wherever the new file has the same English text.
 */
export async function replaceSurveyFile(db: Db, actor: Actor, slug: string, file: { name: string; text: string }): Promise<{ ok: true; kept: number } | ({ ok: false } & (SurveyFileFailure | { reason: "not-found" }))> {
  const parsed = parseSurveyFile(file.text);
  if (!parsed.ok) return parsed;
  const current = await getUploadedSurvey(db, slug);
  if (!current) return { ok: false, reason: "not-found" };
  const known = new Map<string, { fr: string; es: string }>();
  for (const text of translatableTexts(current.definition)) if (text.en.trim()) known.set(text.en.trim(), { fr: text.fr, es: text.es });
  const edits: TranslationEdit[] = [];
  for (const text of translatableTexts(parsed.definition)) {
    const earlier = known.get(text.en.trim());
    if (!earlier) continue;
    const edit: TranslationEdit = { key: text.key };
    if (!text.fr.trim() && earlier.fr) edit.fr = earlier.fr;
    if (!text.es.trim() && earlier.es) edit.es = earlier.es;
    if (edit.fr !== undefined || edit.es !== undefined) edits.push(edit);
  }
  const applied = applyTranslations(parsed.definition, edits);
  const definition = applied.ok ? applied.definition : parsed.definition;
  const fileName = file.name.slice(0, 200);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("uploaded_survey").set({ definition: JSON.stringify(definition), file_name: fileName, updated_by: actor.user.id, updated_at: isoNow(actor.now) }).where("slug", "=", slug).execute();
    await recordAudit(trx, { action: "survey.replaced", actorUserId: actor.user.id, targetType: "survey", targetId: slug, ip: actor.ip, now: actor.now, detail: { fileName, translationsKept: edits.length } });
  });
  return { ok: true, kept: edits.length };
}

export interface LoadedUploadedSurvey extends Omit<UploadedSurvey, "definition"> {
  definition: JsonRecord;
}

export async function getUploadedSurvey(db: Db, slug: string): Promise<LoadedUploadedSurvey | undefined> {
  const row = await db.selectFrom("uploaded_survey").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row && { ...row, definition: JSON.parse(row.definition) as JsonRecord };
}

/** Saves translations given in the table (or read from its workbook); unknown keys change nothing. */
export async function saveTranslations(db: Db, actor: Actor, slug: string, edits: readonly TranslationEdit[]): Promise<{ ok: true; changed: number } | { ok: false; reason: "not-found" } | { ok: false; reason: "unknown-texts"; keys: string[] }> {
  const current = await getUploadedSurvey(db, slug);
  if (!current) return { ok: false, reason: "not-found" };
  const applied = applyTranslations(current.definition, edits);
  if (!applied.ok) return { ok: false, reason: "unknown-texts", keys: applied.unknownKeys };
  if (applied.changed === 0) return { ok: true, changed: 0 };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("uploaded_survey").set({ definition: JSON.stringify(applied.definition), updated_by: actor.user.id, updated_at: isoNow(actor.now) }).where("slug", "=", slug).execute();
    await recordAudit(trx, { action: "survey.translated", actorUserId: actor.user.id, targetType: "survey", targetId: slug, ip: actor.ip, now: actor.now, detail: { texts: applied.changed } });
  });
  return { ok: true, changed: applied.changed };
}

/** The version an uploaded survey's content is published as: named by its slug and content. */
export function uploadedVersionId(slug: string, definition: unknown): string {
  return definitionHash([slug, definition]);
}

/**
 * The keys answers are stored under: question names (`panel.question` in a repeated panel), and
 * inside a question the rows and columns of a table and the boxes of a multiple text
 * (`question.row`, `question.column`, `question.box`). Removing one would orphan what was answered.
 */
export function lockedKeys(definition: object): string[] {
  const keys = new Set(answerKeys(definition));
  const walk = (questions: ModelQuestions, prefix: string) => {
    for (const question of questions.list) {
      const name = `${prefix}${question.name}`;
      for (const row of question.table?.rows ?? []) keys.add(`${name}.${row.value}`);
      for (const column of question.table?.columns.list ?? []) keys.add(`${name}.${column.name}`);
      for (const item of question.items?.list ?? []) keys.add(`${name}.${item.name}`);
      if (question.panels) walk(question.panels.questions, `${name}.`);
    }
  };
  walk(compileSurveyModel(definition).questions, "");
  return [...keys].sort();
}

/** The answer keys of the survey's versions that consultations use: a new version must keep them all. */
async function keysInUse(db: Db, slug: string): Promise<Set<string>> {
  const used = await db
    .selectFrom("survey_version")
    .select("definition")
    .where("slug", "=", slug)
    .where((eb) => eb.exists(eb.selectFrom("consultation").select("consultation.id").whereRef("consultation.survey_version_id", "=", "survey_version.id")))
    .execute();
  return new Set(used.flatMap((version) => lockedKeys(JSON.parse(version.definition) as object)));
}

export type PublishFailure = { reason: "not-found" } | { reason: "not-ready"; findings: SurveyFinding[] } | { reason: "keys-removed"; keys: string[] };

/**
 * Publishes the working copy as a new version, when every text has its three languages and
 * nothing stands in the way. A version a consultation uses keeps its answer keys in every later
 * one: removing or renaming a key would orphan the answers given to it.
 */
export async function publishSurvey(db: Db, actor: Actor, slug: string): Promise<{ ok: true; versionId: string; created: boolean } | ({ ok: false } & PublishFailure)> {
  const current = await getUploadedSurvey(db, slug);
  if (!current) return { ok: false, reason: "not-found" };
  const errors = checkSurveyFile(current.definition, { language: "en" }).filter((finding) => finding.level === "error");
  if (errors.length) return { ok: false, reason: "not-ready", findings: errors };
  const keys = new Set(lockedKeys(current.definition));
  const removed = [...(await keysInUse(db, slug))].filter((key) => !keys.has(key)).sort();
  if (removed.length) return { ok: false, reason: "keys-removed", keys: removed };
  const versionId = uploadedVersionId(slug, current.definition);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("survey_version").select("id").where("id", "=", versionId).executeTakeFirst();
    if (existing) return { ok: true as const, versionId, created: false };
    await trx.insertInto("survey_version").values({ id: versionId, slug, definition: JSON.stringify(current.definition), created_at: isoNow(actor.now) }).execute();
    await recordAudit(trx, { action: "survey.published", actorUserId: actor.user.id, targetType: "survey", targetId: slug, ip: actor.ip, now: actor.now, detail: { versionId } });
    return { ok: true as const, versionId, created: true };
  });
}

export interface SurveyVersionSummary {
  id: string;
  createdAt: string;
  consultations: number;
}

/** A survey's published versions, newest first, with the number of consultations using each. */
export async function surveyVersions(db: Db, slug: string): Promise<SurveyVersionSummary[]> {
  const rows = await db
    .selectFrom("survey_version")
    .leftJoin("consultation", "consultation.survey_version_id", "survey_version.id")
    .select((eb) => ["survey_version.id", "survey_version.created_at", eb.fn.count<string | number>("consultation.id").as("consultations")])
    .where("survey_version.slug", "=", slug)
    .groupBy(["survey_version.id", "survey_version.created_at"])
    .orderBy("survey_version.created_at", "desc")
    .orderBy("survey_version.id")
    .execute();
  return rows.map((row) => ({ id: row.id, createdAt: row.created_at, consultations: Number(row.consultations) }));
}

export const UPLOAD_STATUSES = ["draft", "published", "changed"] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export interface UploadedSurveyListing {
  slug: string;
  title: string;
  fileName: string;
  updatedAt: string;
  status: UploadStatus;
  /** Texts still lacking a language. */
  untranslated: number;
  versions: number;
}

/** Whether the working copy is unpublished, published as it is, or changed since. */
export function uploadStatus(slug: string, definition: unknown, latestVersionId: string | undefined): UploadStatus {
  if (!latestVersionId) return "draft";
  return latestVersionId === uploadedVersionId(slug, definition) ? "published" : "changed";
}

/** The uploaded surveys, most recently changed first. */
export async function listUploadedSurveys(db: Db, language: Language): Promise<UploadedSurveyListing[]> {
  const rows = await db.selectFrom("uploaded_survey").select(["slug", "definition", "file_name", "updated_at"]).orderBy("updated_at", "desc").orderBy("slug").execute();
  if (rows.length === 0) return [];
  const versions = await db.selectFrom("survey_version").select(["id", "slug"]).where("slug", "in", rows.map((row) => row.slug)).orderBy("created_at", "desc").execute();
  const bySlug = new Map<string, string[]>();
  for (const version of versions) bySlug.set(version.slug, [...(bySlug.get(version.slug) ?? []), version.id]);
  return rows.map((row) => {
    const definition = JSON.parse(row.definition) as JsonRecord;
    const own = bySlug.get(row.slug) ?? [];
    const progress = translationProgress(translatableTexts(definition));
    return {
      slug: row.slug,
      title: surveyTitle(definition, row.slug, language),
      fileName: row.file_name,
      updatedAt: row.updated_at,
      status: uploadStatus(row.slug, definition, own[0]),
      untranslated: progress.total - progress.complete,
      versions: own.length,
    };
  });
}

/** The published uploaded surveys as choices for the consultation form, titled as their newest version. */
export async function publishedUploadChoices(db: Db, language: Language): Promise<{ value: string; label: string }[]> {
  // Only each survey's newest version is read (and parsed): older ones may be many.
  const rows = await db
    .selectFrom("survey_version")
    .innerJoin("uploaded_survey", "uploaded_survey.slug", "survey_version.slug")
    .select(["survey_version.slug", "survey_version.definition"])
    .where((eb) =>
      eb(
        "survey_version.created_at",
        "=",
        eb.selectFrom("survey_version as newer").select((inner) => inner.fn.max("newer.created_at").as("newest")).whereRef("newer.slug", "=", "survey_version.slug"),
      ),
    )
    .orderBy("survey_version.slug")
    .execute();
  const newest = new Map<string, string>();
  for (const row of rows) if (!newest.has(row.slug)) newest.set(row.slug, row.definition);
  return [...newest].map(([slug, definition]) => ({ value: slug, label: surveyTitle(JSON.parse(definition), slug, language) }));
}

/** What the translation table shows: every text, and how many still lack a language. */
export function translationTable(definition: unknown) {
  const texts = translatableTexts(definition);
  return { texts, progress: translationProgress(texts) };
}
