import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { getEnv } from "#app/env.server.ts";
import { exportDownload } from "#app/features/exports/export-jobs.ts";
import { exportsDirectory } from "#app/features/exports/files.ts";
import { isId } from "#app/features/ids.ts";
import { requirePermission } from "#app/session.server.ts";
import { exportFileResponse } from "#app/web/exports.server.ts";
import { requireMeeting } from "#app/web/meeting.server.ts";

/** The file of a finished export of a whole meeting, for the person who asked for it only (404 for anyone else). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "response.readAll");
  const meeting = await requireMeeting(params.id);
  return exportFileResponse(isId(params.exportId) ? await exportDownload(getDb(), user, { meeting }, params.exportId, exportsDirectory(getEnv())) : null);
}
