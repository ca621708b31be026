// The benchmark (see bench/README.md). `npm run bench` builds the app, then measures the built
// server under load against a bare baseline; `npm run bench -- --soak` holds 70% of the measured
// capacity for ten minutes and watches the server's memory. Figures are printed and written to
// bench/results.json (or bench/soak.json); they are measurements, not pass/fail tests.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { isPostgresUrl } from "../app/features/config/env.ts";
import { definitionHash, readSurveyFile, resolveTaxonomies } from "../app/features/surveys/definitions.ts";
import { validateAnswers } from "../app/features/surveys/validate.ts";
import { connect } from "../db/connect.ts";
import { AppProcess, waitUntilAnswering } from "../tests/app-process.ts";
import { createScratchDatabase } from "../tests/scratch-postgres.ts";
import { BENCH_ANSWERS } from "./answers.ts";
import { CONNECTIONS, load, type LoadFigures } from "./load.ts";
import { consultationPages, prepareWorkload, progressPages, submissionBody, submissions, type RequestSource, type Workload } from "./workload.ts";
import { log, timings } from "./stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const APP_PORT = 3390;
const BASELINE_PORT = 3391;
const STATES = 195;
/** Server processes for the multi-process rows: one per core (WEB_CONCURRENCY). */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? availableParallelism());
const scratch = mkdtempSync(join(tmpdir(), "consulta-bench-"));

/** Server-side validation of one full capacity-needs submission, alone, 1,000 times. */
function benchValidation() {
  const definition = resolveTaxonomies(readSurveyFile("capacity-needs")) as object;
  const version = { id: definitionHash(definition), definition };
  const samples: number[] = [];
  for (let i = 0; i < 1_050; i += 1) {
    const start = performance.now();
    const result = validateAnswers(version, BENCH_ANSWERS, { mode: "submit", language: "es" });
    if (i >= 50) samples.push(performance.now() - start);
    if (!result.ok) throw new Error(`The bench answers do not validate: ${JSON.stringify(result.problems)}`);
  }
  return timings(samples);
}

/** Enough (consultation, State) pairs for every submission a run at `rate` per second can make. */
function consultationsFor(rate: number, seconds: number): number {
  return Math.ceil((rate * seconds * 1.3) / STATES) + 1;
}

