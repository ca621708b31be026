import type { Db } from "#db/connect.ts";
import type { Job, JobStatus } from "#db/schema.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { logFailure } from "#db/faults.ts";

/**
 * A job "running" without news for longer than this was claimed by a process that stopped (a
 * restart, a crash): another process takes it up. Handlers that work longer report progress,
 * which renews their claim.
 */
export const LEASE_MS = 10 * 60_000;

/** The waits before the second, third… attempt after a failure. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60].map((minutes) => minutes * 60_000);
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** A failure that trying again cannot mend (bad payload, missing data): the job fails at once. */
export class PermanentJobError extends Error {}

export interface JobContext {
  db: Db;
  jobId: string;
  /** 1 for the first run, more when the job is tried again. */
  attempt: number;
  /**
   * Stores how far the job got and renews the claim. Resolves false when another process has
   * taken the job over (this one was thought stopped): the handler should then give up.
   */
  progress(value: unknown): Promise<boolean>;
}

/**
 * Runs one job and resolves with what it produced (stored as JSON). A job can run more than once
 * (a process that stopped half-way, a retry): handlers must be idempotent.
 */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** What became of one job handed to `claimAndRun`. */
export type JobOutcome = "done" | "retry" | "failed" | "not-claimed";

const UNFINISHED: readonly JobStatus[] = ["pending", "running"];

/**
 * Queues work, in the caller's transaction if it passes one, so that the work is asked for
 * exactly when the data it works on is written. With a key, work of the same kind and key that is
 * not finished yet is not queued again: its id is returned.
 */
export async function enqueueJob(db: Db, job: { kind: string; payload: unknown; key?: string; runAfter?: Date; now?: Date }): Promise<string> {
  if (job.key !== undefined) {
    const queued = await db
      .selectFrom("job")
      .select("id")
      .where("kind", "=", job.kind)
      .where("dedupe_key", "=", job.key)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (queued) return queued.id;
  }
  const id = newId();
  const stamp = isoNow(job.now);
  await db
    .insertInto("job")
    .values({
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      dedupe_key: job.key ?? null,
      status: "pending",
      attempts: 0,
      run_after: job.runAfter ? isoNow(job.runAfter) : stamp,
      claimed_at: null,
      progress: null,
      result: null,
      error: null,
      created_at: stamp,
      finished_at: null,
    })
    .execute();
  return id;
}

type DueRow = Pick<Job, "id" | "kind" | "status" | "attempts" | "claimed_at">;

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PermanentJobError("The job's payload is not JSON");
  }
}

/**
 * Takes one job (pending -> running, or a running one whose process stopped): the claim matches
 * the state the job was read in, attempts included, so that two processes never both run it.
 * Runs it and records the outcome only while the claim is still this process's.
 */
async function claimAndRun(db: Db, handler: JobHandler, row: DueRow, now: () => Date): Promise<JobOutcome> {
  let claimedAt = isoNow(now());
  let claim = db
    .updateTable("job")
    .set((eb) => ({ status: "running", claimed_at: claimedAt, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", row.id)
    .where("status", "=", row.status)
    .where("attempts", "=", row.attempts);
  claim = row.claimed_at === null ? claim.where("claimed_at", "is", null) : claim.where("claimed_at", "=", row.claimed_at);
  const job = await claim.returningAll().executeTakeFirst();
  if (!job) return "not-claimed";

  const ours = () => db.updateTable("job").where("id", "=", job.id).where("status", "=", "running").where("claimed_at", "=", claimedAt);
  const record = async (outcome: JobOutcome, values: Partial<Pick<Job, "status" | "result" | "error" | "run_after" | "finished_at">>): Promise<JobOutcome> => {
    const result = await ours()
      .set({ ...values, claimed_at: null })
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? outcome : "not-claimed";
  };
  const context: JobContext = {
    db,
    jobId: job.id,
    attempt: job.attempts,
    progress: async (value) => {
      const renewed = isoNow(now());
      const result = await ours().set({ progress: JSON.stringify(value ?? null), claimed_at: renewed }).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      claimedAt = renewed;
      return true;
    },
  };
  try {
    const produced = await handler(parsePayload(job.payload), context);
    return await record("done", { status: "done", result: JSON.stringify(produced ?? null), error: null, finished_at: isoNow(now()) });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    const delay = RETRY_DELAYS_MS[job.attempts - 1];
    if (error instanceof PermanentJobError || job.attempts >= MAX_ATTEMPTS || delay === undefined) {
      return record("failed", { status: "failed", error: reason, finished_at: isoNow(now()) });
    }
    return record("retry", { status: "pending", error: reason, run_after: isoNow(new Date(now().getTime() + delay)) });
  }
}

/**
 * Runs the jobs that are due and that this process knows how to run: pending ones whose wait is
 * over, and running ones whose process stopped. One at a time, oldest first, at most `limit`.
 * A job whose outcome cannot be recorded (the database busy) is logged and left to its lease.
 */
export async function runDueJobs(db: Db, handlers: JobHandlers, options: { now?: () => Date; limit?: number } = {}): Promise<Record<JobOutcome, number>> {
  const now = options.now ?? (() => new Date());
  const kinds = Object.keys(handlers);
  const outcomes: Record<JobOutcome, number> = { done: 0, retry: 0, failed: 0, "not-claimed": 0 };
  if (kinds.length === 0) return outcomes;
  const at = now();
  const due = await db
    .selectFrom("job")
    .select(["id", "kind", "status", "attempts", "claimed_at"])
    .where("kind", "in", kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("run_after", "<=", isoNow(at))]),
        eb.and([eb("status", "=", "running"), eb("claimed_at", "<=", isoNow(new Date(at.getTime() - LEASE_MS)))]),
      ]),
    )
    .orderBy("created_at")
    .limit(options.limit ?? 20)
    .execute();
  for (const row of due) {
    const handler = handlers[row.kind];
    if (!handler) continue;
    try {
      outcomes[await claimAndRun(db, handler, row, now)] += 1;
    } catch (error) {
      logFailure(`Job ${row.id} (${row.kind}) could not be run`, error);
    }
  }
  return outcomes;
}

export async function getJob(db: Db, id: string): Promise<Job | undefined> {
  return db.selectFrom("job").selectAll().where("id", "=", id).executeTakeFirst();
}

/** How many jobs of a kind are waiting or running: for a page that says work is under way. */
export async function unfinishedJobs(db: Db, kind: string): Promise<number> {
  const row = await db
    .selectFrom("job")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .where("kind", "=", kind)
    .where("status", "in", UNFINISHED)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
