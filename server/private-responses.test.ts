import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateResponses } from "./private-responses.ts";

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(privateResponses());
  app.get("/page", (_req, res) => void res.type("text/html").send("<p>people</p>"));
  app.get("/json", (_req, res) => void res.set("Cache-Control", "no-store").json({ ok: true }));
  app.get("/public", (_req, res) => void res.set("Cache-Control", "public, max-age=60").send("x"));
  app.get("/version", (_req, res) => void res.set("Cache-Control", "private, max-age=31536000, immutable").json({}));
  app.post("/sign-in", (_req, res) => void res.cookie("consulta_session", "t", { httpOnly: true }).redirect(302, "/"));
  server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function cacheControl(path: string, cookie?: string, method = "GET"): Promise<string | null> {
  const response = await fetch(`${base}${path}`, { method, redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  return response.headers.get("Cache-Control");
}

describe("responses to a signed-in person", () => {
  it("are private, no-store, whatever the route said, with either session cookie", async () => {
    for (const cookie of ["consulta_session=abc", "lang=fr; __Host-consulta_session=abc"]) {
      expect(await cacheControl("/page", cookie)).toBe("private, no-store");
      expect(await cacheControl("/json", cookie)).toBe("private, no-store");
      expect(await cacheControl("/public", cookie)).toBe("private, no-store");
    }
  });

  it("keep a route's own private caching", async () => {
    expect(await cacheControl("/version", "consulta_session=abc")).toBe("private, max-age=31536000, immutable");
  });

  it("include the one that sets the session cookie", async () => {
    expect(await cacheControl("/sign-in", undefined, "POST")).toBe("private, no-store");
  });

  it("leave anonymous responses as the route made them", async () => {
    expect(await cacheControl("/page")).toBeNull();
    expect(await cacheControl("/page", "lang=fr")).toBeNull();
    expect(await cacheControl("/public", "consulta_session_x=1")).toBe("public, max-age=60");
  });
});
