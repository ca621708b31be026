import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#app/db.server.ts";
import { getJob, LEASE_MS, runDueJobs, type JobHandlers } from "#app/features/jobs/jobs.ts";
import { newId } from "#app/features/ids.ts";
import type { Consultation } from "#db/schema.ts";
import { createMember, currentUserFor, demoEmail } from "#tests/helpers.ts";
import { tempFolder } from "#tests/temp.ts";
import type * as pdf from "#app/features/reports/pdf.ts";
import * as answers from "./answers.ts";
import { EXPORT_JOB, exportDownload, listExports, parseExportRequest, purgeExpiredExports, requestExport, writeRequestedExport, type ExportRequest } from "./export-jobs.ts";

/** Makes the next export's query count one row more than it reads, as when an answer vanishes while the file is written. */
const counting = vi.hoisted(() => ({ overcount: false }));
vi.mock("./answers.ts", async (original) => {
  const actual = await original<typeof answers>();
  return {
    ...actual,
    answersExport: async (...args: Parameters<typeof actual.answersExport>) => {
      const source = await actual.answersExport(...args);
      if (!source || !counting.overcount) return source;
      counting.overcount = false;
      return { ...source, expectedRows: source.expectedRows + 1 };
    },
  };
});

/** Makes the next PDF meet a server without LibreOffice. */
const office = vi.hoisted(() => ({ missing: false }));
vi.mock("#app/features/reports/pdf.ts", async (original) => {
  const actual = await original<typeof pdf>();
  return {
    ...actual,
    officeToPdf: async (...args: Parameters<typeof actual.officeToPdf>) => {
      if (!office.missing) return actual.officeToPdf(...args);
      office.missing = false;
      throw new actual.OfficeMissingError("soffice");
    },
  };
});
const SOFFICE = spawnSync("soffice", ["--version"]).status === 0;

const START = new Date("2026-12-06T09:00:00Z");
const CSV: ExportRequest = { format: "csv", language: "fr", profile: "rapporteur", values: "labels", filters: {} };

async function capacityNeeds(): Promise<Consultation> {
  return getDb().selectFrom("consultation").selectAll().where("slug", "=", "idm-2018-2-capacity-needs").executeTakeFirstOrThrow();
}

function handlers(directory: string, now = () => START): JobHandlers {
  return { [EXPORT_JOB]: (payload, context) => writeRequestedExport(context.db, (payload as { exportId: string }).exportId, { directory, progress: context.progress, now }) };
}

