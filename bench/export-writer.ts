// One export written in a process of its own (`bench/exports.ts` starts it), so that its peak
// resident memory is its own: `tsx bench/export-writer.ts <writer> <database URL> <consultation id> <out file>`.
// Prints one JSON line: { ms, rows, bytes, maxRssMb }.
import { createWriteStream, existsSync, readFileSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { stringify } from "csv-stringify";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { loadCurrentUser } from "#app/features/auth/current-user.ts";
import { answersExport } from "#app/features/exports/answers.ts";
import { writeCsv } from "#app/features/exports/csv.ts";
import { writeXlsx } from "#app/features/exports/xlsx.ts";
import { connect, type Db } from "#db/connect.ts";

export const WRITERS = ["app-csv", "bare-csv", "app-xlsx", "bare-xlsx"] as const;
export type Writer = (typeof WRITERS)[number];

/**
 * What a bare writer reads: the answers and their organisations, by one plain query, row by row
 * (better-sqlite3's iterate: the driver of the app's SQLite dialect does not stream).
 */
function* plainRows(file: string, consultationId: string): Generator<PlainRow> {
  const sqlite = new Database(file, { readonly: true });
  try {
    yield* sqlite
      .prepare<[string], PlainRow>(
        `select response.reference, organisation.name, organisation.country_code, organisation.type, organisation.region_m49, response.attribution, response.language, response.submitted_at, response.submitted_data
         from response join organisation on organisation.id = response.organisation_id
         where response.consultation_id = ? and response.submitted_data is not null`,
      )
      .iterate(consultationId);
  } finally {
    sqlite.close();
  }
}

interface PlainRow {
  reference: string | null;
  name: string | null;
  country_code: string | null;
  type: string;
  region_m49: string | null;
  attribution: string | null;
  language: string | null;
  submitted_at: string | null;
  submitted_data: string | null;
}

/** A key of the app's columns (`question`, `matrix.row`, `panel.2.question`) read from the answers as they are, without the survey model. */
function plainCell(answers: Record<string, unknown>, key: string): string | number | null {
  let value: unknown = answers;
  for (const part of key.split(".")) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[Array.isArray(value) ? Number(part) - 1 : part] : undefined;
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "object") return JSON.stringify(value);
  return typeof value === "number" ? value : String(value);
}

function* bareRecords(file: string, consultationId: string, keys: readonly string[]): Generator<(string | number | null)[]> {
  for (const row of plainRows(file, consultationId)) {
    const answers = JSON.parse(row.submitted_data ?? "{}") as Record<string, unknown>;
    yield [row.reference, row.name ?? row.country_code, row.type, row.region_m49, row.attribution, row.language, row.submitted_at, ...keys.map((key) => plainCell(answers, key))];
  }
}

const drained = (output: Writable) => (output.writableNeedDrain ? new Promise((resolve) => output.once("drain", resolve)) : undefined);

async function bareCsv(file: string, consultationId: string, keys: readonly string[], output: Writable): Promise<number> {
  const csv = stringify({ bom: true });
  csv.pipe(output);
  let rows = 0;
  for (const record of bareRecords(file, consultationId, keys)) {
    if (!csv.write(record)) await new Promise((resolve) => csv.once("drain", resolve));
    rows += 1;
  }
  csv.end();
  await finished(output);
  return rows;
}

async function bareXlsx(file: string, consultationId: string, keys: readonly string[], output: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("answers");
  let rows = 0;
  for (const record of bareRecords(file, consultationId, keys)) {
    sheet.addRow(record).commit();
    await drained(output);
    rows += 1;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}

/** The app's export of the consultation's answers, as a rapporteur downloads it (English labels). */
async function appSource(db: Db, consultationId: string) {
  const rapporteur = await db.selectFrom("user").select("id").where("email", "=", "rapporteur@consulta.test").executeTakeFirstOrThrow();
  const user = await loadCurrentUser(db, rapporteur.id, "bench");
  const consultation = await db.selectFrom("consultation").selectAll().where("id", "=", consultationId).executeTakeFirstOrThrow();
  const source = user
    ? await answersExport(db, user, consultation, {
        language: "en",
        profile: "rapporteur",
        values: "labels",
      })
    : null;
  if (!source) throw new Error("The demo's rapporteur may not export the answers");
  return source;
}

/** The app's answer columns' keys: what the bare writers write too, so that both write the same cells. */
async function answerKeys(db: Db, consultationId: string): Promise<string[]> {
  const source = await appSource(db, consultationId);
  return source.columns.map((column) => column.key).slice(OWN_COLUMNS);
}

/** The answer's own columns (reference, organisation, type, region, use, language, submission time) before its questions'. */
const OWN_COLUMNS = 7;

async function write(writer: Writer, db: Db, url: string, consultationId: string, keys: readonly string[], output: Writable): Promise<number> {
  if (writer === "app-csv") return (await writeCsv(await appSource(db, consultationId), output)).rows;
  if (writer === "app-xlsx") return (await writeXlsx(await appSource(db, consultationId), output)).rows;
  // The bare writers read the SQLite file itself: the bench's database is always one.
  const file = url.replace(/^file:/, "");
  return writer === "bare-csv" ? bareCsv(file, consultationId, keys, output) : bareXlsx(file, consultationId, keys, output);
}

/**
 * The process's peak resident memory in MB: on Linux its VmHWM (/proc/self/status). getrusage's
 * maxRSS does not do here: Linux keeps the larger of a process's and its parent's at exec, so
 * every writer started by the bench reported at least the bench's own resident size (344 MB for
 * all four writers after loading 30,000 answers).
 */
function peakRssMb(): number {
  const status = "/proc/self/status";
  const peak = existsSync(status) ? /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(status, "utf8")) : null;
  return peak ? Number(peak[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

if (process.argv[1]?.endsWith("export-writer.ts")) {
  const [writer, url, consultationId, out] = process.argv.slice(2);
  if (!WRITERS.some((known) => known === writer) || !url || !consultationId || !out) throw new Error(`usage: export-writer.ts ${WRITERS.join("|")} <database URL> <consultation id> <out file>`);
  const db = connect(url, { poolSize: 2 });
  try {
    // Untimed, in every writer's process alike: the columns, and the survey model compiled once, as in a running server.
    const keys = await answerKeys(db, consultationId);
    const started = performance.now();
    const rows = await write(writer as Writer, db, url, consultationId, keys, createWriteStream(out));
    const ms = performance.now() - started;
    process.stdout.write(
      `${JSON.stringify({
        ms,
        rows,
        bytes: statSync(out).size,
        maxRssMb: peakRssMb(),
      })}\n`,
    );
  } finally {
    await db.destroy();
  }
}
