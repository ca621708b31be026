import { createServer, type RequestListener, type Server } from "node:http";
import type { Env } from "../app/features/config/env.ts";

/** How often Node looks for connections past their time, so that a timeout is kept to within a second. */
const TIMEOUT_CHECK_MS = 1_000;

/**
 * The HTTP server with the app's timeouts instead of Node's (a request body may trickle in for
 * 300 s, one connection per slow client): the head must arrive within HEADERS_TIMEOUT_MS, the
 * whole request within REQUEST_TIMEOUT_MS (a 1 MB body needs 35 KB/s; the answering page gives up
 * on a save after 20 s anyway), or the client gets a 408 and the connection is closed. An idle
 * kept-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS, longer than the usual 60 s of a
 * load balancer or proxy in front, so that it is never the server that closes a connection the
 * proxy is about to reuse.
 */
export function createHttpServer(app: RequestListener, env: Pick<Env, "HEADERS_TIMEOUT_MS" | "REQUEST_TIMEOUT_MS" | "KEEP_ALIVE_TIMEOUT_MS">): Server {
  const server = createServer(
    { headersTimeout: env.HEADERS_TIMEOUT_MS, requestTimeout: env.REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    app,
  );
  server.keepAliveTimeout = env.KEEP_ALIVE_TIMEOUT_MS;
  return server;
}
