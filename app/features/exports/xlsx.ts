import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { translator } from "#app/i18n/i18n.ts";
import { excelText, neutraliseFormula } from "./cells.ts";
import { noteLines } from "./notes.ts";
import { countedRows, type ExportCell, type ExportColumn, type ExportOutcome, type ExportSource } from "./source.ts";

type Sheet = ExcelJS.Worksheet;
type CellValue = string | number | Date | null;

const DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

/** A sheet with its header row frozen and filterable. */
function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Partial<ExcelJS.Column>[]): Sheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * A cell as Excel types it: text as a string cell (never a formula: exceljs writes strings as
 * text, and the source has neutralised them), line breaks as Excel's, cut at its limit with a visible marker;
 * numbers as numbers; dates as dates.
 */
function typed(column: ExportColumn, cell: ExportCell, marker: string): CellValue {
  if (cell === null) return null;
  if (column.type === "date" && typeof cell === "string") return new Date(cell);
  if (typeof cell === "number") return cell;
  return excelText(cell, marker);
}

/** Waits while the output holds more than it wants, so that a slow reader bounds what is kept in memory. */
async function drained(output: Writable): Promise<void> {
  if (output.writableNeedDrain) await once(output, "drain");
}

/**
 * Writes a source as an Excel workbook with exceljs's streaming writer: the rows on a first sheet
 * (typed cells, frozen header, auto-filter), a codebook (every column: its key, question, label,
 * type, and each code with its label), and the notes. Rows are committed as they are read.
 * Rejects without finishing the workbook (an unreadable file) when the rows written are not the
 * query's count.
 */
export async function writeXlsx(source: ExportSource, output: Writable): Promise<ExportOutcome> {
  const { language } = source.meta;
  const t = translator(language);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const marker = t("exportFile.cut");
  try {
    const answers = addSheet(
      workbook,
      t("exportFile.sheet.answers"),
      source.columns.map((column) => ({
        header: neutraliseFormula(column.headers[language]),
        key: column.key,
        width: column.type === "text" ? 40 : 20,
        ...(column.type === "date" ? { style: { numFmt: DATE_FORMAT } } : {}),
      })),
    );
    const counted = countedRows(source);
    for await (const row of counted.rows) {
      answers.addRow(row.map((cell, index) => typed(source.columns[index] as ExportColumn, cell, marker))).commit();
      await drained(output);
    }
    const outcome = counted.finish();
    answers.commit();
    writeCodebook(workbook, source);
    const notes = addSheet(workbook, t("exportFile.sheet.notes"), [{ width: 50 }, { width: 70 }]);
    for (const line of noteLines(source, outcome)) notes.addRow(line).commit();
    notes.commit();
    await workbook.commit();
    return outcome;
  } catch (error) {
    // Closed without an error event, which nobody may be listening for: the rejection tells the caller.
    output.destroy();
    throw error;
  }
}

function writeCodebook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, source: ExportSource): void {
  const { language } = source.meta;
  const t = translator(language);
  const header = (key: string, width: number) => ({ header: t(key), width });
  const codebook = addSheet(workbook, t("exportFile.sheet.codebook"), [
    header("exportFile.codebook.column", 30),
    header("exportFile.codebook.question", 25),
    header("exportFile.codebook.label", 50),
    header("exportFile.codebook.type", 20),
    header("exportFile.codebook.code", 25),
    header("exportFile.codebook.codeLabel", 50),
  ]);
  const typeNames = { text: t("exportFile.type.text"), number: t("exportFile.type.number"), date: t("exportFile.type.date"), code: t("exportFile.type.code") };
  for (const column of source.columns) {
    const described = [column.key, column.question, neutraliseFormula(column.headers[language]), typeNames[column.type]];
    if (!column.codes.length) codebook.addRow([...described, null, null]).commit();
    for (const code of column.codes) codebook.addRow([...described, code.value, neutraliseFormula(code.labels[language])]).commit();
  }
  codebook.commit();
}
