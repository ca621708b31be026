// The whole test suite, as `npm test` and CI run it: type check, lint, survey files, unit and route tests
// (Vitest), then the browser tests (Playwright in Debian's Chromium) against a fresh build.
// Ends with one line of totals: `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const RESULTS = "test-results";
const UNIT_JSON = `${RESULTS}/unit-results.json`;
const E2E_JSON = `${RESULTS}/e2e-results.json`;

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
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
const buildOk = run("build", "npm", ["run", "build"]);
const e2eOk = buildOk && run("browser tests", "npx", ["playwright", "test"]);
const e2e = readJson(E2E_JSON);
const suites = [
  { name: "unit and route tests", passed: unit?.numPassedTests ?? 0, failed: unit ? unit.numFailedTests : unitOk ? 0 : 1 },
  { name: "browser tests", passed: e2e?.stats?.expected ?? 0, failed: e2e ? e2e.stats.unexpected + e2e.stats.flaky : e2eOk ? 0 : 1 },
  ...Object.entries(checks).map(([name, ok]) => ({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 })),
  { name: "build", passed: buildOk ? 1 : 0, failed: buildOk ? 0 : 1 },
];

console.log("\nSummary");
for (const suite of suites) console.log(`  ${suite.name}: ${suite.passed} passed, ${suite.failed} failed`);
const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
const allOk = unitOk && e2eOk && Object.values(checks).every(Boolean);
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk && failed === 0 ? 0 : 1);
