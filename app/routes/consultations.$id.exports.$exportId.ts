import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { getEnv } from "#app/env.server.ts";
import { exportDownload } from "#app/features/exports/export-jobs.ts";
import { exportsDirectory } from "#app/features/exports/files.ts";
import { isId } from "#app/features/ids.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";

/** `attachment` with the name as ASCII for old clients and whole in UTF-8 (RFC 6266). */
function attachment(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The file of a finished export, streamed from disk, for the person who asked for it only: 404
 * for anyone else, as for an export that is not done or was cleaned away.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  const download = isId(params.exportId) ? await exportDownload(getDb(), user, consultation, params.exportId, exportsDirectory(getEnv())) : null;
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
