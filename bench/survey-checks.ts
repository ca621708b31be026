// The check of a submission on its two paths (docs/decisions/0006, 0037): the compiled rules, and
// survey-core itself for what they do not cover, in the worker pool. `npm run bench:survey-checks`
// builds the app, then measures
// - one full capacity-needs submission checked on the compiled path, by survey-core on the main
//   thread, and by survey-core through the pool (what a submission does), median and p99;
// - one answer to a form builder's survey (a date, a ranking and a table: tests/fixtures/
//   form-builder-survey.json) on the compiled path and by survey-core on the main thread;
// - the consultation page's requests per second alone, and while States submit to consultations
//   whose survey only survey-core can check (so that its checks run in the pool beside the pages).
// Figures are printed and written to bench/survey-checks.json; they are measurements, not tests.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { isoNow } from "../app/features/ids.ts";
import { closeSurveyCorePool } from "../app/features/surveys/survey-core-pool.ts";
import { uncompiledProperties } from "../app/features/surveys/survey-model.ts";
import { validateAnswers, validateAnswersOffThread, validateWithSurveyCore } from "../app/features/surveys/validate.ts";
import { definitionHash, readSurveyFile, resolveTaxonomies } from "../app/features/surveys/definitions.ts";
import { connect } from "../db/connect.ts";
import { AppProcess } from "../tests/app-process.ts";
import { BENCH_ANSWERS } from "./answers.ts";
import { load, type LoadFigures } from "./load.ts";
import { consultationPages, prepareWorkload, submissions } from "./workload.ts";
import { log, timings } from "./stats.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARM_UP_RUNS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const APP_PORT = 3392;
/** Connections that submit beside the pages: each keeps one survey-core check in flight. */
const SUBMITTING = 10;

async function sample(run: () => unknown): Promise<ReturnType<typeof timings>> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + WARM_UP_RUNS; i += 1) {
    const start = performance.now();
    await run();
    if (i >= WARM_UP_RUNS) samples.push(performance.now() - start);
  }
  return timings(samples);
}

/** capacity-needs as it is, and the same survey with one property the compiled rules do not cover (triggers), which sends its checks to survey-core. */
function definitions() {
  const compiled = resolveTaxonomies(readSurveyFile("capacity-needs")) as Record<string, unknown>;
  const uncovered = { ...compiled, triggers: [{ type: "complete", expression: "{coordinating_institution} = 'never given'" }] };
  if (uncompiledProperties(compiled).length) throw new Error("capacity-needs is expected to be covered by the compiled rules");
  if (!uncompiledProperties(uncovered).length) throw new Error("the uncovered survey is expected to go to survey-core");
  return { compiled: { id: definitionHash(compiled), definition: compiled }, uncovered: { id: definitionHash(uncovered), definition: uncovered } };
}

/** The survey of the browser test of uploads, as a form builder made it: the compiled rules now cover its date, ranking and table. */
function formBuilderSurvey() {
  const definition = JSON.parse(readFileSync(new URL("../tests/fixtures/form-builder-survey.json", import.meta.url), "utf8")) as object;
  if (uncompiledProperties(definition).length) throw new Error("the form builder's survey is expected to be covered by the compiled rules");
  return { id: definitionHash(definition), definition };
}
const FORM_BUILDER_ANSWERS = {
  last_review: "2018-06-30",
  support_ranking: ["funding", "data", "training"],
  readiness: { borders: { level: "high", lead: "Dirección General de Migración" }, labour: { level: "low" } },
};

async function inProcess() {
  const { compiled, uncovered } = definitions();
  const options = { mode: "submit" as const, language: "es" as const };
  const ok = (result: { ok: boolean; problems: unknown[] }) => {
    if (!result.ok) throw new Error(`The bench answers do not validate: ${JSON.stringify(result.problems)}`);
  };
  const compiledPath = await sample(() => ok(validateAnswers(compiled, BENCH_ANSWERS, options)));
  const surveyCoreMainThread = await sample(() => {
    const verdict = validateWithSurveyCore(uncovered, BENCH_ANSWERS, "es");
    if (verdict.problems.length) throw new Error(JSON.stringify(verdict.problems));
  });
  const surveyCorePool = await sample(async () => ok(await validateAnswersOffThread(uncovered, BENCH_ANSWERS, options)));
  await closeSurveyCorePool();
  const builder = formBuilderSurvey();
  const builderCompiled = await sample(() => ok(validateAnswers(builder, FORM_BUILDER_ANSWERS, options)));
  const builderSurveyCore = await sample(() => {
    const verdict = validateWithSurveyCore(builder, FORM_BUILDER_ANSWERS, "es");
    if (verdict.problems.length) throw new Error(JSON.stringify(verdict.problems));
  });
  return {
    compiled_path: compiledPath,
    survey_core_main_thread: surveyCoreMainThread,
    survey_core_pool: surveyCorePool,
    form_builder_compiled_path: builderCompiled,
    form_builder_survey_core_main_thread: builderSurveyCore,
    uncovered,
  };
}

