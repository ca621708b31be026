import cluster from "node:cluster";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { ConfigError, parseEnv, trustProxySetting, type Env } from "../app/features/config/env.ts";
import { purgeExpiredSessions } from "../app/features/auth/sessions.ts";
import { purgeSignInRecords } from "../app/features/auth/throttle.ts";
import { deliverPending } from "../app/features/email/outbox.ts";
import { smtpTransport } from "../app/features/email/smtp.ts";
import { createNonce, securityHeaders } from "../app/features/security/headers.ts";
import { isSameOriginMutation } from "../app/features/security/origin.ts";
import { bodyLimit } from "./body-limit.ts";
import { createHttpServer } from "./http-server.ts";
import { refuseMalformedUrls } from "./malformed-url.ts";
import { privateResponses } from "./private-responses.ts";
import type { Db } from "../db/connect.ts";
import { DatabaseStartError, openServerDatabase } from "../db/startup.ts";
import { logFailure } from "../db/faults.ts";
import { withDatabaseFaults } from "../app/web/database-faults.server.ts";
import { SURVEY_UPLOAD_BODY_BYTES, SURVEY_UPLOAD_PATHS } from "../app/web/uploads.server.ts";
import { JOB_HANDLERS } from "../app/web/job-handlers.server.ts";
import { runDueJobs } from "../app/features/jobs/jobs.ts";
import { purgeExpiredExports } from "../app/features/exports/export-jobs.ts";
import { exportsDirectory } from "../app/features/exports/files.ts";

const MAINTENANCE_INTERVAL_MS = 5 * 60_000;
const DELIVERY_INTERVAL_MS = 60_000;
/** How often background jobs are looked for (translations of new proposals): seconds, not minutes. */
const JOBS_INTERVAL_MS = 5_000;
/** How long stopping waits for e-mail being handed to the mail server; the hard stop comes at 5 s. */
const STOP_WAIT_MS = 4_000;

function loadEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Opens and migrates the database, and loads or switches off the demo as DEMO_DATA says; a
 * database that vanished stops the server with one line (docs/decisions/0009).
 */
