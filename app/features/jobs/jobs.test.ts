import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { enqueueJob, getJob, LEASE_MS, MAX_ATTEMPTS, PermanentJobError, RETRY_DELAYS_MS, runDueJobs, unfinishedJobs, type JobHandler } from "./jobs.ts";

const MINUTE = 60_000;
const START = new Date("2026-12-03T09:00:00Z");
const at = (minutes: number) => () => new Date(START.getTime() + minutes * MINUTE);

/** A job kind of this test only: other tests' jobs may be due in the same table. */
const kind = () => `test.${newId().slice(0, 8)}`;

const job = async (id: string) => {
  const row = await getJob(getDb(), id);
  if (!row) throw new Error(`job ${id} is missing`);
  return row;
};

describe("jobs", () => {
  it("runs a job once and stores what it produced", async () => {
    const db = getDb();
    const name = kind();
    const seen: unknown[] = [];
    const handler: JobHandler = async (payload) => {
      seen.push(payload);
      return { translated: 3 };
    };
    const id = await enqueueJob(db, { kind: name, payload: { proposals: ["a", "b", "c"] }, now: START });
    expect(await unfinishedJobs(db, name)).toBe(1);
    expect(await runDueJobs(db, { [name]: handler }, { now: at(0) })).toMatchObject({ done: 1 });
    expect(await runDueJobs(db, { [name]: handler }, { now: at(1) })).toMatchObject({ done: 0 });
    expect(seen).toEqual([{ proposals: ["a", "b", "c"] }]);
    expect(await job(id)).toMatchObject({ status: "done", attempts: 1, result: JSON.stringify({ translated: 3 }), claimed_at: null, finished_at: at(0)().toISOString() });
    expect(await unfinishedJobs(db, name)).toBe(0);
  });

  it("two processes running the due jobs at the same moment run each job once", async () => {
    const db = getDb();
    const name = kind();
    const runs: string[] = [];
    const handler: JobHandler = async (payload) => {
      runs.push(String(payload));
      await new Promise((resolve) => setTimeout(resolve, 5));
      return null;
    };
    for (const n of [1, 2, 3, 4, 5]) await enqueueJob(db, { kind: name, payload: `job ${n}`, now: START });
    const [first, second] = await Promise.all([runDueJobs(db, { [name]: handler }, { now: at(0) }), runDueJobs(db, { [name]: handler }, { now: at(0) })]);
    expect(first.done + second.done).toBe(5);
    expect(runs.sort()).toEqual(["job 1", "job 2", "job 3", "job 4", "job 5"]);
  });

  it("queues work with a key once while it waits, and again once it has started", async () => {
    const db = getDb();
    const name = kind();
    const first = await enqueueJob(db, { kind: name, payload: 1, key: "proposal-1", now: START });
    expect(await enqueueJob(db, { kind: name, payload: 2, key: "proposal-1", now: START })).toBe(first);
    const other = await enqueueJob(db, { kind: name, payload: 3, key: "proposal-2", now: START });
    expect(other).not.toBe(first);
    // Once running, the job may be working on data older than the new request: queue it again.
    await db.updateTable("job").set({ status: "running", claimed_at: START.toISOString() }).where("id", "=", first).execute();
    expect(await enqueueJob(db, { kind: name, payload: 4, key: "proposal-1", now: START })).not.toBe(first);
  });

  it("tries a failed job again after a wait, and gives up after the last attempt", async () => {
    const db = getDb();
    const name = kind();
    const handler: JobHandler = async () => {
      throw new Error("apertium timed out");
    };
    const id = await enqueueJob(db, { kind: name, payload: null, now: START });
    let minutes = 0;
    for (const [index, delay] of RETRY_DELAYS_MS.entries()) {
      expect(await runDueJobs(db, { [name]: handler }, { now: at(minutes) })).toMatchObject({ retry: 1 });
      expect(await job(id)).toMatchObject({ status: "pending", attempts: index + 1, error: "apertium timed out" });
      // Not before its wait is over.
      expect(await runDueJobs(db, { [name]: handler }, { now: at(minutes + delay / MINUTE - 0.5) })).toMatchObject({ retry: 0 });
      minutes += delay / MINUTE;
    }
    expect(await runDueJobs(db, { [name]: handler }, { now: at(minutes) })).toMatchObject({ failed: 1 });
    expect(await job(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("a permanent failure and a payload that is not JSON fail at once", async () => {
    const db = getDb();
    const name = kind();
    const handler: JobHandler = async () => {
      throw new PermanentJobError("The proposal no longer exists");
    };
    const id = await enqueueJob(db, { kind: name, payload: null, now: START });
    expect(await runDueJobs(db, { [name]: handler }, { now: at(0) })).toMatchObject({ failed: 1 });
    expect(await job(id)).toMatchObject({ status: "failed", error: "The proposal no longer exists", attempts: 1 });

    const broken = await enqueueJob(db, { kind: name, payload: null, now: START });
    await db.updateTable("job").set({ payload: "{not json" }).where("id", "=", broken).execute();
    expect(await runDueJobs(db, { [name]: async () => null }, { now: at(0) })).toMatchObject({ failed: 1 });
    expect(await job(broken)).toMatchObject({ status: "failed", error: "The job's payload is not JSON" });
  });

  it("a job left running by a process that stopped is taken up again after its lease, and the stopped run's outcome is not recorded", async () => {
    const db = getDb();
    const name = kind();
    const id = await enqueueJob(db, { kind: name, payload: null, now: START });
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const firstRun = runDueJobs(db, { [name]: async () => stalled.then(() => "late") }, { now: at(0) });
    await expect.poll(async () => (await job(id)).status).toBe("running");
    // Still within the lease: nobody else takes it.
    expect(await runDueJobs(db, { [name]: async () => "early" }, { now: at(LEASE_MS / MINUTE - 1) })).toMatchObject({ done: 0 });
    expect(await runDueJobs(db, { [name]: async () => "taken up" }, { now: at(LEASE_MS / MINUTE + 1) })).toMatchObject({ done: 1 });
    release();
    expect(await firstRun).toMatchObject({ "not-claimed": 1, done: 0 });
    expect(await job(id)).toMatchObject({ status: "done", attempts: 2, result: JSON.stringify("taken up") });
  });

  it("progress is stored and renews the claim; a run that lost its claim is told so", async () => {
    const db = getDb();
    const name = kind();
    const id = await enqueueJob(db, { kind: name, payload: null, now: START });
    const reports: boolean[] = [];
    const handler: JobHandler = async (_payload, context) => {
      reports.push(await context.progress({ done: 1, of: 2 }));
      expect(await job(id)).toMatchObject({ progress: JSON.stringify({ done: 1, of: 2 }) });
      await db.updateTable("job").set({ claimed_at: "taken over" }).where("id", "=", id).execute();
      reports.push(await context.progress({ done: 2, of: 2 }));
      return null;
    };
    expect(await runDueJobs(db, { [name]: handler }, { now: at(0) })).toMatchObject({ "not-claimed": 1 });
    expect(reports).toEqual([true, false]);
  });

  it("leaves jobs it has no handler for to the processes that have one", async () => {
    const db = getDb();
    const name = kind();
    const id = await enqueueJob(db, { kind: name, payload: null, now: START });
    expect(await runDueJobs(db, { [kind()]: async () => null }, { now: at(0) })).toMatchObject({ done: 0 });
    expect(await runDueJobs(db, {}, { now: at(0) })).toMatchObject({ done: 0 });
    expect(await job(id)).toMatchObject({ status: "pending", attempts: 0 });
  });
});
