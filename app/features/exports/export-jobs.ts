import { randomUUID } from "node:crypto";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "#db/connect.ts";
import type { Consultation, ExportFile, Meeting } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { loadCurrentUser, type CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { audienceOf, getConsultation, meetingConsultations } from "#app/features/consultations/consultations.ts";
import { summaryTypes } from "#app/features/figures/summary.ts";
import { getMeeting } from "#app/features/meetings/meetings.ts";
import { addDays, isoNow, newId } from "#app/features/ids.ts";
import { enqueueJob, PermanentJobError } from "#app/features/jobs/jobs.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import { exportDocument, meetingExportDocument, type ExportDocument } from "./documents.ts";
import { exportFilterParams, exportFiltersOf, type ExportFilter } from "./filters.ts";
import { PARTIAL_SUFFIX, writeExportFile } from "./files.ts";
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from "./formats.ts";
import { OfficeMissingError } from "#app/features/reports/pdf.ts";
import type { ApertiumOptions } from "#app/features/translation/apertium.ts";
import { EXPORT_PROFILES, IncompleteExportError, VALUE_MODES, type ExportProfile, type ValueMode } from "./source.ts";

/** The background job that writes one requested export (docs/decisions/0032). */
export const EXPORT_JOB = "exports.write";

export interface ExportRequest {
  format: ExportFormat;
  language: Language;
  profile: ExportProfile;
  values: ValueMode;
  /** The filters (docs/decisions/0034) as address parameters (`region`, `type`, `attribution`), as the summary pages name them. */
  filters: Record<string, string>;
  /** Apertium's translation beside free text written in another language (docs/decisions/0035). */
  translate?: boolean;
}

export const EXPORT_REQUEST_FIELDS = ["format", "language", "profile", "values"] as const;
export type ExportRequestField = (typeof EXPORT_REQUEST_FIELDS)[number];

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined => list.find((item) => item === value);

/**
 * An export request from a form or the command line: each field checked against its list; the
 * fields that are not, named. `translate` is a checkbox: on only when ticked ("on") or set by the command line.
 */
export function parseExportRequest(fields: Record<string, unknown>, filters: Record<string, string> = {}): { ok: true; request: ExportRequest } | { ok: false; problems: ExportRequestField[] } {
  const format = isExportFormat(fields.format) ? fields.format : undefined;
  const language = isLanguage(fields.language) ? fields.language : undefined;
  const profile = oneOf(EXPORT_PROFILES, fields.profile);
  const values = oneOf(VALUE_MODES, fields.values);
  const translate = fields.translate === true || fields.translate === "on";
  if (format && language && profile && values) return { ok: true, request: { format, language, profile, values, filters, translate } };
  const problems: ExportRequestField[] = [];
  if (!format) problems.push("format");
  if (!language) problems.push("language");
  if (!profile) problems.push("profile");
  if (!values) problems.push("values");
  return { ok: false, problems };
}

/**
 * An export request from a page's form: its fields and its filters (of `types`, the stakeholder
 * types its consultations are addressed to) checked; those that are not, named. `formats` are
 * those the page offers (a meeting's: not CSV).
 */
export function parseExportForm(fields: Record<string, unknown>, types: readonly string[], formats: readonly ExportFormat[]): { ok: true; request: ExportRequest } | { ok: false; problems: (ExportRequestField | ExportFilter)[] } {
  const params = new URLSearchParams(Object.entries(fields).flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])));
  const { filters, problems } = exportFiltersOf(params, types);
  const parsed = parseExportRequest(fields, exportFilterParams(filters));
  const fieldProblems = parsed.ok ? (formats.includes(parsed.request.format) ? [] : (["format"] as const)) : parsed.problems;
  if (parsed.ok && !fieldProblems.length && !problems.length) return parsed;
  return { ok: false, problems: [...fieldProblems, ...problems] };
}

/** Why an export failed, as the person who asked is told. */
export const EXPORT_FAILURES = ["incomplete", "not-allowed", "office-missing", "failed"] as const;
export type ExportFailure = (typeof EXPORT_FAILURES)[number];

/** What an export is of: a consultation, or a whole meeting (docs/decisions/0034). */
export type ExportSubject = Consultation | { meeting: Meeting };

const isMeeting = (subject: ExportSubject): subject is { meeting: Meeting } => "meeting" in subject;

/**
 * Records an export of a consultation or a meeting and queues the job that writes it, in one
 * transaction, audited. Null for someone who may not read every answer.
 */
