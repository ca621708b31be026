// The benchmark: server-side validation of one capacity-needs submission, and one whole submit
// request through the built app (sign-in, JSON endpoint, validation, revision, audit, one
// transaction). Run with `npm run bench` (it builds first). Figures are printed and written to
// bench/results.json; they are measurements, not pass/fail tests.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { definitionHash, readSurveyFile, resolveTaxonomies } from "../app/features/surveys/definitions.ts";
import { validateAnswers } from "../app/features/surveys/validate.ts";
import { BENCH_ANSWERS } from "./answers.ts";

const RUNS = 1_000;
const REQUESTS = 300;
const PORT = 3390;
const BASE = `http://127.0.0.1:${PORT}`;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { runs: samples.length, median_ms: +at(0.5).toFixed(3), p99_ms: +at(0.99).toFixed(3), max_ms: +(sorted.at(-1) as number).toFixed(3) };
}

function benchValidation() {
  const definition = resolveTaxonomies(readSurveyFile("capacity-needs")) as object;
  const version = { id: definitionHash(definition), definition };
  for (let i = 0; i < 50; i += 1) validateAnswers(version, BENCH_ANSWERS, { mode: "submit", language: "es" });
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    const result = validateAnswers(version, BENCH_ANSWERS, { mode: "submit", language: "es" });
    samples.push(performance.now() - start);
    if (!result.ok) throw new Error(`The bench answers do not validate: ${JSON.stringify(result.problems)}`);
  }
  return summary(samples);
}

async function waitForHealth() {
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The server did not start");
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "consulta-demo-2018" }),
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("consulta_session="));
  if (!cookie) throw new Error(`Sign-in failed for ${email}`);
  return cookie.split(";")[0] as string;
}

async function benchSubmitRequests() {
  const dir = mkdtempSync(join(tmpdir(), "consulta-bench-"));
  const server = spawn(process.execPath, ["build/start.js"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${join(dir, "bench.db")}`, PORT: String(PORT), HOST: "127.0.0.1" },
    stdio: "ignore",
  });
  try {
    await waitForHealth();
    const admin = await signIn("admin@consulta.test");
    const day = 24 * 60 * 60 * 1000;
    const local = (at: number) => new Date(at + 60 * 60 * 1000).toISOString().slice(0, 16);
    const meetingPage = await fetch(`${BASE}/consultations/new`, { headers: { Cookie: admin } });
    const meetingId = /name="meetingId"[^>]*>[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(await meetingPage.text())?.[1];
    const created = await fetch(`${BASE}/consultations/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: BASE, Cookie: admin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        meetingId: meetingId ?? "",
        slug: "bench-capacity-needs",
        phase: "pre",
        kind: "capacity_survey",
        audience: "state",
        surveySlug: "capacity-needs",
        title_en: "Bench",
        title_fr: "Banc",
        title_es: "Banco",
        description_en: "Bench",
        description_fr: "Banc",
        description_es: "Banco",
        opensAt: local(Date.now() - day),
        closesAt: local(Date.now() + day),
        publish: "on",
      }),
    });
    const consultationId = created.headers.get("Location")?.split("/").at(-1);
    if (!consultationId) throw new Error(`Could not create the bench consultation (${created.status})`);
    const focal = await signIn("focal.point@consulta.test");
    const endpoint = `${BASE}/consultations/${consultationId}/answers`;
    const post = (body: unknown) => fetch(endpoint, { method: "POST", headers: { Origin: BASE, Cookie: focal, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    let revision = 0;
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS + 20; i += 1) {
      const start = performance.now();
      const response = await post({ intent: "submit", answers: BENCH_ANSWERS, revision, page: 7, attribution: "attributable" });
      const elapsed = performance.now() - start;
      const body = (await response.json()) as { revision?: number };
      if (response.status !== 200) throw new Error(`Submit failed: ${response.status} ${JSON.stringify(body)}`);
      if (i >= 20) samples.push(elapsed);
      const reopened = (await (await post({ intent: "reopen" })).json()) as { revision: number };
      revision = reopened.revision;
    }
    return summary(samples);
  } finally {
    server.kill("SIGTERM");
  }
}

const validation = benchValidation();
const submit = await benchSubmitRequests();
const results = { measured_at: new Date().toISOString(), node: process.version, validation, submit_request: submit };
console.log(`validation of one capacity-needs submission: median ${validation.median_ms} ms, p99 ${validation.p99_ms} ms over ${validation.runs} runs`);
console.log(`whole submit request through the app:       median ${submit.median_ms} ms, p99 ${submit.p99_ms} ms over ${submit.runs} requests`);
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
