// The exports and figures against 100,000 submitted answers (`npm run bench:exports`, after a
// build): a fresh SQLite database gets the demo and one capacity-needs consultation with
// 100,000 States' answers (bulk inserts, with the typed rows the figures read); then, in the same
// run, the app's CSV and XLSX exports against a bare csv-stringify and a bare exceljs streaming
// writer over the same rows (each run in a process of its own, for its peak RSS), the p50 of
// reading every figure of the consultation's summary (in-process and the page over HTTP), and
// the framework floor: the built app's /healthz under load. See bench/README.md.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import type { FigureFilters } from "#app/features/figures/counters.ts";
import { readSummary } from "#app/features/figures/summary.ts";
import { rebuildTallies } from "#app/features/figures/tallies.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion, registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { connect, type Db } from "#db/connect.ts";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { rebuildAfterMigrations } from "#db/derived-rows.ts";
import { migrateToLatest } from "#db/migrate.ts";
import type { Consultation } from "#db/schema.ts";
import { seed } from "#db/seed.ts";
import { AppProcess } from "#tests/app-process.ts";
import { fillAnswers } from "./export-seed.ts";
import { WRITERS, type Writer } from "./export-writer.ts";
import { load } from "./load.ts";
import { cookieFor } from "./workload.ts";

const ANSWERS = Number(process.env.BENCH_EXPORT_ANSWERS ?? 100_000);
/** Runs of each writer; the median is kept. */
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const FIGURE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/** `BENCH_WRITERS=off` measures the figures and the floor only. */
const WITH_WRITERS = process.env.BENCH_WRITERS !== "off";
/** `BENCH_APP=off` measures the writers only: no tallies, figures, summary page or floor (and no build needed). */
const WITH_APP = process.env.BENCH_APP !== "off";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const PORT = Number(process.env.BENCH_PORT ?? 3392);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;

async function benchConsultation(db: Db): Promise<Consultation> {
  const version = (await registerSurveyVersions(db)).find((survey) => survey.slug === "capacity-needs");
  const meeting = await db.selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirstOrThrow();
  const id = await createConsultation(
    db,
    null,
    {
      meetingId: meeting.id,
      slug: "bench-capacity-needs",
      phase: "pre",
      kind: "capacity_survey",
      audience: ["state"],
      surveySlug: "capacity-needs",
      surveyVersionId: version?.versionId ?? "",
      title: { en: "Bench", fr: "Banc d’essai", es: "Banco de pruebas" },
      description: { en: "Bench", fr: "Banc d’essai", es: "Banco de pruebas" },
      opensAt: "2018-07-01T00:00:00.000Z",
      closesAt: "2018-09-30T00:00:00.000Z",
      publish: true,
    },
    { ip: null },
  );
  return db.selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** The answers and their derived rows (bench/export-seed.ts), timed. */
async function fill(db: Db, url: string, consultation: Consultation): Promise<void> {
  const version = await getSurveyVersion(db, consultation.survey_version_id);
  if (!version) throw new Error("No capacity-needs version");
  const started = performance.now();
  fillAnswers(url, consultation, surveyModel(version), ANSWERS);
  console.log(`  ${ANSWERS} submitted answers with their organisations, answer values, needs and offers written in ${ms(performance.now() - started)}.`);
}

/** The filters a rapporteur tries on the summary page: none, a continent, a subregion with a use, a stakeholder type. */
const VIEWS: FigureFilters[] = [{}, { region: "002" }, { region: "419" }, { region: "150", attribution: "attributable" }, { stakeholderType: "state" }, { region: "142", attribution: "non_attributable" }];

/** Every figure of a consultation's summary page (readSummary), for each view in each language: p50 and p95 of the rounds. */
async function measureSummary(db: Db, consultation: Consultation): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let round = -1; round < FIGURE_ROUNDS; round += 1) {
    for (const [index, view] of VIEWS.entries()) {
      const started = performance.now();
      await readSummary(db, [consultation], view, LANGUAGES[index % LANGUAGES.length] ?? "en");
      // The first round warms the caches and the statements up, as a running server's are.
      if (round >= 0) times.push(performance.now() - started);
    }
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: median(sorted), p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
}

