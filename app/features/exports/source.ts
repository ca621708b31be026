import { createHash } from "node:crypto";
import type { LabelledValue, Texts } from "#app/features/surveys/survey-model.ts";
import type { Language } from "#app/i18n/languages.ts";
import { neutraliseFormula } from "./cells.ts";

/**
 * One source of rows for every export format (docs/decisions/0027-exports-from-one-source-of-rows.md):
 * the columns, typed and labelled in each language, and the rows as an async iterable read from
 * the database page by page. Writers turn it into CSV, XLSX or JSON and add nothing of their own
 * to the data.
 */

export const COLUMN_TYPES = ["text", "number", "date", "code"] as const;
/** text: free text as written; number; date: an ISO 8601 instant; code: a value from a list (`codes`), shown as its code or label. */
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ExportColumn {
  /** Stable and unique: `question`, `matrix.row`, `panel.2.question`, `question-Comment`. */
  key: string;
  headers: Texts;
  type: ColumnType;
  /** The question it answers (the panel's for a panel entry's), for the codebook; null for the answer's own columns. */
  question: string | null;
  /** The values a code column takes, with their labels; empty for other types. */
  codes: LabelledValue[];
  /** Several codes in one cell, separated by `MULTIPLE_SEPARATOR`. */
  multiple: boolean;
  /** Text a person wrote, in the row's `language`: the text an export may add a machine translation of. */
  freeText?: boolean;
  /** The key of the free-text column this one holds Apertium's translation of (docs/decisions/0035). */
  translationOf?: string;
}

/** Between the codes (or labels) of a question answered with several choices. */
export const MULTIPLE_SEPARATOR = "; ";

/** A cell's value: text as written (neutralised), a number, an ISO instant for dates; null when not answered. */
export type ExportCell = string | number | null;

export const EXPORT_PROFILES = ["public", "rapporteur"] as const;
export type ExportProfile = (typeof EXPORT_PROFILES)[number];

export const VALUE_MODES = ["labels", "codes"] as const;
export type ValueMode = (typeof VALUE_MODES)[number];

/** What was left out of the rows, and why: shown in every file's notes. */
/** What a source's rows are; each is a sheet of the workbook and a named array of the JSON bundle. */
export const EXPORT_KINDS = ["answers", "proposals", "needs", "offers", "matches", "figures"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface OmittedCounts {
  /** Answers given "count only": counted, never quoted. */
  countOnly: number;
  /** Answers that may be quoted without their name only: left out of the public profile. */
  notAttributable: number;
  /** Entries (such as proposals) whose author did not consent to publication: left out of the public profile. */
  notConsented: number;
  /** Entries removed by an amendment of the answer. */
  withdrawn: number;
  /** Proposals folded into a merged one: the merged proposal stands for them. */
  merged: number;
}

/** Nothing left out yet: a source's counts start here. */
export function noneOmitted(): OmittedCounts {
  return { countOnly: 0, notAttributable: 0, notConsented: 0, withdrawn: 0, merged: 0 };
}

export interface ExportMeta {
  kind: ExportKind;
  title: string;
  consultation: string;
  /** The meeting's slug when the file is a whole meeting's (docs/decisions/0034). */
  meeting?: string;
  survey: { slug: string; version: string };
  language: Language;
  profile: ExportProfile;
  values: ValueMode;
  /** The filters applied, by name, with their values as given. */
  filters: Record<string, string>;
  /** ISO instant. */
  madeAt: string;
}

export interface ExportSource {
  meta: ExportMeta;
  columns: ExportColumn[];
  /** The number of rows the query selects, counted before reading them: a writer that writes another number fails. */
  expectedRows: number;
  /** The rows in a stable order, read in pages; cells in the columns' order, already neutralised. */
  rows(): AsyncIterable<ExportCell[]>;
  /** What was left out; complete once `rows()` has been read to the end. */
  omitted: OmittedCounts;
  /** Present when a machine translation was asked for; complete once `rows()` has been read to the end. */
  machineTranslation?: MachineTranslationReport;
}

/** What became of the free texts a machine translation was asked for, for the file's notes. */
export interface MachineTranslationReport {
  /** Texts given Apertium's translation. */
  translated: number;
  /** Texts Apertium could not translate (missing or failed): the original stands alone. */
  untranslated: number;
  /** Texts whose row has no known language: nothing to translate from. */
  unknownLanguage: number;
  /** Why texts were not translated, each reason once. */
  problems: string[];
}

/**
 * The name of each source in a file of several: its kind, or, where the file holds that kind for
 * several consultations (a meeting's file), `<consultation slug>/<kind>`.
 */
export function partNames(sources: readonly ExportSource[]): string[] {
  const kinds = sources.map((source) => source.meta.kind);
  return sources.map((source) => (kinds.filter((kind) => kind === source.meta.kind).length > 1 ? `${source.meta.consultation}/${source.meta.kind}` : source.meta.kind));
}

/** A writer found a number of rows other than the query's count: the file is incomplete and must not be used. */
export class IncompleteExportError extends Error {
  constructor(
    readonly expected: number,
    readonly written: number,
  ) {
    super(`export incomplete: ${written} rows written where the query counted ${expected}`);
    this.name = "IncompleteExportError";
  }
}

export interface ExportOutcome {
  rows: number;
  /** SHA-256 (hex) of the data, as `contentHash` defines it. */
  sha256: string;
}

/**
 * The content hash of an export, the same for the same data in every format: SHA-256 over UTF-8
 * lines, each a JSON array followed by "\n": first the column keys, then each row's cells in the
 * columns' order, exactly as the JSON export holds them (`JSON.stringify`, no spaces). A reader
 * can recompute it from the JSON file's `columns[].key` and `rows`.
 */
export class ContentHash {
  private readonly hash = createHash("sha256");
  /** Lines not hashed yet: handed to the hash in chunks, as one call per row cost more than hashing the row. */
  private pending = "";
  constructor(columns: readonly ExportColumn[]) {
    this.line(columns.map((column) => column.key));
  }
  line(values: readonly unknown[]): void {
    this.pending += `${JSON.stringify(values)}\n`;
    if (this.pending.length >= HASH_CHUNK) this.flush();
  }
  digest(): string {
    this.flush();
    return this.hash.digest("hex");
  }
  private flush(): void {
    this.hash.update(this.pending, "utf8");
    this.pending = "";
  }
}

/** Characters of lines gathered before they are hashed. */
const HASH_CHUNK = 64 * 1024;

/**
 * The rows of a source with their hash and count kept as they pass: every writer reads the rows
 * through it, and calls `finish()` before writing what closes the file, so that a file never
 * ends as complete when rows are missing.
 */
export function countedRows(source: ExportSource): { rows: AsyncIterable<ExportCell[]>; finish(): ExportOutcome } {
  const hash = new ContentHash(source.columns);
  let written = 0;
  let ended = false;
  async function* rows(): AsyncIterable<ExportCell[]> {
    for await (const row of source.rows()) {
      hash.line(row);
      written += 1;
      yield row;
    }
    ended = true;
  }
  return {
    rows: rows(),
    finish() {
      if (!ended || written !== source.expectedRows) throw new IncompleteExportError(source.expectedRows, written);
      return { rows: written, sha256: hash.digest() };
    },
  };
}

/** A text cell as every format holds it: neutralised against formulas; null for no text. */
export function textCell(text: string | null | undefined): ExportCell {
  return text === null || text === undefined || text === "" ? null : neutraliseFormula(text);
}
