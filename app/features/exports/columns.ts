import type { LabelledValue } from "#app/features/surveys/survey-model.ts";
import type { Term } from "#app/features/taxonomy/taxonomy.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import { texts } from "./answer-columns.ts";
import { MULTIPLE_SEPARATOR, textCell, type ExportCell, type ExportColumn, type ValueMode } from "./source.ts";

/**
 * The columns a source defines itself (not read from a survey): headers from the catalogues,
 * codes from fixed lists or the taxonomy, so that every sheet's codebook says what each holds.
 */

/** Codes with their labels in each language, made by a function of the code. */
export function labelledCodes(values: readonly string[], label: (value: string, language: Language) => string): LabelledValue[] {
  return values.map((value) => ({ value, labels: texts((language) => label(value, language)) }));
}

/** A taxonomy list as the codes of a column. */
export function termCodes(terms: readonly Term[]): LabelledValue[] {
  return terms.map((term) => ({ value: term.value, labels: term.text }));
}

/** A column of a source's own, its header a catalogue key. */
export function ownColumn(key: string, header: string, type: ExportColumn["type"], codes: LabelledValue[] = [], multiple = false): ExportColumn {
  return { key, headers: texts((language) => translator(language)(header)), type, question: null, codes, multiple };
}

/** A column of text a person wrote, in the row's language: one a machine translation may be added beside. */
export function freeTextColumn(key: string, header: string): ExportColumn {
  return { ...ownColumn(key, header, "text"), freeText: true };
}

/** A cell of a code column: the code, or its label in the language, as the export shows values. */
export function codedCell(column: ExportColumn, code: string | null, values: ValueMode, language: Language): ExportCell {
  if (code === null) return null;
  return textCell(values === "codes" ? code : (column.codes.find((entry) => entry.value === code)?.labels[language] ?? code));
}

/** A cell of several codes of a column, in the order given. */
export function codedCells(column: ExportColumn, codes: readonly string[], values: ValueMode, language: Language): ExportCell {
  return codes.length ? textCell(codes.map((code) => (values === "codes" ? code : (column.codes.find((entry) => entry.value === code)?.labels[language] ?? code))).join(MULTIPLE_SEPARATOR)) : null;
}
