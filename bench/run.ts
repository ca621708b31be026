// The benchmark: server-side validation of one capacity-needs submission, and one whole submit
// request through the built app (sign-in, JSON endpoint, validation, revision, audit, one
// transaction). Run with `npm run bench` (it builds first). Figures are printed and written to
// bench/results.json; they are measurements, not pass/fail tests.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { definitionHash, readSurveyFile, resolveTaxonomies } from "../app/features/surveys/definitions.ts";
import { validateAnswers } from "../app/features/surveys/validate.ts";
import { AppProcess } from "../tests/app-process.ts";
import { BENCH_ANSWERS } from "./answers.ts";

const RUNS = 1_000;
const REQUESTS = 300;
const PORT = 3390;

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

async function benchSubmitRequests() {
  const app = new AppProcess(PORT, join(mkdtempSync(join(tmpdir(), "consulta-bench-")), "bench.db"));
  await app.start();
  try {
    const consultationId = await app.openCapacityConsultation(await app.signIn("admin@consulta.test"), "bench-capacity-needs");
    const focal = await app.signIn("focal.point@consulta.test");
    let revision = 0;
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS + 20; i += 1) {
      const start = performance.now();
      const response = await app.answer(focal, consultationId, { intent: "submit", answers: BENCH_ANSWERS, revision, page: 7, attribution: "attributable" });
      const elapsed = performance.now() - start;
      const body = (await response.json()) as { revision?: number };
      if (response.status !== 200) throw new Error(`Submit failed: ${response.status} ${JSON.stringify(body)}`);
      if (i >= 20) samples.push(elapsed);
      const reopened = (await (await app.answer(focal, consultationId, { intent: "reopen" })).json()) as { revision: number };
      revision = reopened.revision;
    }
    return summary(samples);
  } finally {
    await app.stop();
  }
}

const validation = benchValidation();
const submit = await benchSubmitRequests();
const results = { measured_at: new Date().toISOString(), node: process.version, validation, submit_request: submit };
console.log(`validation of one capacity-needs submission: median ${validation.median_ms} ms, p99 ${validation.p99_ms} ms over ${validation.runs} runs`);
console.log(`whole submit request through the app:       median ${submit.median_ms} ms, p99 ${submit.p99_ms} ms over ${submit.runs} requests`);
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
