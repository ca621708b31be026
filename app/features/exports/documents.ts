import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "#db/connect.ts";
import type { Consultation, Meeting } from "#db/schema.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import type { FigureFilters } from "#app/features/figures/counters.ts";
import { reportInput, type ReportSubject } from "#app/features/reports/assemble.ts";
import { writeReportDocx } from "#app/features/reports/docx.ts";
import { storedTranslations, withTranslatedAnnex } from "#app/features/reports/machine-translation.ts";
import { officeToPdf } from "#app/features/reports/pdf.ts";
import type { ReportInput } from "#app/features/reports/report-input.ts";
import type { ApertiumOptions } from "#app/features/translation/apertium.ts";
import { answersExport, type AnswersExportOptions } from "./answers.ts";
import { needsExport, offersExport } from "./capacity.ts";
import { writeCsv } from "./csv.ts";
import { answersFiltersOf } from "./filters.ts";
import { figuresExport } from "./figures.ts";
import type { ExportFormat } from "./formats.ts";
import { writeJsonBundle } from "./json.ts";
import { withMachineTranslation } from "./machine-translation.ts";
import { matchesExport } from "./matches.ts";
import { proposalsExport } from "./proposals.ts";
import { partNames, type ExportCell, type ExportOutcome, type ExportSource } from "./source.ts";
import { writeWorkbook } from "./xlsx.ts";

/** What one requested file holds, ready to be written: its rows counted before the first is written. */
export interface ExportDocument {
  expectedRows: number;
  /** Writes the file to `output` and ends it; `progress` hears the rows written so far. */
  write(output: Writable, progress?: (written: number) => Promise<void>): Promise<ExportOutcome>;
}

export type DocumentOptions = Omit<AnswersExportOptions, "pageSize" | "filters"> & {
  format: ExportFormat;
  filters?: FigureFilters;
  /** Apertium's translation beside free text written in another language (docs/decisions/0035). */
  translate?: boolean;
  apertium?: ApertiumOptions;
};

/** How many rows are written between two reports of progress. */
export const PROGRESS_EVERY = 200;

/** The source's rows, with the rows written so far (after `before` of earlier sources) reported every `PROGRESS_EVERY`. */
function reporting(source: ExportSource, before: number, progress: ((written: number) => Promise<void>) | undefined): ExportSource {
  if (!progress) return source;
  return {
    ...source,
    async *rows(): AsyncIterable<ExportCell[]> {
      let written = 0;
      for await (const row of source.rows()) {
        yield row;
        written += 1;
        if (written % PROGRESS_EVERY === 0) await progress(before + written);
      }
    },
  };
}

/**
 * The file of several sources as one outcome: their rows together, and a SHA-256 of each
 * source's name (`partNames`: its kind in a consultation's file) and own hash in order (each hash is also in the file's notes, by sheet or key).
 */
export function bundleOutcome(sources: readonly ExportSource[], outcomes: readonly ExportOutcome[]): ExportOutcome {
  const hash = createHash("sha256");
  const names = partNames(sources);
  outcomes.forEach((outcome, index) => hash.update(`${names[index] ?? ""} ${outcome.sha256}\n`));
  return { rows: outcomes.reduce((sum, outcome) => sum + outcome.rows, 0), sha256: hash.digest("hex") };
}

function several(sources: ExportSource[], writer: (sources: ExportSource[], output: Writable) => Promise<ExportOutcome[]>): ExportDocument {
  return {
    expectedRows: sources.reduce((sum, source) => sum + source.expectedRows, 0),
    async write(output, progress) {
      let before = 0;
      const reported = sources.map((source) => {
        const wrapped = reporting(source, before, progress);
        before += source.expectedRows;
        return wrapped;
      });
      return bundleOutcome(sources, await writer(reported, output));
    },
  };
}

