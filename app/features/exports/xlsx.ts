import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { translator } from "#app/i18n/i18n.ts";
import { excelText, neutraliseFormula } from "./cells.ts";
import { noteLines } from "./notes.ts";
import { zipCaughtUp } from "./xlsx-zip.ts";
import { countedRows, type ExportCell, type ExportColumn, type ExportKind, type ExportOutcome, type ExportSource } from "./source.ts";

type Sheet = ExcelJS.Worksheet;
type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;
/** Undefined for an empty cell: exceljs makes no cell of it at all, where a null would be a cell object written as nothing. */
type CellValue = string | number | Date | undefined;

const DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

/**
 * The style of a cell of a column that has none. exceljs finds a cell's style in a cache keyed by
 * the style object itself, and otherwise builds and compares its XML: giving every cell of a
 * column one shared object keeps that search out of the per-cell work.
 */
const UNSTYLED: Partial<ExcelJS.Style> = {};

/** Each column's one style object, shared by all its cells: a date column's format, or none. */
function columnStyles(columns: readonly ExportColumn[]): Partial<ExcelJS.Style>[] {
  return columns.map((column) => (column.type === "date" ? { numFmt: DATE_FORMAT } : UNSTYLED));
}

/** The catalogue key of each kind's sheet name. */
export const SHEET_NAMES: Record<ExportKind, string> = {
  answers: "exportFile.sheet.answers",
  proposals: "exportFile.sheet.proposals",
  needs: "exportFile.sheet.needs",
  offers: "exportFile.sheet.offers",
  matches: "exportFile.sheet.matches",
  figures: "exportFile.sheet.figures",
};

/**
 * Each source's sheet name: its kind's, numbered in the order of the sources where the workbook
 * holds that kind for several consultations (a meeting's file, whose notes say which is which).
 */
function sheetNames(sources: readonly ExportSource[], t: (key: string) => string): string[] {
  const seen = new Map<ExportKind, number>();
  return sources.map((source) => {
    const { kind } = source.meta;
    const occurrence = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, occurrence);
    const repeated = sources.filter((other) => other.meta.kind === kind).length > 1;
    return repeated ? `${t(SHEET_NAMES[kind])} ${occurrence}` : t(SHEET_NAMES[kind]);
  });
}

/** A sheet with its header row frozen and filterable. */
function addSheet(workbook: Workbook, name: string, columns: Partial<ExcelJS.Column>[]): Sheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * A cell as Excel types it (none when empty): text as a string cell (never a formula: exceljs writes strings as
 * text, and the source has neutralised them), line breaks as Excel's, cut at its limit with a visible marker;
 * numbers as numbers; dates as dates.
 */
function typed(column: ExportColumn, cell: ExportCell, marker: string): CellValue {
  if (cell === null) return undefined;
  if (column.type === "date" && typeof cell === "string") return new Date(cell);
  if (typeof cell === "number") return cell;
  return excelText(cell, marker);
}

/** Waits while the output holds more than it wants, so that a slow reader bounds what is kept in memory. */
async function drained(output: Writable): Promise<void> {
  if (output.writableNeedDrain) await once(output, "drain");
}

/** Writes one source's rows on a sheet of their own, committed as they are read, and checks their count. */
async function writeRowsSheet(workbook: Workbook, name: string, source: ExportSource, output: Writable): Promise<ExportOutcome> {
  const { language } = source.meta;
  const t = translator(language);
  const marker = t("exportFile.cut");
  const styles = columnStyles(source.columns);
  const sheet = addSheet(
    workbook,
    name,
    source.columns.map((column, index) => ({
      header: neutraliseFormula(column.headers[language]),
      key: column.key,
      width: column.type === "text" ? 40 : 20,
      style: styles[index] as Partial<ExcelJS.Style>,
    })),
  );
  const counted = countedRows(source);
  for await (const row of counted.rows) {
    const added = sheet.addRow(row.map((cell, index) => typed(source.columns[index] as ExportColumn, cell, marker)));
    // exceljs gives each new cell a style object of its own, copied from its column's: the column's own object is put back
    // (every cell made has a value, so none is skipped).
    added.eachCell((cell, column) => void (cell.style = styles[column - 1] as Partial<ExcelJS.Style>));
    added.commit();
    // Whichever is behind, the zip compressing the rows or the output taking the file, holds the next row back.
    await zipCaughtUp(sheet);
    await drained(output);
  }
  const outcome = counted.finish();
  sheet.commit();
  return outcome;
}