async function measureBaseline(): Promise<{ submit: LoadFigures; page: LoadFigures }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/baseline-server.ts"], {
    env: { ...process.env, PORT: String(BASELINE_PORT), DATABASE: join(scratch, "baseline.db") },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${BASELINE_PORT}`;
  try {
    await waitUntilAnswering(base);
    let index = 0;
    const posts: RequestSource = { next: () => ({ method: "POST", path: "/submissions", headers: { "Content-Type": "application/json" }, body: submissionBody((index += 1)) }) };
    const gets: RequestSource = { next: () => ({ method: "GET", path: "/page", headers: {} }) };
    await load(base, posts, { duration: WARM_UP_SECONDS });
    const submit = await load(base, posts, { duration: SECONDS });
    const page = await load(base, gets, { duration: SECONDS });
    return { submit, page };
  } finally {
    child.kill();
  }
}

/** The built app on a database (with `processes` server processes), with a prepared workload, stopped after `use`. */
async function withApp<T>(databaseUrl: string, consultations: number, measure: (app: AppProcess, workload: Workload) => Promise<T>, processes = 1): Promise<T> {
  const app = new AppProcess(APP_PORT, databaseUrl, { env: { WEB_CONCURRENCY: String(processes) } });
  await app.start();
  const db = connect(databaseUrl, { poolSize: 2 });
  try {
    const workload = await prepareWorkload(db, consultations);
    return await measure(app, workload);
  } finally {
    await db.destroy();
    await app.stop();
  }
}

async function measureSubmissions(app: AppProcess, workload: Workload): Promise<LoadFigures> {
  const source = submissions(workload, app.base);
  await load(app.base, source, { duration: WARM_UP_SECONDS });
  return load(app.base, source, { duration: SECONDS });
}

/** More (consultation, State) pairs than any run here can use up: far above the capacity measured. */
const PAIRS_FOR = consultationsFor(3_000, SECONDS + WARM_UP_SECONDS);

async function measureApp(databaseUrl: string, processes: number) {
  return withApp(
    databaseUrl,
    PAIRS_FOR,
    async (app, workload) => {
      const submit = await measureSubmissions(app, workload);
      const consultationPage = await load(app.base, consultationPages(workload), { duration: SECONDS });
      const progressPage = await load(app.base, progressPages(workload), { duration: SECONDS });
      return { submit, consultation_page: consultationPage, progress_page: progressPage };
    },
    processes,
  );
}

/** A database of its own on the PostgreSQL server BENCH_DATABASE_URL (or TEST_DATABASE_URL) names. */
async function withPostgres<T>(serverUrl: string, measure: (databaseUrl: string) => Promise<T>): Promise<T> {
  const database = await createScratchDatabase(serverUrl, `consulta_bench_${Date.now()}`);
  try {
    return await measure(database.url);
  } finally {
    await database.drop();
  }
}

function row(name: string, figures: LoadFigures, baseline: LoadFigures): string {
  const ratio = ((100 * figures.requests_per_s) / baseline.requests_per_s).toFixed(1);
  const failures = Object.entries(figures.failures).map(([what, count]) => `${what}: ${count}`);
  const cells = [name.padEnd(46), `${figures.requests_per_s}`.padStart(7), `${figures.p50_ms}`.padStart(7), `${figures.p99_ms}`.padStart(7), `${ratio}%`.padStart(8), `${figures.failed}`.padStart(7)];
  return `${cells.join(" ")}${failures.length ? `  (${failures.join(", ")})` : ""}`;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return +(kib / 1024).toFixed(1);
}

async function bench() {
  log(`Consulta bench: ${CONNECTIONS} connections to 127.0.0.1, ${SECONDS} s per measure after ${WARM_UP_SECONDS} s of warm-up, Node ${process.version}`);
  const validation = benchValidation();
  log(`validation of one capacity-needs submission: median ${validation.median_ms} ms, p99 ${validation.p99_ms} ms`);
  const baseline = await measureBaseline();
  const sqlite = await measureApp(`file:${join(scratch, "app.db")}`, 1);
  const sqliteProcesses = PROCESSES > 1 ? await measureApp(`file:${join(scratch, "app-processes.db")}`, PROCESSES) : null;
  const postgresServer = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const onPostgres = (processes: number) =>
    postgresServer && isPostgresUrl(postgresServer) ? withPostgres(postgresServer, (url) => withApp(url, PAIRS_FOR, measureSubmissions, processes)) : null;
  const postgres = await onPostgres(1);
  const postgresProcesses = PROCESSES > 1 ? await onPostgres(PROCESSES) : null;

  const n = `${PROCESSES} processes`;
  log("");
  log(`${"".padEnd(46)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"of base".padStart(8)} ${"failed".padStart(7)}`);
  log(row("baseline: insert the JSON body", baseline.submit, baseline.submit));
  log(row("baseline: read one row", baseline.page, baseline.page));
  log(row("submission (SQLite, 1 process)", sqlite.submit, baseline.submit));
  if (sqliteProcesses) log(row(`submission (SQLite, ${n})`, sqliteProcesses.submit, baseline.submit));
  if (postgres) log(row("submission (PostgreSQL, 1 process)", postgres, baseline.submit));
  if (postgresProcesses) log(row(`submission (PostgreSQL, ${n})`, postgresProcesses, baseline.submit));
  log(row("consultation page (SQLite, 1 process)", sqlite.consultation_page, baseline.page));
  if (sqliteProcesses) log(row(`consultation page (SQLite, ${n})`, sqliteProcesses.consultation_page, baseline.page));
  log(row("progress page (SQLite, 1 process)", sqlite.progress_page, baseline.page));
  if (sqliteProcesses) log(row(`progress page (SQLite, ${n})`, sqliteProcesses.progress_page, baseline.page));
  if (!postgres) log("(no PostgreSQL: set BENCH_DATABASE_URL=postgres://user:password@host/db to measure it too)");
  const results = {
    measured_at: new Date().toISOString(),
    node: process.version,
    connections: CONNECTIONS,
    seconds: SECONDS,
    processes: PROCESSES,
    validation,
    baseline,
    sqlite,
    sqlite_processes: sqliteProcesses,
    postgres_submit: postgres,
    postgres_processes_submit: postgresProcesses,
  };
  writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
}

/** Ten minutes at 70% of the submission capacity just measured, sampling the server's memory. */
async function soak() {
  const capacity = await withApp(`file:${join(scratch, "capacity.db")}`, PAIRS_FOR, measureSubmissions);
  const rate = Math.max(1, Math.round(capacity.requests_per_s * 0.7));
  const seconds = SOAK_MINUTES * 60;
  log(`capacity: ${capacity.requests_per_s} submissions/s; soaking at ${rate}/s for ${SOAK_MINUTES} min`);
  const result = await withApp(`file:${join(scratch, "soak.db")}`, consultationsFor(rate, seconds), async (app, workload) => {
    const samples: { second: number; rss_mib: number; answered: number }[] = [];
    let second = 0;
    const figures = await load(app.base, submissions(workload, app.base), {
      duration: seconds,
      rate,
      onTick: (answered) => {
        second += 1;
        if (second % 5 === 0 && app.pid) {
          samples.push({ second, rss_mib: rssMiB(app.pid), answered });
          if (second % 60 === 0) log(`  ${second / 60} min: RSS ${samples.at(-1)?.rss_mib} MiB, ${answered} answered`);
        }
      },
    });
    return { figures, samples };
  });
  // RSS swings with the garbage collector's cycles (the heap grows until a full collection gives it
  // back): compare the peak of the two minutes after the warm-up with the peak of the last two
  // minutes. A leak raises the peaks.
  const warmUpSecond = Math.round(seconds / 5);
  const window = Math.round(seconds / 5);
  const peakRss = (from: number, to: number) => Math.max(0, ...result.samples.filter((sample) => sample.second > from && sample.second <= to).map((sample) => sample.rss_mib));
  const afterWarmUp = peakRss(warmUpSecond, warmUpSecond + window);
  const atEnd = peakRss(seconds - window, seconds);
  const growth = afterWarmUp ? +((100 * (atEnd - afterWarmUp)) / afterWarmUp).toFixed(1) : 0;
  log(`soak: ${result.figures.answered} submissions, ${result.figures.failed} failed ${JSON.stringify(result.figures.failures)}, p50 ${result.figures.p50_ms} ms, p99 ${result.figures.p99_ms} ms`);
  log(`RSS peak in the ${window} s after the warm-up (${warmUpSecond} s): ${afterWarmUp} MiB; in the last ${window} s: ${atEnd} MiB (${growth >= 0 ? "+" : ""}${growth}%; target within 10%)`);
  const report = { measured_at: new Date().toISOString(), node: process.version, capacity_per_s: capacity.requests_per_s, rate_per_s: rate, minutes: SOAK_MINUTES, ...result.figures, rss_after_warm_up_mib: afterWarmUp, rss_at_end_mib: atEnd, rss_growth_percent: growth, samples: result.samples };
  writeFileSync(new URL("./soak.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
}

await (process.argv.includes("--soak") ? soak() : bench());
