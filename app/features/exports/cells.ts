/**
 * What every export format does to a cell's text before a person's spreadsheet can read it
 * (docs/decisions/0027-exports-from-one-source-of-rows.md).
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet could run as a formula, made inert by a leading apostrophe, which Excel,
 * LibreOffice and Google Sheets read as "this is text". The one function every format uses, so
 * that CSV, XLSX and JSON hold the same characters.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The most characters Excel keeps in one cell. */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * Text as an Excel cell holds it: line breaks as Excel writes them (a line feed: XML turns a
 * carriage return into one anyway), cut to the cell's limit with a marker that says so.
 */
export function excelText(text: string, marker: string): string {
  return cutForExcel(text.replace(/\r\n?/g, "\n"), marker);
}

/** Text cut to fit one Excel cell, ending with a marker that says so; unchanged when it fits. */
export function cutForExcel(text: string, marker: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  let kept = text.slice(0, EXCEL_CELL_LIMIT - marker.length);
  // Never leave half of a surrogate pair before the marker.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${marker}`;
}
