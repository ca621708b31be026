import { execFileSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import SQLite from "better-sqlite3";
import { DEMO_STATES } from "../../db/demo/states.ts";
import { AppProcess } from "../app-process.ts";
import { FAULTS_PORT } from "./ports.ts";

// Not browser tests for the most part: the built server, in a process of its own, meets what a
// failing machine or a hostile client does to it (another process holding SQLite's write lock, a
// disk that refuses writes, the database file deleted, a body sent a byte at a time).
test.describe.configure({ mode: "serial", retries: 0 });

const FOCAL_POINT = DEMO_STATES[0]?.focalPoint.email as string;

const started: AppProcess[] = [];
test.afterEach(async () => {
  for (const app of started.splice(0)) await app.stop("SIGKILL");
});

const folders: string[] = [];
test.afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function databaseFile(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), "consulta-faults-"));
  folders.push(folder);
  return join(folder, name);
}

async function startApp(port: number, database: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const app = new AppProcess(port, database, { captureOutput: true, env });
  started.push(app);
  await app.start();
  return app;
}

/** An open consultation and a focal point of one of its States, signed in. */
async function answering(app: AppProcess, slug: string): Promise<{ consultation: string; cookie: string }> {
  const consultation = await app.openCapacityConsultation(await app.signIn("admin@consulta.test"), slug);
  return { consultation, cookie: await app.signIn(FOCAL_POINT) };
}

function save(app: AppProcess, { consultation, cookie }: { consultation: string; cookie: string }, value: string, revision: number): Promise<Response> {
  return fetch(`${app.base}/consultations/${consultation}/answers`, {
    method: "POST",
    headers: { Origin: app.base, Cookie: cookie, "Content-Type": "application/json", "Accept-Language": "es" },
    body: JSON.stringify({ intent: "save", answers: { coordinating_institution: value }, revision, page: 0 }),
  });
}

/** A sign-in through the form: a page's action whose first step is a write outside any transaction. */
function signInForm(app: AppProcess, language: string): Promise<Response> {
  return fetch(`${app.base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.base, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": language },
    body: new URLSearchParams({ email: "admin@consulta.test", password: "consulta-demo-2018" }),
  });
}

async function health(app: AppProcess): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${app.base}/healthz`);
  return { status: response.status, body: await response.json() };
}

/** Whether a promise has settled, as of now. */
function watch<T>(promise: Promise<T>): () => boolean {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

/** The server process may write no byte past `bytes` into any file: to SQLite, a disk that refuses writes. */
function limitFileSize(app: AppProcess, bytes: number | "unlimited"): void {
  execFileSync("prlimit", [`--pid=${app.pid}`, `--fsize=${bytes}:unlimited`]);
}

test("a write waiting for another process's SQLite lock leaves the server answering; past the wait, 503 with Retry-After: JSON on the answering endpoint, a translated page for a page @sqlite", async () => {
  test.setTimeout(90_000);
  const database = databaseFile("locked.db");
  const app = await startApp(FAULTS_PORT, database);
  const focal = await answering(app, "lock-test");
  const holder = new SQLite(database);
  try {
    holder.exec("begin immediate");
    const write = signInForm(app, "en");
    const writeSettled = watch(write);
    // Long enough for the sign-in to reach its first write, well within the 5 s it may wait.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const page = await fetch(`${app.base}/consultations`, { headers: { Cookie: focal.cookie } });
    expect(page.status).toBe(200);
    expect(writeSettled(), "the write was still waiting for the lock when the page was served").toBe(false);
    holder.exec("rollback");
    expect((await write).status).toBe(302);

    holder.exec("begin immediate");
    const [json, form] = await Promise.all([save(app, focal, "Cancillería", 0), signInForm(app, "fr")]);
    holder.exec("rollback");
    expect(json.status).toBe(503);
    expect(json.headers.get("Retry-After")).toBe("5");
    expect(await json.json()).toEqual({ ok: false, reason: "unavailable", message: expect.stringMatching(/^La plataforma no puede/) });
    expect(form.status).toBe(503);
    expect(form.headers.get("Retry-After")).toBe("5");
    expect(await form.text()).toContain("La plateforme est momentanément indisponible");
    expect(app.log).toMatch(/POST \/sign-in: the database is unavailable \(busy\): SQLITE_BUSY: database is locked/);
    expect(app.log).not.toMatch(/^\s+at /m);

    expect((await save(app, focal, "Cancillería", 0)).status).toBe(200);
  } finally {
    holder.close();
  }
});

test("a disk that refuses writes: the answering endpoint answers JSON 503, pages a translated 503, /healthz 503, the log the real error; all well again by itself, nothing acknowledged lost @sqlite", async ({ browser }) => {
  test.setTimeout(120_000);
  const database = databaseFile("full.db");
  const app = await startApp(FAULTS_PORT + 1, database);
  const focal = await answering(app, "full-test");
  expect((await save(app, focal, "Antes", 0)).status).toBe(200);

  limitFileSize(app, 1);
  const refused = await save(app, focal, "Con el disco lleno", 1);
  expect(refused.status).toBe(503);
  expect(refused.headers.get("Retry-After")).toBe("30");
  expect(await refused.json()).toMatchObject({ ok: false, reason: "unavailable" });
  const page = await signInForm(app, "es");
  expect(page.status).toBe(503);
  expect(await page.text()).toContain("La plataforma no está disponible temporalmente");
  await expect.poll(() => health(app)).toEqual({ status: 503, body: { status: "error", db: "error", problem: "storage" } });
  expect(app.log).toMatch(/the database is unavailable \(storage\): SQLITE_IOERR_WRITE: disk I\/O error/);
  expect(app.log).not.toContain("cannot rollback");
  expect(app.log).not.toMatch(/^\s+at /m);

  // The answering page, in a browser: the answers stay on the device and are sent again.
  const context = await browser.newContext({ locale: "es-ES" });
  const [name, value] = focal.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: app.base }]);
  const browserPage = await context.newPage();
  await browserPage.goto(`${app.base}/consultations/${focal.consultation}/answer`);
  const field = browserPage.getByRole("textbox", { name: /Ministerio o institución que coordina/ });
  await field.fill("Escrito con el disco lleno.");
  await expect(browserPage.locator(".sync-banner")).toHaveText(/no puede guardar las respuestas en este momento/);
  expect(await browserPage.evaluate(() => Object.values(window.localStorage).join(" "))).toContain("Escrito con el disco lleno.");

  limitFileSize(app, "unlimited");
  await expect(browserPage.locator(".sync-banner")).toHaveText(/Todos los cambios se guardaron/, { timeout: 20_000 });
  await context.close();
  await expect.poll(() => health(app)).toEqual({ status: 200, body: { status: "ok", db: "ok" } });
  await app.stop();

  const db = new SQLite(database, { readonly: true });
  try {
    const stored = db
      .prepare("select r.revision, r.data from response r where r.consultation_id = ?")
      .get(focal.consultation) as { revision: number; data: string };
    expect(stored.revision).toBe(2);
    expect(JSON.parse(stored.data).coordinating_institution).toBe("Escrito con el disco lleno.");
  } finally {
    db.close();
  }
});

