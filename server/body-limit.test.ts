import { once } from "node:events";
import type { Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimit } from "./body-limit.ts";

const LIMIT = 64 * 1024;
const CHUNK = "a".repeat(1024);
/** Far longer than the server needs to answer: a body trickling for this long was waited for. */
const PATIENCE_MS = 3_000;

let server: Server;
let port: number;
let handled = 0;

beforeAll(async () => {
  const app = express();
  app.use(bodyLimit(LIMIT, [{ path: /^\/files$/, maxBytes: 4 * LIMIT }]));
  app.post(["/", "/files"], (req, res) => {
    handled += 1;
    let read = 0;
    req.on("data", (chunk: Buffer) => (read += chunk.length));
    req.on("end", () => res.type("text/plain").send(`read ${read}`));
  });
  server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Exchange {
  status: number;
  /** Body bytes the client had sent when the answer came. */
  sentWhenAnswered: number;
  /** Whether the server closed the connection while the client was still sending. */
  closedByServer: boolean;
}

function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/**
 * Sends a request head, then a body that never ends (a chunk every few milliseconds, chunked
 * framing or not), as a slow or hostile client would; reports when the server answered and
 * whether it hung up instead of reading on.
 */
async function trickle(headers: string[], chunked: boolean): Promise<Exchange> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  socket.on("error", () => undefined);
  socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.join("\r\n")}\r\n\r\n`);
  let sent = 0;
  let received = "";
  const feeder = setInterval(() => {
    if (!socket.writable) return;
    socket.write(chunked ? `${CHUNK.length.toString(16)}\r\n${CHUNK}\r\n` : CHUNK);
    sent += CHUNK.length;
  }, 2);
  try {
    const answered = new Promise<number>((resolve) => {
      socket.on("data", (data: Buffer) => {
        received += data.toString("latin1");
        if (received.includes("\r\n")) resolve(sent);
      });
    });
    const closed = new Promise<boolean>((resolve) => socket.once("close", () => resolve(true)));
    const sentWhenAnswered = await Promise.race([answered, after(PATIENCE_MS, Infinity)]);
    const closedByServer = await Promise.race([closed, after(PATIENCE_MS, false)]);
    return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), sentWhenAnswered, closedByServer };
  } finally {
    clearInterval(feeder);
    socket.destroy();
  }
}

describe("the request body limit", () => {
  it("refuses a declared length over the limit with 413 before the body is read, and hangs up", async () => {
    const exchange = await trickle(["Content-Type: application/x-www-form-urlencoded", `Content-Length: ${100 * 1024 * 1024}`], false);
    expect(exchange.status).toBe(413);
    expect(exchange.sentWhenAnswered).toBeLessThan(LIMIT);
    expect(exchange.closedByServer).toBe(true);
    expect(handled).toBe(0);
  });

  it("refuses a body of unknown length (chunked, no Content-Length) before reading it, and hangs up", async () => {
    const exchange = await trickle(["Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"], true);
    expect(exchange.status).toBe(411);
    expect(exchange.sentWhenAnswered).toBeLessThan(LIMIT);
    expect(exchange.closedByServer).toBe(true);
    expect(handled).toBe(0);
  });

  it("lets a body of exactly the limit through, whole", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "b".repeat(LIMIT) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`read ${LIMIT}`);
  });

  it("gives the pages that take files their own, larger limit, and only them", async () => {
    const larger = await fetch(`http://127.0.0.1:${port}/files`, { method: "POST", body: "b".repeat(3 * LIMIT) });
    expect(larger.status).toBe(200);
    expect(await larger.text()).toBe(`read ${3 * LIMIT}`);
    expect((await fetch(`http://127.0.0.1:${port}/files`, { method: "POST", body: "b".repeat(4 * LIMIT + 1) })).status).toBe(413);
    expect((await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "b".repeat(LIMIT + 1) })).status).toBe(413);
  });
});
