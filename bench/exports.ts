// The exports and figures against 100,000 submitted answers (`npm run bench:exports`, after a
// build): a fresh SQLite database gets the demo and one capacity-needs consultation with
// 100,000 States' answers (bulk inserts, with the typed rows the figures read); then, in the same
// run, the app's CSV and XLSX exports against a bare csv-stringify and a bare exceljs streaming
// writer over the same rows (each run in a process of its own, for its peak RSS), the p50 of
// reading all of the consultation's figures (counters.ts), and the framework floor: the built
// app's /healthz under load. See bench/README.md.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { choiceDistribution, needsByCode, needsByObjective, participation, participationBy, proposalsByStatus, ratingSummary, type QuestionRef } from "#app/features/figures/counters.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion, registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { connect, type Db } from "#db/connect.ts";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { migrateToLatest } from "#db/migrate.ts";
import type { Consultation } from "#db/schema.ts";
import { seed } from "#db/seed.ts";
import { AppProcess } from "#tests/app-process.ts";
import { fillAnswers } from "./export-seed.ts";
import { WRITERS, type Writer } from "./export-writer.ts";
import { load } from "./load.ts";

const ANSWERS = Number(process.env.BENCH_EXPORT_ANSWERS ?? 100_000);
/** Runs of each writer; the median is kept. */
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const FIGURE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
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

/** Every figure of a consultation's summary (counters.ts), as the summary page reads them. */
const CHOICES: QuestionRef[] = [
  "whole_of_government_consultation",
  "wog_mechanism",
  "wos_stakeholders",
  "un_coordination",
  "partnership_levels",
  "partner_types_sought",
  "partner_regions",
  "south_south_interest",
  "review_tools",
  "financing_sources",
  "startup_fund_use",
  "can_offer",
].map((question) => ({ question }));
const RATINGS: QuestionRef[] = [{ question: "coordination_effectiveness" }, { question: "data_availability" }, { panel: "priority_objectives", question: "current_capacity" }];

async function allFigures(db: Db, consultations: readonly Consultation[]): Promise<void> {
  await participation(db, consultations);
  for (const group of ["stakeholder_type", "region", "continent"] as const) await participationBy(db, consultations, group);
  await proposalsByStatus(db, consultations);
  await needsByObjective(db, consultations);
  await needsByCode(db, consultations, "capacity_gap");
  await needsByCode(db, consultations, "support_modality");
  for (const ref of CHOICES) await choiceDistribution(db, consultations, ref);
  for (const ref of RATINGS) await ratingSummary(db, consultations, ref);
}

async function measureFigures(db: Db, consultation: Consultation): Promise<number> {
  await allFigures(db, [consultation]);
  const times: number[] = [];
  for (let round = 0; round < FIGURE_ROUNDS; round += 1) {
    const started = performance.now();
    await allFigures(db, [consultation]);
    times.push(performance.now() - started);
  }
  return median(times);
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

/** The framework floor: the built app's /healthz (Express, Remix and one query) under load, on the same database. */
async function measureFloor(url: string) {
  const app = new AppProcess(PORT, url, { env: { DEMO_DATA: "off" } });
  await app.start();
  try {
    const healthz = {
      next: () => ({ method: "GET" as const, path: "/healthz", headers: {} }),
    };
    await load(app.base, healthz, { duration: WARM_UP_SECONDS });
    return await load(app.base, healthz, { duration: SECONDS });
  } finally {
    await app.stop();
  }
}

const folder = mkdtempSync(join(tmpdir(), "consulta-bench-exports-"));
try {
  const url = `file:${join(folder, "bench.db")}`;
  const db = connect(url);
  let consultation: Consultation;
  let figuresP50: number;
  try {
    await migrateToLatest(db);
    await registerSurveyVersions(db);
    await seed(db);
    consultation = await benchConsultation(db);
    await fill(db, url, consultation);
    figuresP50 = await measureFigures(db, consultation);
  } finally {
    await db.destroy();
  }
  const writers = await measureWriters(url, consultation.id, folder);
  const floor = await measureFloor(url);
  const targets = [
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
  console.log(`\nFramework floor, /healthz: ${floor.requests_per_s} req/s, p50 ${floor.p50_ms} ms (${floor.failed} failed).`);
  console.log(`\n| target | time | peak RSS | of the bare writer | of the floor's p50 | goal |\n|---|---|---|---|---|---|`);
  for (const { target, run, bare, goal } of targets) {
    console.log(`| ${target} | ${ms(run.ms)} | ${run.maxRssMb.toFixed(0)} MB | ${ratio(run.ms, bare.ms)} | ${ratio(run.ms, Math.max(floor.p50_ms, 1))} | ${goal} |`);
  }
  for (const writer of ["bare-csv", "bare-xlsx"] as const)
    console.log(`| ${writer} | ${ms(writers[writer].ms)} | ${writers[writer].maxRssMb.toFixed(0)} MB | 1.00× | ${ratio(writers[writer].ms, Math.max(floor.p50_ms, 1))} | baseline |`);
  console.log(`| all of a consultation's figures (counters.ts), p50 of ${FIGURE_ROUNDS} | ${ms(figuresP50)} | – | – | ${ratio(figuresP50, Math.max(floor.p50_ms, 1))} | summary page p50 < 50 ms |`);
  writeFileSync(
    "bench/exports.json",
    `${JSON.stringify(
      {
        answers: ANSWERS,
        runs: RUNS,
        writers,
        figures_p50_ms: figuresP50,
        floor,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
