import ExcelJS from "exceljs";
import { excelText } from "#app/features/exports/cells.ts";
import { translator } from "#app/i18n/i18n.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";

/**
 * The translation table of a survey as an Excel workbook, for a translator who works outside the
 * app: written with one row per text (its key, where it is, what it is, and its English, French and
 * Spanish), and read back after the translator has filled the French and Spanish cells.
 */

export interface TranslationRow {
  /** Stable key of the text in the survey JSON (a JSON pointer like "/pages/0/elements/2/title"). */
  key: string;
  /** Where a person finds it: "survey", "page ‹name›", a question's name, "panel › question". */
  where: string;
  /** What it is: "title", "description", 'choice "yes"', "validator message"... (already in words). */
  what: string;
  en: string;
  fr: string;
  es: string;
}

/** A row as read back: the texts of one key. */
export type TranslatedTexts = Pick<TranslationRow, "key" | "en" | "fr" | "es">;

export const TRANSLATION_WORKBOOK_REFUSALS = ["not-xlsx", "no-sheet", "no-key-column", "too-large"] as const;
export type TranslationWorkbookRefusal = (typeof TRANSLATION_WORKBOOK_REFUSALS)[number];

export type TranslationWorkbookReading = { ok: true; rows: TranslatedTexts[] } | { ok: false; reason: TranslationWorkbookRefusal };

/** The largest upload read: a survey's texts take a few hundred kilobytes. */
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
/** The most rows read: far more texts than any survey has. */
export const MAX_WORKBOOK_ROWS = 20_000;
/** The most the files inside the workbook may hold once unzipped, so that a small zip cannot unfold into gigabytes. */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
/** How far down a sheet the header row is looked for (a translator may add a line of their own above it). */
const HEADER_SEARCH_ROWS = 10;

/** The columns, in the order written, each with the catalogue key of its heading and its width in characters. */
const COLUMNS = [
  { id: "key", heading: "translationWorkbook.column.key", width: 14 },
  { id: "where", heading: "translationWorkbook.column.where", width: 24 },
  { id: "what", heading: "translationWorkbook.column.what", width: 22 },
  { id: "en", heading: "translationWorkbook.column.en", width: 50 },
  { id: "fr", heading: "translationWorkbook.column.fr", width: 50 },
  { id: "es", heading: "translationWorkbook.column.es", width: 50 },
] as const;

type ColumnId = (typeof COLUMNS)[number]["id"];
/** The columns read back: where and what are the app's own words, made again from the survey. */
type ReadColumn = keyof TranslatedTexts;

/** Light yellow: a cell still to translate. */
const TO_TRANSLATE = "FFFFF2CC";
/** Light grey: the key, which is not the translator's to change. */
const LOCKED = "FFEDEDED";

const solid = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } });

/** A spreadsheet column's letter (1 → A); the table has six. */
const letter = (column: number) => String.fromCharCode(64 + column);

/**
 * Writes a survey's translation table as a workbook in the reader's language: a "Translations"
 * sheet (header row bold and frozen, text wrapped, French and Spanish cells still empty lit by a
 * conditional fill that goes once they are filled) and a sheet saying how to use it. The sheet is
 * protected without a password, with only the French and Spanish cells open, so that the key
 * cannot be changed by mistake; a translator who means to can lift the protection. Every text is
 * written as a string cell, never a formula, whatever it begins with: a text is data. Rows keep
 * the order given.
 */