export async function requestExport(db: Db, user: CurrentUser, subject: ExportSubject, request: ExportRequest, context: { ip: string | null; now?: Date }): Promise<string | null> {
  if (!can(user, "response.readAll")) return null;
  const id = newId();
  const at = isoNow(context.now);
  await db.transaction().execute(async (trx) => {
    const jobId = await enqueueJob(trx, { kind: EXPORT_JOB, payload: { exportId: id }, now: context.now });
    await trx
      .insertInto("export_file")
      .values({
        id,
        requested_by: user.id,
        consultation_id: isMeeting(subject) ? null : subject.id,
        meeting_id: isMeeting(subject) ? subject.meeting.id : null,
        format: request.format,
        language: request.language,
        profile: request.profile,
        value_mode: request.values,
        filters: JSON.stringify(request.filters),
        machine_translation: request.translate === true ? 1 : 0,
        status: "pending",
        job_id: jobId,
        rows_expected: null,
        rows_written: 0,
        sha256: null,
        file_name: null,
        error: null,
        created_at: at,
        finished_at: null,
      })
      .execute();
    await recordAudit(trx, {
      action: "export.request",
      actorUserId: user.id,
      targetType: isMeeting(subject) ? "meeting" : "consultation",
      targetId: isMeeting(subject) ? subject.meeting.id : subject.id,
      ip: context.ip,
      detail: { export: id, format: request.format, language: request.language, profile: request.profile, values: request.values, filters: request.filters, translate: request.translate === true },
      now: context.now,
    });
  });
  return id;
}

/** A job whose claim passed to another process (this one was thought stopped): that one writes the file. */
class ClaimLost extends Error {}

export interface ExportJobOptions {
  /** The folder files are written to. */
  directory: string;
  /** How Apertium is run for an export that asks for a machine translation. */
  apertium?: ApertiumOptions;
  /** The job's progress report: false when the job was taken over. */
  progress(value: unknown): Promise<boolean>;
  now?: () => Date;
}

/** The file an export row asks for, read as the person who asked it may read it; null when they no longer may. */
async function documentOf(db: Db, row: ExportFile, now: Date, apertium: ApertiumOptions | undefined): Promise<{ document: ExportDocument; format: ExportFormat } | null> {
  const user = await loadCurrentUser(db, row.requested_by, "export-job");
  const request = parseExportRequest({ format: row.format, language: row.language, profile: row.profile, values: row.value_mode, translate: row.machine_translation === 1 });
  if (!user || !request.ok) return null;
  const { format, language, profile, values, translate } = request.request;
  const params = new URLSearchParams(storedFilters(row.filters));
  if (row.meeting_id !== null) {
    const meeting = await getMeeting(db, row.meeting_id);
    const consultations = meeting ? await meetingConsultations(db, user, meeting.id) : [];
    const { filters } = exportFiltersOf(params, summaryTypes(consultations));
    const document = meeting && format !== "csv" ? await meetingExportDocument(db, user, meeting, consultations, { format, language, profile, values, filters, now, translate, apertium }) : null;
    return document ? { document, format } : null;
  }
  const consultation = row.consultation_id === null ? undefined : await getConsultation(db, user, row.consultation_id);
  if (!consultation) return null;
  const { filters } = exportFiltersOf(params, audienceOf(consultation));
  const document = await exportDocument(db, user, consultation, { format, language, profile, values, filters, now, translate, apertium });
  return document ? { document, format } : null;
}

/**
 * Writes the file of one requested export: counts the rows, writes them to a temporary file while
 * reporting progress, and renames it when complete. Any failure (a row count that does not match
 * the query's, a disk full, a person who may no longer read the answers) deletes the partial
 * file, marks the export failed with a reason for its reader, and fails the job for good (its
 * row keeps the technical message for the secretariat): an
 * export is never reported done without its complete file. Run again after a restart, it starts
 * over.
 */