async function exportRow(id: string) {
  return getDb().selectFrom("export_file").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** How many answers the export's query selects, counted the way the export counts them. */
async function answerCount(consultation: Consultation, request: ExportRequest): Promise<number> {
  const source = await answers.answersExport(getDb(), await currentUserFor(demoEmail("rapporteur")), consultation, { ...request, filters: {} });
  return source?.expectedRows ?? -1;
}

describe("export jobs", () => {
  // Each test reads the jobs and files it made, not those of the tests before it.
  beforeEach(async () => {
    await getDb().deleteFrom("export_file").execute();
    await getDb().deleteFrom("job").where("kind", "=", EXPORT_JOB).execute();
  });

  it("writes a requested export in the background: a complete file, its row count, its hash, and no temporary file", async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const id = await requestExport(db, rapporteur, consultation, CSV, { ip: null, now: START });
    if (!id) throw new Error("the rapporteur may export");
    expect(await listExports(db, rapporteur, consultation.id)).toMatchObject([{ id, status: "pending", format: "csv", rowsWritten: 0 }]);
    expect(await db.selectFrom("audit_event").select("action").where("action", "=", "export.request").where("detail", "like", `%${id}%`).execute()).toHaveLength(1);

    expect(await runDueJobs(db, handlers(directory), { now: () => START })).toMatchObject({ done: 1 });
    const row = await exportRow(id);
    const expected = await answerCount(consultation, CSV);
    expect(expected).toBeGreaterThan(0);
    expect(row).toMatchObject({ status: "done", rows_expected: expected, rows_written: expected, error: null });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(directory)).toEqual([row.file_name]);
    const records: string[][] = parse(readFileSync(join(directory, row.file_name ?? ""), "utf8"), { bom: true, relax_column_count: true });
    const blank = records.findIndex((record) => record.every((cell) => cell === ""));
    expect(blank - 1).toBe(expected);
    expect(records.flat()).toContain(row.sha256);
  });

  it("writes XLSX and JSON through the same job: the answers, proposals, needs, offers, matches and figures, a sheet or a named array each", async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const xlsx = await requestExport(db, rapporteur, consultation, { ...CSV, format: "xlsx", language: "es", values: "codes" }, { ip: null, now: START });
    const json = await requestExport(db, rapporteur, consultation, { ...CSV, format: "json", language: "en" }, { ip: null, now: START });
    expect(await runDueJobs(db, handlers(directory), { now: () => START })).toMatchObject({ done: 2 });
    const expected = await answerCount(consultation, CSV);
    const workbook = new ExcelJS.Workbook();
    const xlsxRow = await exportRow(xlsx ?? "");
    await workbook.xlsx.readFile(join(directory, xlsxRow.file_name ?? ""));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Respuestas", "Propuestas", "Necesidades de capacidad", "Ofertas de apoyo", "Correspondencias", "Cifras", "Libro de códigos", "Notas"]);
    expect((workbook.worksheets[0]?.actualRowCount ?? 0) - 1).toBe(expected);
    const sheetRows = workbook.worksheets.slice(0, 6).reduce((sum, sheet) => sum + sheet.actualRowCount - 1, 0);
    expect(xlsxRow).toMatchObject({ status: "done", rows_expected: sheetRows, rows_written: sheetRows });

    type Part = { rows: unknown[]; notes: { rows: number; sha256: string } };
    const jsonRow = await exportRow(json ?? "");
    const document = JSON.parse(readFileSync(join(directory, jsonRow.file_name ?? ""), "utf8")) as { sources: Record<string, Part> };
    const parts = Object.entries(document.sources);
    expect(parts.map(([kind]) => kind)).toEqual(["answers", "proposals", "needs", "offers", "matches", "figures"]);
    expect(document.sources.answers?.rows).toHaveLength(expected);
    expect(document.sources.answers?.notes.rows).toBe(expected);
    expect(jsonRow.rows_written).toBe(parts.reduce((sum, [, part]) => sum + part.rows.length, 0));
    // The file's hash is of each part's kind and own hash, in order: a reader can check it from the file.
    expect(jsonRow.sha256).toBe(createHash("sha256").update(parts.map(([kind, part]) => `${kind} ${part.notes.sha256}\n`).join("")).digest("hex"));
  });

  it("writes the consolidated report as DOCX, and as PDF through LibreOffice (skipped only where it is not installed)", { timeout: 240_000 }, async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const docx = await requestExport(db, rapporteur, consultation, { ...CSV, format: "docx" }, { ip: null, now: START });
    const pdf = SOFFICE ? await requestExport(db, rapporteur, consultation, { ...CSV, format: "pdf" }, { ip: null, now: START }) : null;
    expect(await runDueJobs(db, handlers(directory), { now: () => START })).toMatchObject({ done: SOFFICE ? 2 : 1 });
    const docxRow = await exportRow(docx ?? "");
    expect(docxRow).toMatchObject({ status: "done", error: null });
    const zip = await JSZip.loadAsync(readFileSync(join(directory, docxRow.file_name ?? "")));
    expect(await zip.file("word/document.xml")?.async("string")).toContain("À propos du présent rapport");
    if (pdf) {
      const pdfRow = await exportRow(pdf);
      expect(pdfRow).toMatchObject({ status: "done", rows_written: docxRow.rows_written, sha256: docxRow.sha256 });
      expect(readFileSync(join(directory, pdfRow.file_name ?? "")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
  });

  it("fails a PDF where LibreOffice is not installed, with a reason that says so, and leaves no file", async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const id = await requestExport(db, rapporteur, await capacityNeeds(), { ...CSV, format: "pdf" }, { ip: null, now: START });
    office.missing = true;
    expect(await runDueJobs(db, handlers(directory), { now: () => START })).toMatchObject({ failed: 1 });
    expect(await exportRow(id ?? "")).toMatchObject({ status: "failed", error: "office-missing", file_name: null });
    expect(readdirSync(directory)).toEqual([]);
  });

  it("fails an export whose rows do not match the query's count, deletes the partial file, and says why", async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const id = await requestExport(db, rapporteur, consultation, CSV, { ip: null, now: START });
    counting.overcount = true;
    expect(await runDueJobs(db, handlers(directory), { now: () => START })).toMatchObject({ done: 0, failed: 1 });
    const row = await exportRow(id ?? "");
    expect(row).toMatchObject({ status: "failed", error: "incomplete", file_name: null, sha256: null });
    expect(readdirSync(directory)).toEqual([]);
    expect(await getJob(db, row.job_id ?? "")).toMatchObject({ status: "failed", error: expect.stringContaining("27 rows written where the query counted 28") });
    expect(await listExports(db, rapporteur, consultation.id)).toMatchObject([{ id, status: "failed", error: "incomplete" }]);
    expect(await exportDownload(db, rapporteur, consultation, id ?? "", directory)).toBeNull();
  });

  it("takes up an export whose process stopped half-way, after the job's lease", async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const id = await requestExport(db, rapporteur, consultation, CSV, { ip: null, now: START });
    const row = await exportRow(id ?? "");
    // The state a process left when it stopped while writing: claimed, some rows, a partial file.
    await db.updateTable("job").set({ status: "running", attempts: 1, claimed_at: START.toISOString() }).where("id", "=", row.job_id ?? "").execute();
    await db.updateTable("export_file").set({ status: "running", rows_written: 3 }).where("id", "=", row.id).execute();
    writeFileSync(join(directory, `${row.id}-stopped.csv.partial`), "reference,organisation\n");
    expect(await runDueJobs(db, handlers(directory), { now: () => new Date(START.getTime() + LEASE_MS / 2) })).toMatchObject({ done: 0 });
    expect(await runDueJobs(db, handlers(directory), { now: () => new Date(START.getTime() + LEASE_MS + 1) })).toMatchObject({ done: 1 });
    const done = await exportRow(row.id);
    expect(done).toMatchObject({ status: "done", rows_written: await answerCount(consultation, CSV) });
    expect(existsSync(join(directory, done.file_name ?? ""))).toBe(true);
  });

  it("gives the file to the person who asked for it only, named after the consultation, language and day", async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const admin = await currentUserFor(demoEmail("admin"));
    const consultation = await capacityNeeds();
    const id = (await requestExport(db, rapporteur, consultation, CSV, { ip: null, now: START })) ?? "";
    expect(await exportDownload(db, rapporteur, consultation, id, directory)).toBeNull();
    await runDueJobs(db, handlers(directory), { now: () => START });
    const download = await exportDownload(db, rapporteur, consultation, id, directory);
    expect(download).toMatchObject({ fileName: `idm-2018-2-capacity-needs-fr-2026-12-06.csv`, contentType: "text/csv; charset=utf-8" });
    expect(existsSync(download?.path ?? "")).toBe(true);
    expect(await exportDownload(db, admin, consultation, id, directory)).toBeNull();
    expect(await listExports(db, admin, consultation.id)).toEqual([]);
    const partner = await createMember((await db.selectFrom("organisation").select("id").where("type", "=", "ngo").executeTakeFirstOrThrow()).id, "partner");
    expect(await requestExport(db, partner, consultation, CSV, { ip: null })).toBeNull();
    expect(await exportDownload(db, partner, consultation, id, directory)).toBeNull();
  });

  it("deletes exports and stray temporary files past their retention, and keeps the recent ones", async () => {
    const db = getDb();
    const directory = tempFolder("exports-");
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const old = (await requestExport(db, rapporteur, consultation, CSV, { ip: null, now: START })) ?? "";
    await runDueJobs(db, handlers(directory), { now: () => START });
    const oldFile = (await exportRow(old)).file_name ?? "";
    const later = new Date(START.getTime() + 8 * 24 * 3_600_000);
    const recent = (await requestExport(db, rapporteur, consultation, CSV, { ip: null, now: later })) ?? "";
    await runDueJobs(db, handlers(directory, () => later), { now: () => later });
    // A temporary file a process left as it stopped, a moment before `later`.
    const stray = join(directory, `${newId()}.csv.partial`);
    writeFileSync(stray, "");
    utimesSync(stray, later, later);
    expect(await purgeExpiredExports(db, directory, { retentionDays: 7, now: later })).toBe(1);
    expect(await db.selectFrom("export_file").select("id").where("id", "in", [old, recent]).execute()).toEqual([{ id: recent }]);
    expect(readdirSync(directory)).not.toContain(oldFile);
    expect(readdirSync(directory)).toHaveLength(2);
    expect(await purgeExpiredExports(db, directory, { retentionDays: 7, now: new Date(later.getTime() + 8 * 24 * 3_600_000) })).toBe(1);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("lists each export with the filters it was made with", async () => {
    const db = getDb();
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const plain = await requestExport(db, rapporteur, consultation, CSV, { ip: null, now: START });
    const filtered = await requestExport(db, rapporteur, consultation, { ...CSV, filters: { region: "150", type: "state", attribution: "attributable" } }, { ip: null, now: new Date(START.getTime() + 1000) });
    const listed = await listExports(db, rapporteur, consultation.id);
    expect(listed.map((item) => [item.id, item.filters])).toEqual([
      [filtered, { region: "150", type: "state", attribution: "attributable" }],
      [plain, {}],
    ]);
  });

  it("names every field of a request that is not one of its choices", () => {
    expect(parseExportRequest({ format: "odt", language: "de", profile: "public", values: "labels" })).toEqual({ ok: false, problems: ["format", "language"] });
    expect(parseExportRequest({})).toEqual({ ok: false, problems: ["format", "language", "profile", "values"] });
    expect(parseExportRequest({ format: "xlsx", language: "es", profile: "rapporteur", values: "codes" }, { region: "150" })).toEqual({
      ok: true,
      request: { format: "xlsx", language: "es", profile: "rapporteur", values: "codes", filters: { region: "150" }, translate: false },
    });
    // The translation is a checkbox: ticked only by its own value (or the command line's flag).
    expect(parseExportRequest({ format: "csv", language: "en", profile: "public", values: "labels", translate: "on" })).toMatchObject({ ok: true, request: { translate: true } });
    expect(parseExportRequest({ format: "csv", language: "en", profile: "public", values: "labels", translate: "yes please" })).toMatchObject({ ok: true, request: { translate: false } });
  });
});