/** A summary page itself (`path`), as a rapporteur's browser asks for it, one request at a time. */
async function measureSummaryPage(base: string, cookie: string, path: string): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let round = -1; round < FIGURE_ROUNDS; round += 1) {
    for (const [index, view] of VIEWS.entries()) {
      const params = new URLSearchParams(Object.entries({ region: view.region, type: view.stakeholderType, attribution: view.attribution }).filter((entry): entry is [string, string] => entry[1] !== undefined));
      const started = performance.now();
      // A redirect (to signing in) is not followed: only the summary itself counts.
      const response = await fetch(`${base}${path}?${params}`, { redirect: "manual", headers: { Cookie: cookie, "Accept-Language": LANGUAGES[index % LANGUAGES.length] ?? "en" } });
      const html = await response.text();
      if (response.status !== 200 || !html.includes('role="img"')) throw new Error(`The summary page answered ${response.status} without its charts`);
      if (round >= 0) times.push(performance.now() - started);
    }
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: median(sorted), p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
}

interface WriterRun {
  ms: number;
  rows: number;
  bytes: number;
  maxRssMb: number;
}

/** One export in a process of its own, which prints its time and its peak RSS. */
function runWriter(writer: Writer, url: string, consultationId: string, out: string): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/export-writer.ts", writer, url, consultationId, out], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as WriterRun) : reject(new Error(`${writer} exited with ${code}`))));
  });
}

