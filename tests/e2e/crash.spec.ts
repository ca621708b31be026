import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import SQLite from "better-sqlite3";
import { DEMO_STATES } from "../../db/demo/states.ts";

// Not a browser test: the built server is killed with SIGKILL under load and started again.
const PORT = 3251;
const BASE = `http://127.0.0.1:${PORT}`;
const WRITERS = 6;

function start(database: string): ChildProcess {
  return spawn(process.execPath, ["build/start.js"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${database}`, PORT: String(PORT), HOST: "127.0.0.1" },
    stdio: "ignore",
  });
}

async function healthy(): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not start");
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "consulta-demo-2018" }),
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("consulta_session="));
  if (!cookie) throw new Error(`sign-in failed for ${email}`);
  return cookie.split(";")[0] as string;
}

async function openConsultation(admin: string): Promise<string> {
  const form = await (await fetch(`${BASE}/consultations/new`, { headers: { Cookie: admin } })).text();
  const meetingId = /<option value="([0-9a-f-]{36})"/.exec(form)?.[1] ?? "";
  const local = (days: number) => new Date(Date.now() + days * 864e5 + 36e5).toISOString().slice(0, 16);
  const created = await fetch(`${BASE}/consultations/new`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, Cookie: admin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      meetingId,
      slug: "crash-test",
      phase: "pre",
      kind: "capacity_survey",
      audience: "state",
      surveySlug: "capacity-needs",
      title_en: "Crash",
      title_fr: "Panne",
      title_es: "Caída",
      description_en: "x",
      description_fr: "x",
      description_es: "x",
      opensAt: local(-1),
      closesAt: local(2),
      publish: "on",
    }),
  });
  return created.headers.get("Location")?.split("/").at(-1) ?? "";
}

test("every acknowledged save survives a SIGKILL mid-load, and the database stays intact @sqlite", async () => {
  test.setTimeout(90_000);
  const database = join(mkdtempSync(join(tmpdir(), "consulta-crash-")), "crash.db");
  let server = start(database);
  await healthy();
  const consultation = await openConsultation(await signIn("admin@consulta.test"));
  expect(consultation).toMatch(/^[0-9a-f-]{36}$/);

  const writers = await Promise.all(DEMO_STATES.slice(0, WRITERS).map(async (state) => ({ state: state.code, cookie: await signIn(state.focalPoint.email) })));
  const acknowledged = new Map<string, { revision: number; value: string }>();
  let stop = false;
  const load = writers.map(async ({ state, cookie }) => {
    let revision = 0;
    for (let n = 1; !stop; n += 1) {
      const value = `${state} save ${n}`;
      try {
        const response = await fetch(`${BASE}/consultations/${consultation}/answers`, {
          method: "POST",
          headers: { Origin: BASE, Cookie: cookie, "Content-Type": "application/json" },
          body: JSON.stringify({ intent: "save", answers: { coordinating_institution: value }, revision, page: 0 }),
        });
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
  server.kill("SIGKILL");
  await Promise.allSettled(load);
  await new Promise((resolve) => server.once("exit", resolve));

  const total = [...acknowledged.values()].reduce((sum, entry) => sum + entry.revision, 0);
  expect(total).toBeGreaterThan(WRITERS * 5);
  test.info().annotations.push({ type: "acknowledged saves before the kill", description: String(total) });

  server = start(database);
  await healthy();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));

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