test("the database file deleted while the server runs: saves fail loudly, /healthz says so @sqlite", async () => {
  test.setTimeout(60_000);
  const database = databaseFile("deleted.db");
  const app = await startApp(FAULTS_PORT + 2, database);
  const focal = await answering(app, "deleted-test");
  expect((await save(app, focal, "Antes", 0)).status).toBe(200);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database}${suffix}`, { force: true });
  const refused = await save(app, focal, "Después", 1);
  expect(refused.status).toBe(503);
  expect(await refused.json()).toMatchObject({ ok: false, reason: "unavailable" });
  await expect.poll(() => health(app)).toEqual({ status: 503, body: { status: "error", db: "error", problem: "gone" } });
  expect(app.log).toContain(`The database file ${database} was deleted while the server was running`);
});

/** Sends a request head, then its body one byte every 200 ms; resolves to what the server answered and when it hung up. */
function trickle(port: number): Promise<{ firstLine: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, "127.0.0.1");
    const started = Date.now();
    let answer = "";
    socket.write(`POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n`);
    const dribble = setInterval(() => socket.write("a"), 200);
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(dribble);
      resolve({ firstLine: answer.split("\r\n")[0] ?? "", closedAfterMs: Date.now() - started });
    });
  });
}

/** A POST with a Host header of the client's choosing (fetch would not send it). */
function postWithHost(port: number, host: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/sign-in", headers: { Host: host, Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "0" } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

test.describe("HTTP hardening against the built server @sqlite", () => {
  const port = FAULTS_PORT + 3;
  let app: AppProcess;

  test.beforeAll(async () => {
    app = new AppProcess(port, databaseFile("http.db"), {
      captureOutput: true,
      env: { HEADERS_TIMEOUT_MS: "2000", REQUEST_TIMEOUT_MS: "3000", PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    await app.start();
  });

  test.afterAll(async () => {
    await app.stop("SIGKILL");
  });

  test("a request body sent a byte at a time is cut off with 408 once the request timeout passes", async () => {
    test.setTimeout(30_000);
    const slow = await trickle(port);
    expect(slow.firstLine).toBe("HTTP/1.1 408 Request Timeout");
    expect(slow.closedAfterMs).toBeLessThan(20_000);
  });

  test("a URL whose percent-encoding does not decode is a 400 with one line in the log", async () => {
    const before = app.log.split("\n").length;
    const malformed = await fetch(`${app.base}/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    const logged = () => app.log.split("\n").slice(before - 1).filter(Boolean);
    await expect.poll(() => logged().join("\n")).toContain("%E0%A4%A");
    expect(logged()).toEqual([expect.stringContaining('GET "/%E0%A4%A"')]);
  });

  test("with PUBLIC_URL set, a forged Host header makes no other Origin acceptable", async () => {
    expect(await postWithHost(port, "evil.example", "http://evil.example")).toBe(403);
    expect(await postWithHost(port, "evil.example", `http://127.0.0.1:${port}`)).not.toBe(403);
  });

  test("every response to a signed-in person is private, no-store: pages, data requests, JSON", async () => {
    const admin = await app.signIn("admin@consulta.test");
    for (const path of ["/people", "/outbox", "/consultations", "/consultations.data", "/healthz"]) {
      const response = await fetch(`${app.base}${path}`, { headers: { Cookie: admin } });
      expect(response.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
    const focal = await answering(app, "private-test");
    expect((await save(app, focal, "x", 0)).headers.get("Cache-Control")).toBe("private, no-store");
    expect((await fetch(`${app.base}/sign-in`)).headers.get("Cache-Control")).toBeNull();
  });
});
