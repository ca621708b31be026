import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import SQLite from "better-sqlite3";
import { DEMO_STATES } from "../../db/demo/states.ts";
import { AppProcess } from "../app-process.ts";

// Not a browser test: the built server is killed with SIGKILL under load and started again.
const PORT = 3251;
const WRITERS = 6;

test("every acknowledged save survives a SIGKILL mid-load, and the database stays intact @sqlite", async () => {
  test.setTimeout(90_000);
  const database = join(mkdtempSync(join(tmpdir(), "consulta-crash-")), "crash.db");
  const app = new AppProcess(PORT, database);
  await app.start();
  const consultation = await app.openCapacityConsultation(await app.signIn("admin@consulta.test"), "crash-test");
  const writers = await Promise.all(DEMO_STATES.slice(0, WRITERS).map(async (state) => ({ state: state.code, cookie: await app.signIn(state.focalPoint.email) })));
  const acknowledged = new Map<string, { revision: number; value: string }>();
  let stop = false;
  const load = writers.map(async ({ state, cookie }) => {
    let revision = 0;
    for (let n = 1; !stop; n += 1) {
      const value = `${state} save ${n}`;
      try {
        const response = await app.answer(cookie, consultation, { intent: "save", answers: { coordinating_institution: value }, revision, page: 0 });
        if (response.status !== 200) throw new Error(`save refused: ${response.status}`);
        revision = ((await response.json()) as { revision: number }).revision;
        acknowledged.set(state, { revision, value });
      } catch (error) {
        if (!stop) throw error;
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  stop = true;
  await app.stop("SIGKILL");
  await Promise.allSettled(load);

  const total = [...acknowledged.values()].reduce((sum, entry) => sum + entry.revision, 0);
  expect(total).toBeGreaterThan(WRITERS * 5);
  test.info().annotations.push({ type: "acknowledged saves before the kill", description: String(total) });

  await app.start();
  await app.stop();

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
});
