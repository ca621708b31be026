import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT } from "./tests/e2e/ports.ts";

const PORT = E2E_PORT;
const BASE_URL = `http://127.0.0.1:${PORT}`;
// A fresh database for every run, created and filled with the demo data by the server at start,
// in a folder that tests/e2e/global-teardown.ts removes after the run. Made once, by the runner:
// the workers load this file again and inherit the variable.
process.env.CONSULTA_E2E_FOLDER ??= mkdtempSync(join(tmpdir(), "consulta-e2e-"));
const DATABASE = join(process.env.CONSULTA_E2E_FOLDER, "e2e.db");

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 2,
  // In CI a failed browser test runs once more; one that then passes is named as flaky in the
  // summary of scripts/test.mjs. The crash tests never run again (tests/e2e/crash.spec.ts).
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node build/start.js",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${DATABASE}`,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      // A throwaway database: the demo is asked for, whatever the file's folder holds (ADR 0009).
      DEMO_DATA: "on",
      // Each browser signs in from an address of its own (tests/e2e/fixtures.ts, signIn).
      TRUST_PROXY: "loopback",
    },
  },
});