/** Each writer RUNS times, in turn (so that the machine's load falls on all alike): median time, highest peak RSS. */
async function measureWriters(url: string, consultationId: string, folder: string): Promise<Record<Writer, WriterRun>> {
  const runs = new Map<Writer, WriterRun[]>(WRITERS.map((writer) => [writer, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const writer of WRITERS) {
      const figures = await runWriter(writer, url, consultationId, join(folder, `${writer}.${writer.endsWith("csv") ? "csv" : "xlsx"}`));
      if (figures.rows !== ANSWERS) throw new Error(`${writer} wrote ${figures.rows} rows of ${ANSWERS}`);
      runs.get(writer)?.push(figures);
    }
  }
  const summary = (list: WriterRun[]): WriterRun => ({
    ms: median(list.map((item) => item.ms)),
    rows: ANSWERS,
    bytes: median(list.map((item) => item.bytes)),
    maxRssMb: Math.max(...list.map((item) => item.maxRssMb)),
  });
  return Object.fromEntries(WRITERS.map((writer) => [writer, summary(runs.get(writer) ?? [])])) as Record<Writer, WriterRun>;
}

/**
 * The built app on the bench database: the framework floor (its /healthz, Express, Remix and one
 * query, under load), then the summary page as a rapporteur reads it.
 */
async function measureApp(url: string, cookie: string, consultation: Consultation) {
  // DEMO_DATA=on loads nothing into this database, which holds data, and leaves the demo rapporteur able to sign in (off would switch the account off).
  const app = new AppProcess(PORT, url, { env: { DEMO_DATA: "on" } });
  await app.start();
  try {
    const healthz = {
      next: () => ({ method: "GET" as const, path: "/healthz", headers: {} }),
    };
    await load(app.base, healthz, { duration: WARM_UP_SECONDS });
    const floor = await load(app.base, healthz, { duration: SECONDS });
    return {
      floor,
      page: await measureSummaryPage(app.base, cookie, `/consultations/${consultation.id}/summary`),
      meetingPage: await measureSummaryPage(app.base, cookie, `/meetings/${consultation.meeting_id}/summary`),
    };
  } finally {
    await app.stop();
  }
}

const folder = mkdtempSync(join(tmpdir(), "consulta-bench-exports-"));
try {
  // `BENCH_EXPORT_DATABASE`: a SQLite file kept between runs; one that holds the bench's answers is used as it is.
  const url = `file:${process.env.BENCH_EXPORT_DATABASE ?? join(folder, "bench.db")}`;
  const db = connect(url);
  let consultation: Consultation;
  let summary: { p50: number; p95: number } | null = null;
  let cookie = "";
  try {
    const { results } = await migrateToLatest(db);
    const kept = await db.selectFrom("consultation").selectAll().where("slug", "=", "bench-capacity-needs").executeTakeFirst();
    if (kept) {
      const answers = await db.selectFrom("response").select((eb) => eb.fn.countAll().as("n")).where("consultation_id", "=", kept.id).executeTakeFirstOrThrow();
      if (Number(answers.n) !== ANSWERS) throw new Error(`${url} holds ${answers.n} answers, not ${ANSWERS}: remove it or set BENCH_EXPORT_ANSWERS`);
      consultation = kept;
      const summed = await rebuildAfterMigrations(db, results);
      console.log(`  ${ANSWERS} answers of ${url} used as they are${summed === null ? "" : `, their derived rows brought up to date (${summed})`}.`);
    } else {
      await registerSurveyVersions(db);
      await seed(db);
      consultation = await benchConsultation(db);
      await fill(db, url, consultation);
      // The bulk fill writes the rows the figures sum; the tallies are summed from them as `figures:rebuild` does.
      const summing = performance.now();
      const { answers } = await rebuildTallies(db);
      console.log(`  Tallies of ${answers} answers summed in ${ms(performance.now() - summing)}.`);
    }
    if (WITH_APP) {
      summary = await measureSummary(db, consultation);
      const rapporteur = await db.selectFrom("user").select("id").where("email", "=", "rapporteur@consulta.test").executeTakeFirstOrThrow();
      cookie = await cookieFor(db, rapporteur.id);
    }
  } finally {
    await db.destroy();
  }
  const writers = WITH_WRITERS ? await measureWriters(url, consultation.id, folder) : null;
  const app = WITH_APP ? await measureApp(url, cookie, consultation) : null;
  // Without the app, times are not compared with the floor's.
  const ofFloor = (value: number) => (app ? ratio(value, Math.max(app.floor.p50_ms, 1)) : "–");
  const targets = !writers ? [] : [
    {
      target: "CSV export (writeCsv of answersExport)",
      run: writers["app-csv"],
      bare: writers["bare-csv"],
      goal: "≤ 1.5× bare csv-stringify",
    },
    {
      target: "XLSX export (writeXlsx of answersExport)",
      run: writers["app-xlsx"],
      bare: writers["bare-xlsx"],
      goal: "≤ 1.5× bare exceljs, peak RSS < 500 MB",
    },
  ];
  if (app) console.log(`\nFramework floor, /healthz: ${app.floor.requests_per_s} req/s, p50 ${app.floor.p50_ms} ms (${app.floor.failed} failed).`);
  console.log(`\n| target | time | peak RSS | of the bare writer | of the floor's p50 | goal |\n|---|---|---|---|---|---|`);
  for (const { target, run, bare, goal } of targets) {
    console.log(`| ${target} | ${ms(run.ms)} | ${run.maxRssMb.toFixed(0)} MB | ${ratio(run.ms, bare.ms)} | ${ofFloor(run.ms)} | ${goal} |`);
  }
  for (const writer of ["bare-csv", "bare-xlsx"] as const) {
    const run = writers?.[writer];
    if (run) console.log(`| ${writer} | ${ms(run.ms)} | ${run.maxRssMb.toFixed(0)} MB | 1.00× | ${ofFloor(run.ms)} | baseline |`);
  }
  const rounds = `${FIGURE_ROUNDS} rounds of ${VIEWS.length} filtered views`;
  if (app) console.log(`| summary page over HTTP (GET /consultations/:id/summary), ${rounds}: p50 (p95 ${ms(app.page.p95)}) | ${ms(app.page.p50)} | – | – | ${ofFloor(app.page.p50)} | p50 < 50 ms |`);
  if (app) console.log(`| the meeting's summary page (GET /meetings/:id/summary: this consultation and the demo's), ${rounds}: p50 (p95 ${ms(app.meetingPage.p95)}) | ${ms(app.meetingPage.p50)} | – | – | ${ofFloor(app.meetingPage.p50)} | – |`);
  if (summary) console.log(`| every figure of the summary (readSummary, in-process), ${rounds}: p50 (p95 ${ms(summary.p95)}) | ${ms(summary.p50)} | – | – | ${ofFloor(summary.p50)} | p50 < 50 ms |`);
  writeFileSync(
    "bench/exports.json",
    `${JSON.stringify(
      {
        answers: ANSWERS,
        runs: RUNS,
        writers,
        summary_page_ms: app?.page ?? null,
        meeting_summary_page_ms: app?.meetingPage ?? null,
        summary_figures_ms: summary,
        floor: app?.floor ?? null,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
