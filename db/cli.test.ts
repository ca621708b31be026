import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUZZ_SEED, hostileText } from "#tests/fuzz.ts";
import { TEMPLATE_DB } from "#tests/paths.ts";
import { tempFolder } from "#tests/temp.ts";

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url));
/** The CLI runs from the project's directory, as `npm run db:…` does: the surveys are found from there. */
const PROJECT = fileURLToPath(new URL("..", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const COMMANDS = ["migrate", "seed", "backup", "restore"];
/** Files every case may name, made afresh in its directory: `db` stands for the database itself. */
const FILES = ["missing.db", "garbage.db", "empty.db", "folder", "good-backup.db", "no-such-folder/x.db", "db"];
const RANDOM_CASES = 13;
/** The files a backup or a restore must handle, each tried once whatever the seed, and what they answer. */
const FIXED_CASES: Case[] = [
  { command: "restore", args: ["missing.db"], databaseUrl: null, answer: /^No such file: .*missing\.db$/ },
  { command: "restore", args: ["garbage.db"], databaseUrl: null, answer: /^Not a Consulta backup: / },
  { command: "restore", args: ["empty.db"], databaseUrl: null, answer: /^Not a Consulta backup: / },
  { command: "restore", args: ["folder"], databaseUrl: null, answer: /^Not a Consulta backup: / },
  { command: "restore", args: ["db"], databaseUrl: null, answer: /^$/ },
  { command: "restore", args: ["good-backup.db"], databaseUrl: null, answer: /^$/ },
  { command: "backup", args: ["db"], databaseUrl: null, answer: /^.*consulta\.db exists already: name another file, or add --force to replace it/ },
  { command: "backup", args: ["good-backup.db"], databaseUrl: null, answer: /^.*good-backup\.db exists already: / },
  { command: "backup", args: ["folder"], databaseUrl: null, answer: /^Cannot write the backup to .*folder: / },
  { command: "backup", args: ["no-such-folder/x.db"], databaseUrl: null, answer: /^Cannot write the backup to .*no-such-folder\/x\.db: / },
  { command: "drop", args: [], databaseUrl: null, answer: /^usage: db / },
];

interface Case {
  command: string;
  args: string[];
  /** Another DATABASE_URL than the lane's database, for a few cases. */
  databaseUrl: string | null;
  /** What a fixed case prints on stderr. */
  answer?: RegExp;
}

/**
 * Random and hostile command lines. `reset` is left out: dropping the database is what it is for.
 * Every argument after the command is a file in the case's directory (the tests may run as root).
 */
const cliCase: fc.Arbitrary<Case> = fc.record({
  command: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("backup", "restore") },
    { weight: 1, arbitrary: fc.constantFrom("migrate", "seed") },
    { weight: 1, arbitrary: fc.constantFrom("", "--help", "-h", "help", "MIGRATE", "backup ", "restore\u00a0", "reset;", "$(reboot)", "; ls", "drop") },
    { weight: 1, arbitrary: hostileText },
  ),
  args: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FILES) }, { weight: 1, arbitrary: hostileText }), { maxLength: 3 }),
  databaseUrl: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("http://evil.example/db", "postgres://nobody@127.0.0.1:1/none", "file:/") }),
});

/** What a shell can pass: no NUL (the kernel cannot). */
function shellSafe(text: string): string {
  return text.replace(/\0/g, "");
}

/** The command as it came; the arguments as files of the lane's directory, never elsewhere. */
function argumentsOf(testCase: Case, dir: string, database: string): string[] {
  const inside = (arg: string) => (FILES.includes(arg) ? arg : shellSafe(arg).replace(/[/\\]/g, "_").replace(/\.\./g, "__"));
  const file = (arg: string) => (arg === "db" ? database : join(dir, inside(arg)));
  return [shellSafe(testCase.command), ...testCase.args.map(file)];
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(dir: string, database: string, testCase: Case): Promise<Run> {
  return runCommand(argumentsOf(testCase, dir, database), testCase.databaseUrl ?? `file:${database}`);
}

/** The CLI as `npm run db:… -- <args>` runs it, on a database. */
function runCommand(args: string[], databaseUrl: string): Promise<Run> {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, CLI, ...args], { cwd: PROJECT, env, timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every row of every table, and SQLite's own integrity check: what "not damaged" means here. */
function contentOf(database: string): { integrity: unknown; rows: Record<string, unknown[]> } {
  const db = new SQLite(database, { readonly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
    // Sorted here, not by rowid: the search index's own tables have none.
    const rows = Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`select * from "${name}"`).all().map((row) => JSON.stringify(row)).sort()]));
    return { integrity: db.pragma("integrity_check", { simple: true }), rows };
  } finally {
    db.close();
  }
}

