import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** Waits (up to 30 s) until a URL answers 2xx: a server started in another process is listening. */
export async function waitUntilAnswering(url: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * The built server as a separate process, driven over HTTP: for the crash test and the bench.
 * Every request carries the Origin the server expects of a browser on its own pages.
 */
export class AppProcess {
  readonly base: string;
  private child: ChildProcess | undefined;

  /** `database`: a SQLite file path, or any DATABASE_URL (file: or postgres://). */
  constructor(
    private readonly port: number,
    private readonly database: string,
    private readonly options: { nodeArgs?: string[]; env?: Record<string, string>; captureOutput?: boolean } = {},
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  private output = "";

  /** What the server printed (stdout and stderr together), when started with `captureOutput`. */
  get log(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The server processes started by this one (WEB_CONCURRENCY > 1). */
  childPids(): number[] {
    const pid = this.child?.pid;
    if (!pid) return [];
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  async start(): Promise<void> {
    const databaseUrl = /^(file:|postgres(ql)?:\/\/)/.test(this.database) ? this.database : `file:${this.database}`;
    this.child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), "build/start.js"], {
      // A database of the test's own: the demo is asked for unless the test says otherwise.
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, PORT: String(this.port), HOST: "127.0.0.1", DEMO_DATA: "on", ...this.options.env },
      stdio: this.options.captureOutput ? ["ignore", "pipe", "pipe"] : "ignore",
    });
    const collect = (chunk: Buffer) => void (this.output += chunk.toString());
    this.child.stdout?.on("data", collect);
    this.child.stderr?.on("data", collect);
    await waitUntilAnswering(`${this.base}/healthz`);
  }

  /** Stops the server, gracefully or (SIGKILL) as a crash would, and waits for it to be gone. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }

  async signIn(email: string, password = "consulta-demo-2018"): Promise<string> {
    const response = await fetch(`${this.base}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: this.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password }),
    });
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("consulta_session="));
    if (!cookie) throw new Error(`Sign-in failed for ${email}`);
    return cookie.split(";")[0] as string;
  }

  /** A capacity-needs consultation for States, open from yesterday to tomorrow, made through the form. */
  async openCapacityConsultation(adminCookie: string, slug: string): Promise<string> {
    const form = await (await fetch(`${this.base}/consultations/new`, { headers: { Cookie: adminCookie } })).text();
    const meetingId = /<option value="([0-9a-f-]{36})"/.exec(form)?.[1] ?? "";
    const genevaLocal = (days: number) => new Date(Date.now() + days * 864e5 + 36e5).toISOString().slice(0, 16);
    const created = await fetch(`${this.base}/consultations/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: this.base, Cookie: adminCookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        meetingId,
        slug,
        phase: "pre",
        kind: "capacity_survey",
        audience: "state",
        surveySlug: "capacity-needs",
        title_en: slug,
        title_fr: slug,
        title_es: slug,
        description_en: slug,
        description_fr: slug,
        description_es: slug,
        opensAt: genevaLocal(-1),
        closesAt: genevaLocal(1),
        publish: "on",
      }),
    });
    const id = created.headers.get("Location")?.split("/").at(-1);
    if (!id) throw new Error(`Could not create the consultation (${created.status})`);
    return id;
  }

  /** Posts to a consultation's JSON answering endpoint; gives up after `timeoutMs` without an answer. */
  answer(cookie: string, consultationId: string, body: unknown, timeoutMs = 30_000): Promise<Response> {
    return fetch(`${this.base}/consultations/${consultationId}/answers`, {
      method: "POST",
      headers: { Origin: this.base, Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  }
}