/** The report as DOCX written to a private folder, converted there by LibreOffice, and the PDF copied to `output`. */
async function writeReportPdf(input: ReportInput, output: Writable): Promise<ExportOutcome> {
  const folder = await mkdtemp(join(tmpdir(), "consulta-report-"));
  try {
    const docx = join(folder, "report.docx");
    const file = createWriteStream(docx);
    const closed = once(file, "close");
    const outcome = await writeReportDocx(input, file);
    await closed;
    await pipeline(createReadStream(await officeToPdf(docx, { outDir: folder })), output);
    return outcome;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The consolidated report of a consultation or a meeting, as DOCX or PDF (ADR 0031), under the filters. */
async function reportDocument(db: Db, subject: ReportSubject, options: DocumentOptions & { format: "docx" | "pdf" }): Promise<ExportDocument | null> {
  const { format, language, profile, filters, now, translate, apertium } = options;
  const found = await reportInput(db, subject, { language, profile, filters, now });
  if (!found) return null;
  const input = translate ? await withTranslatedAnnex(found, apertium, await storedTranslations(db, found)) : found;
  return { expectedRows: input.annex.length, write: (output) => (format === "docx" ? writeReportDocx(input, output) : writeReportPdf(input, output)) };
}

const ENTRY_SOURCES = [proposalsExport, needsExport, offersExport] as const;

/** The source with Apertium's translation beside its free text, when the reader asked for it. */
function translated(source: ExportSource, translate: boolean, apertium: ApertiumOptions | undefined): ExportSource {
  return translate ? withMachineTranslation(source, { apertium }) : source;
}

/**
 * What a consultation's export holds in each format (docs/decisions/0032): CSV, the answers;
 * XLSX and JSON, the answers, proposals, needs, offers, confirmed matches and figures (a sheet
 * or a named array each); DOCX and PDF, the consolidated report. The filters (ADR 0034) keep the
 * answers, proposals, needs and offers they select, and the report's figures and annex. Null for
 * someone who may not read every answer.
 */
export async function exportDocument(db: Db, user: CurrentUser, consultation: Consultation, options: DocumentOptions): Promise<ExportDocument | null> {
  if (!can(user, "response.readAll")) return null;
  const { format, translate = false, apertium, ...rest } = options;
  if (format === "docx" || format === "pdf") return reportDocument(db, { consultationId: consultation.id }, { ...options, format });
  const found = await answersExport(db, user, consultation, { ...rest, filters: answersFiltersOf(rest.filters ?? {}) });
  if (!found) return null;
  const answers = translated(found, translate, apertium);
  if (format === "csv") return { expectedRows: answers.expectedRows, write: (output, progress) => writeCsv(reporting(answers, 0, progress), output) };
  const others = await Promise.all([...ENTRY_SOURCES, matchesExport, figuresExport].map((make) => make(db, user, consultation, rest)));
  const sources = [answers, ...others.filter((source): source is ExportSource => source !== null).map((source) => translated(source, translate, apertium))];
  return several(sources, format === "xlsx" ? writeWorkbook : writeJsonBundle);
}

/**
 * What a whole meeting's export holds (docs/decisions/0034): XLSX and JSON, for each of its
 * consultations in order, its answers, proposals, needs, offers and figures (their own columns:
 * one sheet or named array each, `partNames`), then the meeting's confirmed matches once; DOCX
 * and PDF, the meeting's consolidated report. Every part says the meeting. CSV is refused by the
 * callers (`MEETING_EXPORT_FORMATS`): one set of columns cannot hold several surveys. Null for
 * someone who may not read every answer, or for a meeting without consultations to export.
 */
export async function meetingExportDocument(db: Db, user: CurrentUser, meeting: Meeting, consultations: readonly Consultation[], options: DocumentOptions): Promise<ExportDocument | null> {
  if (!can(user, "response.readAll")) return null;
  const { format, translate = false, apertium, ...rest } = options;
  if (format === "csv") throw new Error("a meeting's export cannot be a CSV file");
  if (format === "docx" || format === "pdf") return reportDocument(db, { meetingId: meeting.id }, { ...options, format });
  const first = consultations[0];
  if (!first) return null;
  const parts: (ExportSource | null)[] = [];
  for (const consultation of consultations) {
    parts.push(await answersExport(db, user, consultation, { ...rest, filters: answersFiltersOf(rest.filters ?? {}) }));
    for (const make of [...ENTRY_SOURCES, figuresExport]) parts.push(await make(db, user, consultation, rest));
  }
  // Matches join needs and offers across the meeting's consultations: the meeting's are read once.
  parts.push(await matchesExport(db, user, first, rest));
  const sources = parts.filter((source): source is ExportSource => source !== null).map((source) => translated({ ...source, meta: { ...source.meta, meeting: meeting.slug } }, translate, apertium));
  return several(sources, format === "xlsx" ? writeWorkbook : writeJsonBundle);
}
