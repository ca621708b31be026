/** How a file of each format is named and served. */
export interface ExportFormatFile {
  extension: string;
  contentType: string;
}

/**
 * Every format an export can be asked in, by name, in the order the form offers them: the page,
 * the job, the download and the command line all read this list; what each holds is
 * `exportDocument`'s (documents.ts).
 */
export const EXPORT_FORMATS = {
  csv: { extension: "csv", contentType: "text/csv; charset=utf-8" },
  xlsx: { extension: "xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  json: { extension: "json", contentType: "application/json; charset=utf-8" },
  docx: { extension: "docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  pdf: { extension: "pdf", contentType: "application/pdf" },
} as const satisfies Record<string, ExportFormatFile>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

/**
 * The formats a whole meeting's export can be asked in: not CSV, whose one set of columns cannot
 * hold several surveys' answers (docs/decisions/0034).
 */
export const MEETING_EXPORT_FORMATS: readonly ExportFormat[] = EXPORT_FORMAT_NAMES.filter((format) => format !== "csv");

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && Object.hasOwn(EXPORT_FORMATS, value);
}