/** A directory with the files the cases name, and a copy of the seeded database. */
function prepareLane(lane: number): { dir: string; database: string } {
  const dir = tempFolder(`consulta-cli-${lane}-`);
  const database = join(dir, "consulta.db");
  copyFileSync(TEMPLATE_DB, database);
  copyFileSync(TEMPLATE_DB, join(dir, "good-backup.db"));
  return { dir, database };
}

function resetFiles(dir: string): void {
  writeFileSync(join(dir, "garbage.db"), "SQLite format 3\0 but not really");
  writeFileSync(join(dir, "empty.db"), "");
  mkdirSync(join(dir, "folder"), { recursive: true });
  rmSync(join(dir, "missing.db"), { force: true });
}

function expectCleanAnswer(testCase: Case, run: Run): void {
  expect(run.status, "killed or timed out").not.toBeNull();
  // A stack trace means an error nobody expected: every expected one is a sentence.
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stderr).not.toMatch(/node:internal/);
  if (run.status !== 0) {
    const lines = run.stderr.trim().split("\n");
    expect(lines, `exit ${run.status} needs one line saying why`).toHaveLength(1);
    expect(lines[0]?.trim().length ?? 0).toBeGreaterThan(5);
  }
  const known = COMMANDS.includes(testCase.command);
  if (!known) expect(run.status, "an unknown command is refused with the usage").toBe(2);
  if (known && testCase.command !== "migrate" && testCase.command !== "seed" && testCase.args.length === 0) expect(run.status).toBe(1);
  if (testCase.command === "restore" && ["missing.db", "garbage.db", "empty.db", "folder"].includes(testCase.args[0] ?? "")) expect(run.status).toBe(1);
  if (testCase.answer) expect(run.stderr.trim()).toMatch(testCase.answer);
}

// The CLI's backup and restore are for SQLite (PostgreSQL has pg_dump); the cases run on SQLite files of their own.
describe.skipIf(!!process.env.TEST_DATABASE_URL)("the database CLI, with random and hostile arguments", () => {
  it("answers every command line with a result or one clear line, and never damages the database (cases 2 at a time)", { timeout: 300_000 }, async () => {
    const cases = [...FIXED_CASES, ...fc.sample(cliCase, { numRuns: RANDOM_CASES, seed: FUZZ_SEED })];
    const lanes = [prepareLane(0), prepareLane(1)];
    const original = contentOf(lanes[0]?.database ?? "");
    const statuses: number[] = [];
    await Promise.all(
      lanes.map(async ({ dir, database }, lane) => {
        for (const testCase of cases.filter((_, index) => index % lanes.length === lane)) {
          resetFiles(dir);
          const run = await runCli(dir, database, testCase);
          const label = JSON.stringify({ case: testCase, status: run.status, stderr: run.stderr.slice(0, 500) });
          try {
            expectCleanAnswer(testCase, run);
            expect(contentOf(database), "the database changed").toEqual(original);
          } catch (error) {
            throw new Error(`${label}\n${error instanceof Error ? error.message : String(error)}`);
          }
          statuses.push(run.status ?? -1);
        }
      }),
    );
    const byStatus = [...new Set(statuses)].sort().map((status) => `exit ${status}×${statuses.filter((value) => value === status).length}`);
    process.stdout.write(`\nfuzzed CLI: ${statuses.length} cases (seed ${FUZZ_SEED}): ${byStatus.join(" ")}\n`);
  });
});

describe.skipIf(!!process.env.TEST_DATABASE_URL)("db:backup and db:restore, on files that exist", () => {
  it("a backup never replaces an existing file unless --force is given", { timeout: 60_000 }, async () => {
    const { dir, database } = prepareLane(0);
    // The one good backup, and a database that has changed since.
    const existing = join(dir, "good-backup.db");
    const before = readFileSync(existing);
    const db = new SQLite(database);
    db.prepare("delete from audit_event").run();
    db.close();
    const refused = await runCommand(["backup", existing], `file:${database}`);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(`${existing} exists already: name another file, or add --force to replace it (npm run db:backup -- ${existing} --force).`);
    expect(readFileSync(existing).equals(before)).toBe(true);
    const forced = await runCommand(["backup", existing, "--force"], `file:${database}`);
    expect(forced.status, forced.stderr).toBe(0);
    expect(contentOf(existing).rows).toEqual(contentOf(database).rows);
    expect(readdirSync(dir).filter((file) => file.includes("partial"))).toEqual([]);
  });

  it("a restore leaves no -wal or -shm file beside the backup it read", { timeout: 60_000 }, async () => {
    const { dir, database } = prepareLane(1);
    const backup = join(dir, "backup.db");
    expect((await runCommand(["backup", backup], `file:${database}`)).status).toBe(0);
    const restored = await runCommand(["restore", backup], `file:${join(dir, "restored.db")}`);
    expect(restored.status, restored.stderr).toBe(0);
    expect(readdirSync(dir).filter((file) => file.startsWith("backup.db")).sort()).toEqual(["backup.db"]);
  });
});
