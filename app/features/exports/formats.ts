import type { Writable } from "node:stream";
import { writeCsv } from "./csv.ts";
import { writeJson } from "./json.ts";
import type { ExportOutcome, ExportSource } from "./source.ts";
import { writeXlsx } from "./xlsx.ts";

export interface ExportFormatWriter {
  extension: string;
  contentType: string;
  write(source: ExportSource, output: Writable): Promise<ExportOutcome>;
}

/**
 * Every format an export can be asked in, by name, in the order the form offers them. A new
 * format (the report's DOCX, its PDF) is one entry here: the page, the job, the download and the
 * command line all read this list.
 */
export const EXPORT_FORMATS = {
  csv: { extension: "csv", contentType: "text/csv; charset=utf-8", write: writeCsv },
  xlsx: { extension: "xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: writeXlsx },
  json: { extension: "json", contentType: "application/json; charset=utf-8", write: writeJson },
} as const satisfies Record<string, ExportFormatWriter>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && Object.hasOwn(EXPORT_FORMATS, value);
}
