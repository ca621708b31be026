import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { ConfigError, parseEnv, trustProxySetting, type Env } from "../app/features/config/env.ts";
import { purgeExpiredSessions } from "../app/features/auth/sessions.ts";
import { deliverPending } from "../app/features/email/outbox.ts";
import { smtpTransport } from "../app/features/email/smtp.ts";
import { createNonce, securityHeaders } from "../app/features/security/headers.ts";
import { isSameOriginMutation } from "../app/features/security/origin.ts";
import { bodyLimit } from "./body-limit.ts";
import { connect, type Db } from "../db/connect.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { isEmpty, seed } from "../db/seed.ts";
import { registerSurveyVersions } from "../app/features/surveys/versions.ts";

const MAINTENANCE_INTERVAL_MS = 5 * 60_000;

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

/** Brings the database up to date and, when it is new, loads the demo. */
async function prepareDatabase(env: Env): Promise<Db> {
  const db = connect(env.DATABASE_URL, { poolSize: 2 });
  await migrateToLatest(db);
  await registerSurveyVersions(db);
  if (env.DEMO_DATA === "auto" && (await isEmpty(db))) {
    const report = await seed(db);
    console.log(`Loaded the demo data: ${report.states} States, ${report.users} demo accounts, ${report.answers} answers.`);
  }
  return db;
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

async function main(): Promise<void> {
  const env = loadEnv();
  const dev = env.NODE_ENV === "development";
  const https = env.PUBLIC_URL?.startsWith("https://") ?? false;
  const maintenanceDb = await prepareDatabase(env);

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
  app.use(bodyLimit(env.MAX_BODY_BYTES));
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

  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : ((await import(new URL("./server/index.js", import.meta.url).href)) as ServerBuild);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({ nonce: String(res.locals.nonce), ip: req.ip ?? null }),
    }),
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    console.log(`Consulta is ready on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`);
  });

  const transport = smtpTransport(env);
  const maintenance = setInterval(() => {
    void purgeExpiredSessions(maintenanceDb).catch((error: unknown) => console.error("Session purge failed:", error));
    if (transport) void deliverPending(maintenanceDb, transport).catch((error: unknown) => console.error("E-mail delivery failed:", error));
  }, MAINTENANCE_INTERVAL_MS);
  maintenance.unref();

  const stop = () => {
    clearInterval(maintenance);
    server.close(() => {
      void maintenanceDb.destroy().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
