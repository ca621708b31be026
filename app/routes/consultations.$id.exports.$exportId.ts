import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { getEnv } from "#app/env.server.ts";
import { exportDownload } from "#app/features/exports/export-jobs.ts";
import { exportsDirectory } from "#app/features/exports/files.ts";
import { isId } from "#app/features/ids.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";
import { exportFileResponse } from "#app/web/exports.server.ts";

/** The file of a finished export, for the person who asked for it only (404 for anyone else). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  return exportFileResponse(isId(params.exportId) ? await exportDownload(getDb(), user, consultation, params.exportId, exportsDirectory(getEnv())) : null);
}
