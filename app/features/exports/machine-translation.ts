import { translateBatch, type ApertiumOptions } from "#app/features/translation/apertium.ts";
import { translator } from "#app/i18n/i18n.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import { texts } from "./answer-columns.ts";
import { textCell, type ExportCell, type ExportColumn, type ExportSource, type MachineTranslationReport } from "./source.ts";

/**
 * Apertium's translation of free text into the export's language, added beside the original
 * (docs/decisions/0035-machine-translation-in-exports.md). The original text and its language
 * stay as they are; a text Apertium could not translate keeps an empty translation cell and is
 * counted, with the reason, in the file's notes.
 */

/** The column that holds each row's language (ISO 639-1 code), as the author's columns give it. */
export const LANGUAGE_COLUMN = "language";
export const TRANSLATION_KEY_SUFFIX = ".machine_translation";
/** Rows translated together: one Apertium batch per source language per page, never one process per cell. */
export const TRANSLATION_PAGE_ROWS = 200;

export interface MachineTranslationOptions {
  apertium?: ApertiumOptions;
  pageRows?: number;
}

function translationColumn(column: ExportColumn, into: Language): ExportColumn {
  return {
    key: `${column.key}${TRANSLATION_KEY_SUFFIX}`,
    headers: texts((language) => translator(language)("exportFile.column.machineTranslation", { column: column.headers[language], language: translator(language)(`reading.languageName.${into}`) })),
    type: "text",
    question: column.question,
    codes: [],
    multiple: false,
    translationOf: column.key,
  };
}

/** A place in a page: its row and the index of its free-text column. */
interface Wanted {
  row: number;
  column: number;
  text: string;
}

/**
 * The source with a translation column after each of its free-text columns, filled by Apertium
 * for texts whose row's language is not the export's. A source without a language column or free
 * text is returned as it is.
 */
export function withMachineTranslation(source: ExportSource, options: MachineTranslationOptions = {}): ExportSource {
  const into = source.meta.language;
  const languageAt = source.columns.findIndex((column) => column.key === LANGUAGE_COLUMN);
  const freeText = new Set(source.columns.flatMap((column, index) => (column.freeText ? [index] : [])));
  if (languageAt < 0 || freeText.size === 0) return source;
  const pageRows = options.pageRows ?? TRANSLATION_PAGE_ROWS;
  const report: MachineTranslationReport = { translated: 0, untranslated: 0, unknownLanguage: 0, problems: [] };
  const columns = source.columns.flatMap((column) => (column.freeText ? [column, translationColumn(column, into)] : [column]));

  async function translatePage(page: ExportCell[][]): Promise<ExportCell[][]> {
    const wanted = new Map<Language, Wanted[]>();
    page.forEach((row, rowIndex) => {
      const from = row[languageAt];
      for (const column of freeText) {
        const text = row[column];
        if (typeof text !== "string" || text === "") continue;
        if (!isLanguage(from)) report.unknownLanguage += 1;
        else if (from !== into) wanted.set(from, [...(wanted.get(from) ?? []), { row: rowIndex, column, text }]);
      }
    });
    const translations = new Map<string, string>();
    for (const [from, items] of wanted) {
      const result = await translateBatch(
        items.map((item) => item.text),
        from,
        into,
        options.apertium,
      );
      if (!result.ok) {
        report.untranslated += items.length;
        if (!report.problems.includes(result.message)) report.problems.push(result.message);
        continue;
      }
      report.translated += items.length;
      items.forEach((item, index) => translations.set(`${item.row}:${item.column}`, result.texts[index] as string));
    }
    return page.map((row, rowIndex) => row.flatMap((cell, column) => (freeText.has(column) ? [cell, textCell(translations.get(`${rowIndex}:${column}`))] : [cell])));
  }

  async function* rows(): AsyncIterable<ExportCell[]> {
    Object.assign(report, { translated: 0, untranslated: 0, unknownLanguage: 0, problems: [] });
    let page: ExportCell[][] = [];
    for await (const row of source.rows()) {
      page.push(row);
      if (page.length < pageRows) continue;
      yield* await translatePage(page);
      page = [];
    }
    if (page.length) yield* await translatePage(page);
  }

  return { ...source, columns, rows, machineTranslation: report };
}
