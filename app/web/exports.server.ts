import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { Db } from "#db/connect.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { listExports, type ExportDownload, type ExportRequestField } from "#app/features/exports/export-jobs.ts";
import { exportFiltersOf, filtersInWords } from "#app/features/exports/filters.ts";
import { EXPORT_PROFILES, VALUE_MODES } from "#app/features/exports/source.ts";
import type { ExportFormat } from "#app/features/exports/formats.ts";
import { regionChoices } from "#app/features/organisations/countries.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";
import type { ExportsPageData } from "#app/components/exports/exports-page.tsx";

/**
 * What a consultation's or a meeting's exports page shows: the form's choices (`formats` those
 * it offers), the filters its address asks for as the form's defaults (a value that cannot be used
 * is left out: the form is where it is chosen again), and the person's exports linked under `path`.
 */
export async function exportsPageData(
  db: Db,
  user: CurrentUser,
  request: Request,
  scope: { id: string; column: "consultation_id" | "meeting_id"; path: string; formats: readonly ExportFormat[]; types: string[] },
  language: Language,
): Promise<ExportsPageData> {
  const exports = await listExports(db, user, scope.id, scope.column);
  return {
    choices: { format: scope.formats, language: LANGUAGES, profile: EXPORT_PROFILES, values: VALUE_MODES } satisfies Record<ExportRequestField, readonly string[]>,
    filterChoices: { regions: regionChoices(language), types: scope.types },
    filters: exportFiltersOf(new URL(request.url).searchParams, scope.types).filters,
    exports: exports.map((item) => ({ ...item, createdAt: formatDateTime(item.createdAt, language), filtersText: filtersInWords(item.filters, language), href: `${scope.path}/${item.id}` })),
  };
}

/** `attachment` with the name as ASCII for old clients and whole in UTF-8 (RFC 6266). */
function attachment(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A finished export's file streamed from disk: 404 for no download (someone else's export, one
 * not done, or one whose file was cleaned away).
 */
export async function exportFileResponse(download: ExportDownload | null): Promise<Response> {
  const size = download ? await stat(download.path).then((info) => info.size, () => null) : null;
  if (!download || size === null) throw new Response("Not found", { status: 404 });
  return new Response(createReadableStreamFromReadable(createReadStream(download.path)), {
    headers: {
      "Content-Type": download.contentType,
      "Content-Length": String(size),
      "Content-Disposition": attachment(download.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
