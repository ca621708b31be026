import { EXPORT_JOB, writeRequestedExport } from "#app/features/exports/export-jobs.ts";
import { exportsDirectory } from "#app/features/exports/files.ts";
import { PermanentJobError, type JobHandlers } from "#app/features/jobs/jobs.ts";
import { translatePendingProposals, TRANSLATE_JOB } from "#app/features/proposals/translations.ts";
import { getEnv } from "#app/env.server.ts";

function exportIdOf(payload: unknown): string {
  const id: unknown = payload && typeof payload === "object" && "exportId" in payload ? payload.exportId : undefined;
  if (typeof id !== "string") throw new PermanentJobError("The export job names no export");
  return id;
}

/** Every kind of background job this version of the server runs, and the feature that runs it. */
export const JOB_HANDLERS: JobHandlers = {
  [TRANSLATE_JOB]: (_payload, context) => translatePendingProposals(context.db, { progress: (done) => context.progress({ translated: done }) }),
  [EXPORT_JOB]: (payload, context) => writeRequestedExport(context.db, exportIdOf(payload), { directory: exportsDirectory(getEnv()), progress: context.progress }),
};
