import { join } from "node:path";
import { expect, test } from "@playwright/test";
import SQLite from "better-sqlite3";
import { DEMO_STATES } from "../../db/demo/states.ts";
import { AppProcess } from "../app-process.ts";
import { removeTempFolders, tempFolder } from "../temp.ts";
import { CRASH_PORT } from "./ports.ts";

// Not browser tests: the built server is killed with SIGKILL under load and started again.
// Never run a second time after a failure: a lost save must fail the run, not pass on a retry.
test.describe.configure({ retries: 0 });
const PORT = CRASH_PORT;
const WRITERS = 6;

interface Acknowledged {
  revision: number;
  value: string;
}

/**
 * Six States' focal points saving as fast as they can until `stopped()`. Only a 200 counts as
 * acknowledged. A save that was under way at any moment of `killing` (from the kill until a new
 * process has taken over) may lose its answer; it may have been stored, and then the next one is
 * a conflict: the writer takes the stored revision and goes on. Any other refusal fails the test. Resolves, once everyone is signed in
 * and saving, to what waits for the end.
 */
async function saveUntil(app: AppProcess, consultation: string, acknowledged: Map<string, Acknowledged>, stopped: () => boolean, killing: KillWindow): Promise<() => Promise<void>> {
  const writers = await Promise.all(DEMO_STATES.slice(0, WRITERS).map(async (state) => ({ state: state.code, cookie: await app.signIn(state.focalPoint.email) })));
  const running = Promise.all(
    writers.map(async ({ state, cookie }) => {
      let revision = 0;
      let answerLost = false;
      for (let n = 1; !stopped(); n += 1) {
        const value = `${state} save ${n}`;
        // A connection the dying process had just been handed is never answered (Node's cluster
        // does not hand it on): a save under way while a process is being killed may time out.
        const sentAt = Date.now();
        try {
          const response = await app.answer(cookie, consultation, { intent: "save", answers: { coordinating_institution: value }, revision, page: 0 }, 10_000);
          const text = await response.text();
          const body = parseBody(text);
          // After a lost answer, the save may have been stored: the next one is a conflict whose
          // stored revision can only be at or past the last acknowledged one.
          if (response.status === 409 && answerLost && body?.current && body.current.revision >= (acknowledged.get(state)?.revision ?? 0)) {
            revision = body.current.revision;
            answerLost = false;
            continue;
          }
          if (response.status !== 200 || typeof body?.revision !== "number") throw new SaveRefused(`save refused: ${response.status} ${text.slice(0, 300)}`);
          revision = body.revision;
          acknowledged.set(state, { revision, value });
        } catch (error) {
          // Only a lost answer is forgiven; a save the server answered with a refusal never is.
          if (error instanceof SaveRefused || (!stopped() && !overlapsKill(killing, sentAt, Date.now()))) throw error;
          answerLost = true;
        }
      }
    }),
  );
  return async () => {
    await running;
  };
}

function expectIntact(database: string, consultation: string, acknowledged: Map<string, Acknowledged>): void {
  const db = new SQLite(database, { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    for (const [state, entry] of acknowledged) {
      const row = db
        .prepare(
          `select r.revision, rr.data from response r join organisation o on o.id = r.organisation_id
           join response_revision rr on rr.response_id = r.id and rr.revision = ?
           where o.country_code = ? and r.consultation_id = ?`,
        )
        .get(entry.revision, state, consultation) as { revision: number; data: string } | undefined;
      expect(row, state).toBeDefined();
      expect(row?.revision, state).toBeGreaterThanOrEqual(entry.revision);
      expect(JSON.parse(row?.data ?? "{}").coordinating_institution, state).toBe(entry.value);
    }
  } finally {
    db.close();
  }
}

/** Servers started by these tests: none is left running when a test fails half-way. */
const started: AppProcess[] = [];
test.afterEach(async () => {
  for (const app of started.splice(0)) {
    for (const pid of app.childPids()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone already.
      }
    }
    await app.stop("SIGKILL");
  }
});
test.afterAll(removeTempFolders);

class SaveRefused extends Error {}

function parseBody(text: string): { revision?: number; current?: { revision: number } } | null {
  try {
    return JSON.parse(text) as { revision?: number; current?: { revision: number } };
  } catch {
    return null;
  }
}

/** When a server process was being killed: from the kill until its replacement took over. */
interface KillWindow {
  start?: number;
  end?: number;
}

function overlapsKill(window: KillWindow, from: number, to: number): boolean {
  return window.start !== undefined && from <= (window.end ?? Infinity) && to >= window.start;
}

const total = (acknowledged: Map<string, Acknowledged>) => [...acknowledged.values()].reduce((sum, entry) => sum + entry.revision, 0);

test("every acknowledged save survives a SIGKILL mid-load, and the database stays intact @sqlite", async () => {
  test.setTimeout(90_000);
  const database = join(tempFolder("consulta-crash-"), "crash.db");
  const app = new AppProcess(PORT, database);
  started.push(app);
  await app.start();
  const consultation = await app.openCapacityConsultation(await app.signIn("admin@consulta.test"), "crash-test");
  const acknowledged = new Map<string, Acknowledged>();
  let stop = false;
  const finished = await saveUntil(app, consultation, acknowledged, () => stop, {});
  // Until every writer has had saves acknowledged (the first ones wait for a cold server on a busy machine).
  await expect.poll(() => total(acknowledged), { timeout: 30_000 }).toBeGreaterThan(WRITERS * 5);
  stop = true;
  await app.stop("SIGKILL");
  await finished();

  test.info().annotations.push({ type: "acknowledged saves before the kill", description: String(total(acknowledged)) });

  await app.start();
  await app.stop();
  expectIntact(database, consultation, acknowledged);
});

test("with two server processes on one SQLite file: writes from both wait their turn, a killed process is replaced, and killing the supervisor leaves none behind @sqlite", async () => {
  test.setTimeout(90_000);
  const database = join(tempFolder("consulta-crash-"), "cluster.db");
  const app = new AppProcess(PORT + 1, database, { env: { WEB_CONCURRENCY: "2" } });
  started.push(app);
  await app.start();
  await expect.poll(() => app.childPids().length).toBe(2);
  const consultation = await app.openCapacityConsultation(await app.signIn("admin@consulta.test"), "cluster-test");
  const acknowledged = new Map<string, Acknowledged>();
  let stop = false;
  const killing: KillWindow = {};
  const finished = await saveUntil(app, consultation, acknowledged, () => stop, killing);
  await expect.poll(() => total(acknowledged), { timeout: 30_000 }).toBeGreaterThan(WRITERS * 3);

  const [victim] = app.childPids();
  killing.start = Date.now();
  process.kill(victim as number, "SIGKILL");
  await expect.poll(() => app.childPids().filter((pid) => pid !== victim).length, { timeout: 10_000 }).toBe(2);
  killing.end = Date.now();
  const afterKill = total(acknowledged);
  await expect.poll(() => total(acknowledged), { timeout: 30_000 }).toBeGreaterThan(afterKill + WRITERS);

  stop = true;
  await finished();
  const workers = app.childPids();
  await app.stop("SIGKILL");
  // The server processes notice their supervisor is gone and stop: the port is free again.
  await expect.poll(() => workers.filter((pid) => isRunning(pid)).length, { timeout: 10_000 }).toBe(0);
  test.info().annotations.push({ type: "acknowledged saves", description: String(total(acknowledged)) });

  await app.start();
  await app.stop();
  expectIntact(database, consultation, acknowledged);
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