async function overHttp(uncovered: { id: string; definition: object }) {
  const scratch = mkdtempSync(join(tmpdir(), "consulta-bench-checks-"));
  const databaseUrl = `file:${join(scratch, "app.db")}`;
  const app = new AppProcess(APP_PORT, databaseUrl);
  await app.start();
  const db = connect(databaseUrl, { poolSize: 2 });
  try {
    await db.insertInto("survey_version").values({ id: uncovered.id, slug: "capacity-needs-uncovered", definition: JSON.stringify(uncovered.definition), created_at: isoNow() }).execute();
    const pages = await prepareWorkload(db, 2);
    // Enough (consultation, State) pairs for every submission of the run.
    const slow = await prepareWorkload(db, 40, { versionId: uncovered.id });
    const pageSource = consultationPages(pages);
    await load(app.base, pageSource, { duration: 3 });
    const alone = await load(app.base, pageSource, { duration: SECONDS });
    const submitting = loadWithConnections(app.base, submissions(slow, app.base), SUBMITTING, SECONDS + 2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const beside = await load(app.base, pageSource, { duration: SECONDS });
    const checks = await submitting;
    return { consultation_page_alone: alone, consultation_page_beside_checks: beside, submissions_checked_by_survey_core: checks };
  } finally {
    await db.destroy();
    await app.stop();
  }
}

/** A second load generator with its own number of connections, for the submissions beside the pages. */
async function loadWithConnections(base: string, source: ReturnType<typeof submissions>, connections: number, seconds: number): Promise<LoadFigures> {
  const { default: autocannon } = await import("autocannon");
  const result = await autocannon({ url: base, connections, duration: seconds, timeout: 20, requests: [{ setupRequest: (request) => ({ ...request, ...source.next() }) }] });
  const failed = result.non2xx + result.errors + result.timeouts;
  return { requests_per_s: Math.round(result.requests.average), p50_ms: result.latency.p50, p99_ms: result.latency.p99, max_ms: result.latency.max, answered: result.requests.total, failed, failures: failed ? { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts } : {} };
}

async function main() {
  log(`Checking a submission, Node ${process.version}: ${RUNS} runs after ${WARM_UP_RUNS} of warm-up`);
  const checks = await inProcess();
  log(`compiled rules (validateAnswers)              median ${checks.compiled_path.median_ms} ms, p99 ${checks.compiled_path.p99_ms} ms`);
  log(`survey-core, main thread (validateWithSurveyCore) median ${checks.survey_core_main_thread.median_ms} ms, p99 ${checks.survey_core_main_thread.p99_ms} ms`);
  log(`survey-core in the pool (validateAnswersOffThread) median ${checks.survey_core_pool.median_ms} ms, p99 ${checks.survey_core_pool.p99_ms} ms`);
  log(`form builder's survey, compiled rules           median ${checks.form_builder_compiled_path.median_ms} ms, p99 ${checks.form_builder_compiled_path.p99_ms} ms`);
  log(`form builder's survey, survey-core main thread  median ${checks.form_builder_survey_core_main_thread.median_ms} ms, p99 ${checks.form_builder_survey_core_main_thread.p99_ms} ms`);
  const http = await overHttp(checks.uncovered);
  const page = (name: string, figures: LoadFigures) => log(`${name.padEnd(52)} ${figures.requests_per_s} req/s, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms, failed ${figures.failed}`);
  page("consultation page alone", http.consultation_page_alone);
  page(`consultation page, ${SUBMITTING} submissions checked by survey-core beside`, http.consultation_page_beside_checks);
  page("those submissions", http.submissions_checked_by_survey_core);
  const { uncovered: _uncovered, ...figures } = checks;
  writeFileSync(new URL("./survey-checks.json", import.meta.url), `${JSON.stringify({ measured_at: new Date().toISOString(), node: process.version, ...figures, ...http }, null, 2)}\n`);
}

await main();
