import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { signIn } from "#app/features/auth/sign-in.ts";
import { hashPassword } from "#app/features/auth/passwords.ts";
import { TEMPLATE_DB } from "#tests/paths.ts";
import { createScratchDatabase } from "#tests/scratch-postgres.ts";
import { tempFolder } from "#tests/temp.ts";
import type { Db } from "./connect.ts";
import { DEMO_PASSWORD, demoEmails } from "./seed.ts";
import { DatabaseStartError, openServerDatabase } from "./startup.ts";

/*
 * Item 2 of issue 8 (the start-up half): a lost database came back as the demo, with the README's
 * password. The demo now loads on a first run or when asked, a database that vanished stops the
 * server, and DEMO_DATA=off switches off the demo accounts (docs/decisions/0009).
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const folder = () => tempFolder("consulta-startup-");

async function open(databaseUrl: string, demo: "auto" | "on" | "off"): Promise<{ db: Db; lines: string[] }> {
  const lines: string[] = [];
  const db = await openServerDatabase({ DATABASE_URL: databaseUrl, DEMO_DATA: demo }, { log: (line) => lines.push(line) });
  cleanups.push(() => db.destroy());
  return { db, lines };
}

async function refused(databaseUrl: string, demo: "auto" | "on" | "off"): Promise<string> {
  const error: unknown = await open(databaseUrl, demo).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DatabaseStartError);
  return (error as Error).message;
}

const adminSignsIn = async (db: Db) => (await signIn(db, { email: "admin@consulta.test", password: DEMO_PASSWORD, ip: null })).ok;

describe.skipIf(!!process.env.TEST_DATABASE_URL)("a server's database at start, on SQLite", () => {
  it("on a first run (the database and its folder new), auto loads the demo and says how many accounts it made", { timeout: 60_000 }, async () => {
    const file = join(folder(), "data", "consulta.db");
    const { db, lines } = await open(`file:${file}`, "auto");
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Loaded the demo data: \\d+ States, ${demoEmails().length} demo accounts \\(password in the README\\), \\d+ answers\\.$`))]);
    expect(demoEmails().length).toBe(74);
    expect(await adminSignsIn(db)).toBe(true);
  });

  it("a database file gone from its folder stops the server, and no database is made in its place", async () => {
    const dir = folder();
    const file = join(dir, "consulta.db");
    for (const demo of ["auto", "off"] as const) {
      expect(await refused(`file:${file}`, demo)).toBe(
        `The database ${file} is missing, though its folder exists: a database that vanished is not replaced by a new one. To go on, restore a backup (npm run db:restore -- <file>) or create a database on purpose (npm run db:migrate for an empty one, npm run db:reset for the demo).`,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a database file without Consulta's tables (emptied, or made by something else) stops the server", async () => {
    const file = join(folder(), "consulta.db");
    writeFileSync(file, "");
    expect(await refused(`file:${file}`, "auto")).toMatch(/^The database .* holds no Consulta tables: a database that vanished is not started afresh\./);
  });

  it("with DEMO_DATA=off the server creates no database at all, even on a first run", async () => {
    const dir = folder();
    expect(await refused(`file:${join(dir, "data", "consulta.db")}`, "off")).toMatch(/does not exist, and with DEMO_DATA=off the server creates none\./);
    expect(existsSync(join(dir, "data"))).toBe(false);
  });

  it("DEMO_DATA=on loads the demo into a new database wherever it is, and never into one with people", { timeout: 60_000 }, async () => {
    const dir = folder();
    const fresh = await open(`file:${join(dir, "new.db")}`, "on");
    expect(fresh.lines[0]).toMatch(/^Loaded the demo data: /);
    const copy = join(dir, "copy.db");
    copyFileSync(TEMPLATE_DB, copy);
    const existing = await open(`file:${copy}`, "on");
    expect(existing.lines).toEqual([]);
  });

  it("an existing database is served as it is under auto: nothing loaded, nothing switched off", async () => {
    const copy = join(folder(), "consulta.db");
    copyFileSync(TEMPLATE_DB, copy);
    const { db, lines } = await open(`file:${copy}`, "auto");
    expect(lines).toEqual([]);
    expect(await adminSignsIn(db)).toBe(true);
  });

  it("DEMO_DATA=off switches off every demo account still on the published password, once, and audits it; a changed password keeps working", { timeout: 60_000 }, async () => {
    const copy = join(folder(), "consulta.db");
    copyFileSync(TEMPLATE_DB, copy);
    {
      const { db } = await open(`file:${copy}`, "auto");
      await db.updateTable("user").set({ password_hash: await hashPassword("the secretariat's own passphrase") }).where("email", "=", "rapporteur@consulta.test").execute();
      await db.destroy();
    }
    const { db, lines } = await open(`file:${copy}`, "off");
    expect(lines).toEqual([`Switched off ${demoEmails().length - 1} demo accounts whose password is published (DEMO_DATA=off).`]);
    expect(await adminSignsIn(db)).toBe(false);
    expect((await signIn(db, { email: "rapporteur@consulta.test", password: "the secretariat's own passphrase", ip: null })).ok).toBe(true);
    const audit = await db.selectFrom("audit_event").select("detail").where("action", "=", "demo.accounts_switched_off").execute();
    expect(audit.map((event) => JSON.parse(event.detail ?? "{}") as unknown)).toEqual([{ count: demoEmails().length - 1 }]);
    await db.destroy();
    const again = await open(`file:${copy}`, "off");
    expect(again.lines).toEqual([]);
  });
});

describe.runIf(!!process.env.TEST_DATABASE_URL)("a server's database at start, on PostgreSQL", () => {
  async function emptyDatabase(): Promise<string> {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL ?? "", `${inject("scratchPrefix")}${randomUUID().replace(/-/g, "")}`);
    cleanups.push(() => scratch.drop());
    return scratch.url;
  }

  it("an empty database stops the server under auto and off, and gets the demo only when asked", { timeout: 120_000 }, async () => {
    const url = await emptyDatabase();
    for (const demo of ["auto", "off"] as const) {
      expect(await refused(url, demo)).toMatch(/^The PostgreSQL database of DATABASE_URL holds no Consulta tables: a database that vanished is not started afresh\./);
    }
    const { db, lines } = await open(url, "on");
    expect(lines[0]).toMatch(/^Loaded the demo data: /);
    expect(await adminSignsIn(db)).toBe(true);
  });

  it("DEMO_DATA=off switches off the demo accounts of a database that holds them", { timeout: 60_000 }, async () => {
    const { db, lines } = await open(process.env.DATABASE_URL ?? "", "off");
    expect(lines).toEqual([`Switched off ${demoEmails().length} demo accounts whose password is published (DEMO_DATA=off).`]);
    expect(await adminSignsIn(db)).toBe(false);
  });
});