export async function writeRequestedExport(db: Db, exportId: string, options: ExportJobOptions): Promise<{ rows: number; sha256: string } | null> {
  const now = options.now ?? (() => new Date());
  const row = await db.selectFrom("export_file").selectAll().where("id", "=", exportId).executeTakeFirst();
  if (!row || row.status === "done" || row.status === "failed") return null;
  const update = (values: Partial<Omit<ExportFile, "id">>) => db.updateTable("export_file").set(values).where("id", "=", exportId).execute();
  const fail = async (reason: ExportFailure, error: unknown): Promise<never> => {
    await update({ status: "failed", error: reason, finished_at: isoNow(now()) });
    throw new PermanentJobError(error instanceof Error ? error.message : String(error));
  };
  try {
    const found = await documentOf(db, row, now(), options.apertium);
    if (!found) return await fail("not-allowed", new Error(`export ${exportId}: its requester may no longer read these answers`));
    await update({ status: "running", rows_expected: found.document.expectedRows, rows_written: 0, error: null });
    const report = async (written: number) => {
      if (!(await options.progress({ rows: written, of: found.document.expectedRows }))) throw new ClaimLost();
      await update({ rows_written: written });
    };
    // A name of this run's own: a process that lost its claim never writes over the file of the one that took it.
    const fileName = `${exportId}-${randomUUID().slice(0, 8)}.${EXPORT_FORMATS[found.format].extension}`;
    const outcome = await writeExportFile((output) => found.document.write(output, report), join(options.directory, fileName));
    await update({ status: "done", rows_written: outcome.rows, sha256: outcome.sha256, file_name: fileName, finished_at: isoNow(now()) });
    return outcome;
  } catch (error) {
    if (error instanceof ClaimLost || error instanceof PermanentJobError) throw error;
    return fail(error instanceof IncompleteExportError ? "incomplete" : error instanceof OfficeMissingError ? "office-missing" : "failed", error);
  }
}

/** An export row's filters (JSON of their address names); nothing for a value that is not text. */
function storedFilters(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json || "{}");
  if (typeof parsed !== "object" || parsed === null) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export interface ExportListItem {
  id: string;
  format: string;
  language: string;
  profile: string;
  values: string;
  translate: boolean;
  /** The filters it was made with, by their address names (region, type, attribution). */
  filters: Record<string, string>;
  status: ExportFile["status"];
  rowsWritten: number;
  rowsExpected: number | null;
  error: ExportFailure | null;
  createdAt: string;
  finishedAt: string | null;
}

/** How many of a person's exports a consultation's or a meeting's page lists, newest first. */
export const EXPORTS_LISTED = 20;

/** The exports a person asked for of a consultation (or, with `meeting_id`, of a whole meeting), newest first: only their own. */
export async function listExports(db: Db, user: CurrentUser, id: string, scope: "consultation_id" | "meeting_id" = "consultation_id"): Promise<ExportListItem[]> {
  const rows = await db
    .selectFrom("export_file")
    .selectAll()
    .where("requested_by", "=", user.id)
    .where(scope, "=", id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(EXPORTS_LISTED)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    format: row.format,
    language: row.language,
    profile: row.profile,
    values: row.value_mode,
    translate: row.machine_translation === 1,
    filters: storedFilters(row.filters),
    status: row.status,
    rowsWritten: row.rows_written,
    rowsExpected: row.rows_expected,
    error: oneOf(EXPORT_FAILURES, row.error) ?? (row.status === "failed" ? "failed" : null),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }));
}

export interface ExportDownload {
  path: string;
  fileName: string;
  contentType: string;
}

/**
 * The complete file of an export, for the person who asked for it while they may still read every
 * answer: null for anyone else, and for an export not done (or whose file was cleaned away).
 */
export async function exportDownload(db: Db, user: CurrentUser, subject: ExportSubject, exportId: string, directory: string): Promise<ExportDownload | null> {
  if (!can(user, "response.readAll")) return null;
  const row = await db
    .selectFrom("export_file")
    .selectAll()
    .where("id", "=", exportId)
    .where("requested_by", "=", user.id)
    .where(isMeeting(subject) ? "meeting_id" : "consultation_id", "=", isMeeting(subject) ? subject.meeting.id : subject.id)
    .where("status", "=", "done")
    .executeTakeFirst();
  if (!row?.file_name || !isExportFormat(row.format)) return null;
  const format = EXPORT_FORMATS[row.format];
  return {
    path: join(directory, row.file_name),
    fileName: `${isMeeting(subject) ? subject.meeting.slug : subject.slug}-${row.language}-${row.created_at.slice(0, 10)}.${format.extension}`,
    contentType: format.contentType,
  };
}

/**
 * Deletes the exports finished more than `retentionDays` ago, their files with them, and the
 * temporary files a stopped process left older than that. Returns how many exports went.
 */
export async function purgeExpiredExports(db: Db, directory: string, options: { retentionDays: number; now?: Date }): Promise<number> {
  const cutoff = addDays(options.now ?? new Date(), -options.retentionDays);
  const expired = await db.selectFrom("export_file").select(["id", "file_name"]).where("status", "in", ["done", "failed"]).where("finished_at", "<", isoNow(cutoff)).execute();
  for (const row of expired) {
    if (row.file_name) await rm(join(directory, row.file_name), { force: true });
    await db.deleteFrom("export_file").where("id", "=", row.id).execute();
  }
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.endsWith(PARTIAL_SUFFIX))) {
    const path = join(directory, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtime < cutoff) await rm(path, { force: true });
  }
  return expired.length;
}