export async function writeTranslationWorkbook(rows: TranslationRow[], options: { surveyTitle: string; language: Language }): Promise<Buffer> {
  const t = translator(options.language);
  const marker = t("translationWorkbook.cut");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("translationWorkbook.sheet.translations"), { views: [{ state: "frozen", ySplit: 1, activeCell: "E2" }] });
  sheet.columns = COLUMNS.map((column) => ({
    key: column.id,
    width: column.width,
    style: { alignment: { wrapText: true, vertical: "top" } },
  }));

  const header = sheet.getRow(1);
  COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = t(column.heading);
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "top" };
  });
  header.getCell(1).note = t("translationWorkbook.keyNote");

  for (const row of rows) {
    const added = sheet.addRow(COLUMNS.map((column) => excelText(row[column.id], marker)));
    for (const [index, column] of COLUMNS.entries()) style(added.getCell(index + 1), column.id);
  }

  const last = rows.length + 1;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: COLUMNS.length } };
  if (rows.length) {
    const first = COLUMNS.findIndex((column) => column.id === "fr") + 1;
    sheet.addConditionalFormatting({
      ref: `${letter(first)}2:${letter(first + 1)}${last}`,
      rules: [{ type: "expression", priority: 1, formulae: [`LEN(TRIM(${letter(first)}2))=0`], style: { fill: solid(TO_TRANSLATE) } }],
    });
  }
  await sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true });

  const guide = workbook.addWorksheet(t("translationWorkbook.sheet.guide"));
  guide.columns = [{ width: 100, style: { alignment: { wrapText: true, vertical: "top" } } }];
  guide.addRow([excelText(options.surveyTitle, marker)]).font = { bold: true };
  for (const line of ["translationWorkbook.guide.fill", "translationWorkbook.guide.key", "translationWorkbook.guide.keep", "translationWorkbook.guide.upload"] as const) {
    guide.addRow([t(line, { key: t("translationWorkbook.column.key") })]);
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A cell of a data row: the key greyed and locked, French and Spanish open to the translator, the rest locked. */
function style(cell: ExcelJS.Cell, column: ColumnId): void {
  const open = column === "fr" || column === "es";
  cell.protection = { locked: !open };
  if (column === "key") cell.fill = solid(LOCKED);
}

/**
 * Reads a translation workbook back: the sheet whose header (in one of its first rows) has a Key
 * column in any of the three languages, or else the first sheet; the Key, English, French and
 * Spanish columns found by their heading in any language, so that a workbook written in French
 * reads the same for someone working in English. Cells read as the text they show (rich text,
 * shared strings, numbers, a formula's result), trimmed, with Excel's line breaks. Rows without
 * a key are skipped (nothing says which text they translate), as are empty ones. When a key comes
 * twice, the last row wins, at the place of the first: a translator who copied a row to redo it
 * means the copy. A missing language column reads as empty texts. Never throws: anything that is
 * not an Excel workbook is "not-xlsx".
 */
export async function readTranslationWorkbook(data: Buffer | Uint8Array): Promise<TranslationWorkbookReading> {
  if (data.byteLength > MAX_WORKBOOK_BYTES) return { ok: false, reason: "too-large" };
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const zip = zipContents(bytes);
  if (!zip || !zip.names.has("xl/workbook.xml")) return { ok: false, reason: "not-xlsx" };
  if (zip.unzippedBytes > MAX_UNZIPPED_BYTES) return { ok: false, reason: "too-large" };

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's own Buffer type is an ArrayBuffer: a copy of the bytes, as one.
    await workbook.xlsx.load(new Uint8Array(data).buffer);
  } catch {
    return { ok: false, reason: "not-xlsx" };
  }
  const sheets = workbook.worksheets;
  if (!sheets.length) return { ok: false, reason: "no-sheet" };

  const found = sheets.map(findHeader).find((header) => header !== undefined);
  if (!found) return { ok: false, reason: "no-key-column" };
  const { sheet } = found;
  if (sheet.actualRowCount - 1 > MAX_WORKBOOK_ROWS) return { ok: false, reason: "too-large" };

  const byKey = new Map<string, TranslatedTexts>();
  sheet.eachRow((row, number) => {
    if (number <= found.row) return;
    const text = (column: ReadColumn) => {
      const index = found.columns.get(column);
      return index === undefined ? "" : plainText(row.getCell(index).value);
    };
    const key = text("key");
    if (key) byKey.set(key, { key, en: text("en"), fr: text("fr"), es: text("es") });
  });
  return { ok: true, rows: [...byKey.values()] };
}

/** A heading as compared: case, spacing and Unicode form set aside. */
const normalised = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();

/** Each read column's headings in the three languages. */
const HEADINGS: ReadonlyMap<ReadColumn, ReadonlySet<string>> = new Map(
  (["key", "en", "fr", "es"] as const).map((id) => {
    const heading = COLUMNS.find((column) => column.id === id)?.heading ?? "";
    return [id, new Set(LANGUAGES.map((language) => normalised(translator(language)(heading))))];
  }),
);

interface Header {
  sheet: ExcelJS.Worksheet;
  /** The header's row number. */
  row: number;
  /** Each column found, by its number (the first of two with the same heading). */
  columns: Map<ReadColumn, number>;
}

/** The header of a sheet: the first of its first rows that has a Key heading. */
function findHeader(sheet: ExcelJS.Worksheet): Header | undefined {
  for (let number = 1; number <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); number++) {
    const columns = new Map<ReadColumn, number>();
    sheet.getRow(number).eachCell((cell, column) => {
      const heading = normalised(plainText(cell.value));
      for (const [id, headings] of HEADINGS) if (headings.has(heading) && !columns.has(id)) columns.set(id, column);
    });
    if (columns.has("key")) return { sheet, row: number, columns };
  }
  return undefined;
}

/**
 * A cell's value as the text a person sees in it, trimmed. A formula gives its result (a
 * translator's spreadsheet may have turned a text beginning with = into one), or, with none or an
 * error, the formula as typed; an error cell is empty.
 */
function plainText(value: ExcelJS.CellValue): string {
  return textOf(value).replace(/\r\n?/g, "\n").trim();
}

function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return textOf(value.text);
  if ("error" in value) return "";
  if ("formula" in value || "sharedFormula" in value) {
    const { result } = value;
    const shown = result === undefined || (typeof result === "object" && "error" in result) ? "" : textOf(result);
    return shown || ("formula" in value ? `=${value.formula}` : "");
  }
  return "";
}

/**
 * What a zip file holds, from its central directory, or undefined when the bytes are no zip:
 * the names of its files and their unzipped size, checked before the workbook is unpacked.
 */
function zipContents(data: Buffer): { names: Set<string>; unzippedBytes: number } | undefined {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  // The end record is 22 bytes, followed by a comment of at most 65,535.
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === END) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const names = new Set<string>();
  let unzippedBytes = 0;
  for (let entry = 0; entry < count; entry++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== ENTRY) return undefined;
    const nameLength = data.readUInt16LE(at + 28);
    unzippedBytes += data.readUInt32LE(at + 24);
    names.add(data.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return { names, unzippedBytes };
}
