// The whole test suite, as `npm test` and CI run it: type check, lint, survey files, unit and route tests
// (Vitest), then the browser tests (Playwright in Debian's Chromium) against a fresh build.
// Ends with one line of totals: `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const RESULTS = "test-results";
const UNIT_JSON = `${RESULTS}/unit-results.json`;
const E2E_JSON = `${RESULTS}/e2e-results.json`;
const UNIT_PG_JSON = `${RESULTS}/unit-results-postgres.json`;

const POSTGRES = process.env.TEST_DATABASE_URL;
const sqliteEnv = { ...process.env };
delete sqliteEnv.TEST_DATABASE_URL;
delete sqliteEnv.E2E_DATABASE_URL;

function run(label, command, args, env = sqliteEnv) {
  console.log(`\n▶ ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`◀ ${label}: ${result.status === 0 ? "ok" : "FAILED"} in ${seconds} s`);
  return result.status === 0;
}

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

rmSync(UNIT_JSON, { force: true });
rmSync(E2E_JSON, { force: true });
mkdirSync(RESULTS, { recursive: true });

const checks = {
  typecheck: run("type check", "npx", ["tsc", "--noEmit"]),
  lint: run("lint", "npx", ["eslint", ".", "--max-warnings", "0"]),
  surveys: run("survey files", "npm", ["run", "--silent", "surveys:check"]),
};
const unitOk = run("unit and route tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${UNIT_JSON}`]);
const unit = readJson(UNIT_JSON);
const buildOk = run("build (fails on a warning)", "node", ["scripts/build-without-warnings.mjs"]);
const e2eOk = buildOk && run("browser tests", "npx", ["playwright", "test"]);
const e2e = readJson(E2E_JSON);

// With TEST_DATABASE_URL (a PostgreSQL server where the user may create databases), the unit,
// route and browser tests run a second time on PostgreSQL.
/** Runs one statement on TEST_DATABASE_URL's server (to make and drop the browser tests' database). */
function postgresQuery(statement) {
  const script = `const pg=require("pg");const c=new pg.Client({connectionString:process.env.TEST_DATABASE_URL});c.connect().then(()=>c.query(${JSON.stringify(statement)})).then(()=>c.end()).catch((e)=>{console.error(e.message);process.exit(1)})`;
  return spawnSync("node", ["-e", script], { stdio: "inherit", env: process.env }).status === 0;
}

let unitPg;
let e2ePg;
let unitPgOk = true;
let e2ePgOk = true;
if (POSTGRES) {
  // Reports left by the SQLite run or an earlier one must not be read as this run's.
  rmSync(UNIT_PG_JSON, { force: true });
  rmSync(E2E_JSON, { force: true });
  unitPgOk = run("unit and route tests on PostgreSQL", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${UNIT_PG_JSON}`], { ...process.env });
  unitPg = readJson(UNIT_PG_JSON);
  const database = `consulta_e2e_${Date.now()}`;
  const created = postgresQuery(`create database "${database}" template template0`);
  const url = new URL(POSTGRES);
  url.pathname = `/${database}`;
  e2ePgOk = buildOk && created && run("browser tests on PostgreSQL", "npx", ["playwright", "test", "--grep-invert", "@sqlite"], { ...process.env, E2E_DATABASE_URL: url.toString() });
  e2ePg = readJson(E2E_JSON);
  // A plain drop first: WITH (FORCE) refuses to stop an autovacuum worker busy in the database.
  if (created && !postgresQuery(`drop database if exists "${database}"`)) postgresQuery(`drop database if exists "${database}" with (force)`);
}
/** Vitest's counts: a test file that failed outside its tests (it did not load) counts as one failure. */
function unitCounts(report, ok) {
  if (!report) return { passed: 0, failed: ok ? 0 : 1 };
  const brokenFiles = (report.testResults ?? []).filter((file) => file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed")).length;
  const failed = report.numFailedTests + brokenFiles;
  return { passed: report.numPassedTests, failed: failed === 0 && !ok ? 1 : failed };
}

/**
 * Playwright's counts: a test that failed, ran again (CI only) and then passed counts as passed
 * and is named under "Failed tests"; a test that failed on its last run counts as failed.
 */
function browserCounts(report, ok) {
  if (!report) return { passed: 0, failed: ok ? 0 : 1 };
  // A run that failed outside its tests (a spec that did not load, a server that did not start) counts as one failure.
  const failed = report.stats.unexpected + (report.errors?.length ?? 0);
  return { passed: report.stats.expected + report.stats.flaky, failed: failed === 0 && !ok ? 1 : failed };
}

const suites = [
  { name: "unit and route tests", ...unitCounts(unit, unitOk) },
  { name: "browser tests", ...browserCounts(e2e, e2eOk) },
  ...(POSTGRES
    ? [
        { name: "unit and route tests on PostgreSQL", ...unitCounts(unitPg, unitPgOk) },
        { name: "browser tests on PostgreSQL", ...browserCounts(e2ePg, e2ePgOk) },
      ]
    : []),
  ...Object.entries(checks).map(([name, ok]) => ({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 })),
  { name: "build", passed: buildOk ? 1 : 0, failed: buildOk ? 0 : 1 },
];

/** The titles of the failed (and flaky) tests in a Vitest or Playwright JSON report, with their first error line. */
function failures(label, report) {
  if (!report) return [];
  const found = [];
  for (const file of report.testResults ?? []) {
    const name = file.name.replace(process.cwd() + "/", "");
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failedTests) found.push(`${label}: ${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file that failed outside its tests (it did not load, or a hook failed).
    if (file.status === "failed" && failedTests.length === 0) found.push(`${label}: ${name}: ${firstLine(file.message)}`);
  }
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const error = test.results?.find((result) => result.status !== "passed" && result.status !== "skipped")?.error?.message;
        found.push(`${label}: ${[...path, spec.title].join(" › ")}${test.status === "flaky" ? " (flaky: passed on retry)" : ""}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  for (const error of report.errors ?? []) found.push(`${label}: outside the tests: ${firstLine(error.message)}`);
  return found;
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? "no message").replace(/\u001b\[[0-9;]*m/g, "");
  return plain.split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 300) ?? "no message";
}

const failedTests = [
  ...failures("unit and route tests", unit),
  ...failures("browser tests", e2e),
  ...failures("unit and route tests on PostgreSQL", unitPg),
  ...failures("browser tests on PostgreSQL", e2ePg),
];
if (failedTests.length > 0) {
  console.log("\nFailed tests");
  for (const line of failedTests) console.log(`  ${line}`);
}

console.log("\nSummary");
for (const suite of suites) console.log(`  ${suite.name}: ${suite.passed} passed, ${suite.failed} failed`);
const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
const allOk = unitOk && e2eOk && unitPgOk && e2ePgOk && Object.values(checks).every(Boolean);
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk && failed === 0 ? 0 : 1);