/**
 * Writes sources as one Excel workbook with exceljs's streaming writer: each source's rows on a
 * sheet named as `sheetNames` names it (typed cells, frozen header, auto-filter), in the order given; then a
 * codebook (every column of every sheet: its sheet, key, question, label, type, and each code with
 * its label); then the notes, each source's under its sheet's name. Rows are committed as they
 * are read. Rejects without finishing the workbook (an unreadable file) when any sheet's rows are
 * not its query's count. The sources share the language of the first. Resolves with each source's
 * outcome, in the order given.
 */
export async function writeWorkbook(sources: readonly ExportSource[], output: Writable): Promise<ExportOutcome[]> {
  const first = sources[0];
  if (!first) throw new Error("a workbook needs at least one source");
  const t = translator(first.meta.language);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  try {
    const names = sheetNames(sources, t);
    const outcomes: ExportOutcome[] = [];
    for (const [index, source] of sources.entries()) outcomes.push(await writeRowsSheet(workbook, names[index] ?? "", source, output));
    writeCodebook(workbook, sources, names);
    const notes = addSheet(workbook, t("exportFile.sheet.notes"), [{ width: 50 }, { width: 70 }]);
    sources.forEach((source, index) => {
      if (sources.length > 1) notes.addRow([t("exportFile.notes.sheet"), names[index] ?? ""]).commit();
      for (const line of noteLines(source, outcomes[index] as ExportOutcome)) notes.addRow(line).commit();
    });
    notes.commit();
    await workbook.commit();
    return outcomes;
  } catch (error) {
    // Closed without an error event, which nobody may be listening for: the rejection tells the caller.
    output.destroy();
    throw error;
  }
}

/** Writes one source as a workbook (its rows, codebook and notes); see `writeWorkbook`. */
export async function writeXlsx(source: ExportSource, output: Writable): Promise<ExportOutcome> {
  const [outcome] = await writeWorkbook([source], output);
  return outcome as ExportOutcome;
}

function writeCodebook(workbook: Workbook, sources: readonly ExportSource[], names: readonly string[]): void {
  const language = (sources[0] as ExportSource).meta.language;
  const t = translator(language);
  const header = (key: string, width: number) => ({ header: t(key), width });
  const codebook = addSheet(workbook, t("exportFile.sheet.codebook"), [
    header("exportFile.codebook.sheet", 20),
    header("exportFile.codebook.column", 30),
    header("exportFile.codebook.question", 25),
    header("exportFile.codebook.label", 50),
    header("exportFile.codebook.type", 20),
    header("exportFile.codebook.code", 25),
    header("exportFile.codebook.codeLabel", 50),
  ]);
  const typeNames = { text: t("exportFile.type.text"), number: t("exportFile.type.number"), date: t("exportFile.type.date"), code: t("exportFile.type.code") };
  for (const [index, source] of sources.entries()) {
    const sheet = names[index] ?? "";
    for (const column of source.columns) {
      const described = [sheet, column.key, column.question, neutraliseFormula(column.headers[language]), typeNames[column.type]];
      if (!column.codes.length) codebook.addRow([...described, null, null]).commit();
      for (const code of column.codes) codebook.addRow([...described, code.value, neutraliseFormula(code.labels[language])]).commit();
    }
  }
  codebook.commit();
}