async function prepareDatabase(env: Env): Promise<Db> {
  try {
    return await openServerDatabase(env, { poolSize: 2, log: console.log });
  } catch (error) {
    if (!(error instanceof DatabaseStartError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

function sameOrigin(env: Env) {
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = isSameOriginMutation({
      method: req.method,
      origin: req.headers.origin ?? null,
      secFetchSite: (req.headers["sec-fetch-site"] as string | undefined) ?? null,
      host: req.headers.host ?? null,
      publicUrl: env.PUBLIC_URL,
      protocol: req.protocol === "https" ? "https" : "http",
    });
    if (allowed) return next();
    res.status(403).type("text/plain").send("Cross-site requests cannot change anything here.");
  };
}

/**
 * Purges expired sessions (sign-in records and export files past their retention) and, with SMTP configured,
 * sends the e-mail that is due (new, or tried again after a failure), and runs the background jobs
 * that are due (docs/decisions/0019): in one process only.
 */
function startMaintenance(env: Env, db: Db): () => Promise<void> {
  const transport = smtpTransport(env);
  const purge = setInterval(() => {
    void purgeExpiredSessions(db).catch((error: unknown) => logFailure("Session purge failed", error));
    void purgeSignInRecords(db).catch((error: unknown) => logFailure("Sign-in records purge failed", error));
    void purgeExpiredExports(db, exportsDirectory(env), { retentionDays: env.EXPORT_RETENTION_DAYS }).catch((error: unknown) => logFailure("Exports purge failed", error));
  }, MAINTENANCE_INTERVAL_MS);
  purge.unref();
  let delivering: Promise<void> | null = null;
  const delivery = setInterval(() => {
    if (!transport || delivering) return;
    delivering = deliverPending(db, transport)
      .then(() => undefined)
      .catch((error: unknown) => logFailure("E-mail delivery failed", error))
      .finally(() => (delivering = null));
  }, DELIVERY_INTERVAL_MS);
  delivery.unref();
  let working: Promise<void> | null = null;
  const jobs = setInterval(() => {
    if (working) return;
    working = runDueJobs(db, JOB_HANDLERS)
      .then(() => undefined)
      .catch((error: unknown) => logFailure("Background jobs failed", error))
      .finally(() => (working = null));
  }, JOBS_INTERVAL_MS);
  jobs.unref();
  // On the way out, a message the mail server is taking is let finish and recorded as sent (a
  // few seconds at most), so that it is not sent again after the restart.
  return async () => {
    clearInterval(purge);
    clearInterval(delivery);
    clearInterval(jobs);
    // A job cut short is taken up again after its lease by the next process (docs/decisions/0019).
    if (delivering) await Promise.race([delivering, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS))]);
  };
}

function readyLine(env: Env, processes: number): string {
  const where = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;
  return `Consulta is ready on ${where}${processes > 1 ? ` (${processes} server processes)` : ""}`;
}

/** The web server: Express in front of Remix. Resolves once it listens; `onStopped` runs after it closed. */
async function serve(env: Env, { announce, onStopped }: { announce: boolean; onStopped: () => Promise<void> }): Promise<void> {
  const dev = env.NODE_ENV === "development";
  const https = env.PUBLIC_URL?.startsWith("https://") ?? false;
  const vite = dev
    ? await import("vite").then((module) => module.createServer({ server: { middlewareMode: true } }))
    : undefined;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(env.TRUST_PROXY));
  app.use((_req, res, next) => {
    const nonce = createNonce();
    res.locals.nonce = nonce;
    res.set(securityHeaders({ nonce, https, dev }));
    next();
  });
  app.use(refuseMalformedUrls());
  app.use(bodyLimit(env.MAX_BODY_BYTES, [{ path: SURVEY_UPLOAD_PATHS, maxBytes: Math.max(env.MAX_BODY_BYTES, SURVEY_UPLOAD_BODY_BYTES) }]));
  // The client uses single fetch (.data URLs); Remix mishandles the legacy ?_data form, so refuse it.
  app.use((req, res, next) => {
    if (req.query._data === undefined) return next();
    res.status(400).type("text/plain").send("This kind of data request is not supported.");
  });
  app.use(sameOrigin(env));
  app.use(compression());

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }));
    app.use(express.static("build/client", { maxAge: "1h", index: false }));
  }

  app.use(privateResponses());

  const build = vite
    ? () => (vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>).then(withDatabaseFaults)
    : withDatabaseFaults((await import(new URL("./server/index.js", import.meta.url).href)) as ServerBuild);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({ nonce: String(res.locals.nonce), ip: req.ip ?? null }),
    }),
  );

  const server = createHttpServer(app, env).listen(env.PORT, env.HOST, () => {
    if (announce) console.log(readyLine(env, 1));
  });
  const stop = () => {
    server.close(() => {
      void onStopped().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * WEB_CONCURRENCY > 1: this process prepares the database and runs the maintenance, and as many
 * server processes as asked share the port (Node's cluster module hands them connections in
 * turn). A server process that dies is replaced; SIGTERM stops them all, then this one.
 */
function supervise(env: Env, processes: number, onStopped: () => Promise<void>): void {
  let stopping = false;
  let listening = 0;
  const restarts: number[] = [];
  cluster.on("listening", () => {
    listening += 1;
    if (listening === processes) console.log(readyLine(env, processes));
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void onStopped().finally(() => process.exit(0));
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] as number) < now - 60_000) restarts.shift();
    if (restarts.length > processes * 3) {
      console.error("Server processes keep stopping: giving up. See the errors above.");
      process.exit(1);
    }
    console.error(`A server process (pid ${worker.process.pid}) stopped (${signal ?? `exit code ${code}`}); starting another.`);
    cluster.fork();
  });
  for (let i = 0; i < processes; i += 1) cluster.fork();
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

async function main(): Promise<void> {
  const env = loadEnv();
  if (cluster.isWorker) return serve(env, { announce: false, onStopped: async () => {} });
  const db = await prepareDatabase(env);
  const stopMaintenance = startMaintenance(env, db);
  const onStopped = async () => {
    await stopMaintenance();
    await db.destroy();
  };
  const processes = env.NODE_ENV === "development" ? 1 : env.WEB_CONCURRENCY;
  if (processes === 1) return serve(env, { announce: true, onStopped });
  supervise(env, processes, onStopped);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
