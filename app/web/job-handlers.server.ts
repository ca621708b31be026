import type { JobHandlers } from "#app/features/jobs/jobs.ts";
import { translatePendingProposals, TRANSLATE_JOB } from "#app/features/proposals/translations.ts";

/** Every kind of background job this version of the server runs, and the feature that runs it. */
export const JOB_HANDLERS: JobHandlers = {
  [TRANSLATE_JOB]: (_payload, context) => translatePendingProposals(context.db, { progress: (done) => context.progress({ translated: done }) }),
};
