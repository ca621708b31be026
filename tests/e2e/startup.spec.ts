import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { AppProcess } from "../app-process.ts";
import { removeTempFolders, tempFolder } from "../temp.ts";
import { STARTUP_PORT } from "./ports.ts";

/*
 * Item 2 of issue 8, the start-up half, with the built server: a database deleted between two
 * starts came back as the demo, and admin@consulta.test signed in with the README's password.
 * Not browser tests: servers started and stopped, and their first line read.
 */
test.describe.configure({ mode: "serial", retries: 0 });
test.afterAll(removeTempFolders);

const started: AppProcess[] = [];
test.afterEach(async () => {
  for (const app of started.splice(0)) await app.stop();
});

function server(database: string, env: Record<string, string>): AppProcess {
  const app = new AppProcess(STARTUP_PORT, database, { env });
  started.push(app);
  return app;
}

/** Starts the built server and waits for it to stop by itself: its exit code and what it wrote on stderr. */
function startExpectingRefusal(database: string, env: Record<string, string | undefined>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ["build/start.js"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${database}`, PORT: String(STARTUP_PORT), HOST: "127.0.0.1", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

test("a database file deleted between two starts stops the server instead of coming back as the demo @sqlite", async () => {
  test.setTimeout(120_000);
  const data = join(tempFolder("consulta-startup-"), "data");
  const database = join(data, "consulta.db");
  // The first run of a fresh checkout: the folder and the database are new, the demo is loaded.
  const first = server(database, { DEMO_DATA: "auto" });
  await first.start();
  await first.signIn("admin@consulta.test");
  await first.stop();

  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database}${suffix}`, { force: true });
  // DEMO_DATA left unset: the default, auto.
  const again = startExpectingRefusal(database, { DEMO_DATA: undefined });
  expect(again.status).toBe(1);
  expect(again.stderr).toBe(
    `The database ${database} is missing, though its folder exists: a database that vanished is not replaced by a new one. To go on, restore a backup (npm run db:restore -- <file>) or create a database on purpose (npm run db:migrate for an empty one, npm run db:reset for the demo).`,
  );
  expect(readdirSync(data)).toEqual([]);
});

test("with DEMO_DATA=off the demo accounts cannot sign in, the administrator who changed the password can, and no database is made @sqlite", async () => {
  test.setTimeout(180_000);
  const folder = tempFolder("consulta-startup-");
  const database = join(folder, "consulta.db");
  const demo = server(database, { DEMO_DATA: "on" });
  await demo.start();
  const admin = await demo.signIn("admin@consulta.test");
  const ownPassword = "the secretariat's own passphrase";
  const changed = await fetch(`${demo.base}/account`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: demo.base, Cookie: admin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ currentPassword: "consulta-demo-2018", password: ownPassword, confirmPassword: ownPassword }),
  });
  // The password is changed (the new password signs in below), whatever page the form leads to.
  expect(changed.status).toBeLessThan(400);
  await demo.stop();

  const real = server(database, { DEMO_DATA: "off" });
  await real.start();
  for (const email of ["partner@consulta.test", "focal.point@consulta.test", "aminata.ndiaye@sn.example"]) {
    await expect(real.signIn(email), email).rejects.toThrow(`Sign-in failed for ${email}`);
  }
  await expect(real.signIn("admin@consulta.test")).rejects.toThrow();
  expect(await real.signIn("admin@consulta.test", ownPassword)).toMatch(/^consulta_session=/);
  await real.stop();

  const elsewhere = join(folder, "new", "consulta.db");
  const refused = startExpectingRefusal(elsewhere, { DEMO_DATA: "off" });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/^The database .* does not exist, and with DEMO_DATA=off the server creates none\. To go on, /);
  expect(existsSync(join(folder, "new"))).toBe(false);
});
