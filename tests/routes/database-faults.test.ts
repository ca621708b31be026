import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#app/db.server.ts";
import { isPostgresUrl } from "#app/features/config/env.ts";
import * as answersRoute from "#app/routes/consultations.$id.answers.ts";
import * as signInRoute from "#app/routes/sign-in.tsx";
import { guardRouteModule } from "#app/web/database-faults.server.ts";
import { openNow } from "#tests/consultations.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { context, cookieFor, demoEmail, DEMO_PASSWORD, get, outcome, post, settle } from "#tests/helpers.ts";

// On PostgreSQL, one connection: the read-only setting of the session is then the app's.
process.env.DATABASE_POOL_SIZE = "1";
const postgres = isPostgresUrl(process.env.DATABASE_URL as string);

const answersEndpoint = guardRouteModule(answersRoute);
const signInPage = guardRouteModule(signInRoute);

const readOnly = (on: boolean) =>
  (postgres ? sql.raw(`set default_transaction_read_only = ${on ? "on" : "off"}`) : sql.raw(`pragma query_only = ${on ? 1 : 0}`)).execute(getDb());

afterEach(async () => {
  await readOnly(false);
});

async function save(consultationId: string, cookie: string, answers: Record<string, string>): Promise<Response> {
  const request = new Request(`http://localhost:3000/consultations/${consultationId}/answers`, {
    method: "POST",
    body: JSON.stringify({ intent: "save", answers, revision: 0, page: 0 }),
    headers: { "Content-Type": "application/json", Cookie: cookie, "Accept-Language": "es" },
  });
  const answer = await settle(() => answersEndpoint.action({ request, context, params: { id: consultationId } }));
  if (!(answer instanceof Response)) throw new Error("The answering endpoint answers a Response");
  return answer;
}

async function storedRevisions(consultationId: string): Promise<number> {
  const rows = await getDb().selectFrom("response").select("revision").where("consultation_id", "=", consultationId).execute();
  return rows[0]?.revision ?? 0;
}

/** Answers of 13,000 characters, which need new pages of the database file (SQLite's pages are 4 KB). */
const LONG_ANSWERS = { existing_partnerships: "x".repeat(5_000), financing_gaps: "y".repeat(5_000), contributing_institutions: "z".repeat(3_000) };

/** The lines logged by console.error during `run`. */
async function logged(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  vi.mocked(console.error).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  await run();
  return lines;
}

describe("a database that takes no writes", () => {
  it("the answering endpoint answers JSON 503 with Retry-After in the reader's language, logs the real error in one line, stores nothing, and saves once writes work again", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    await readOnly(true);
    let refused: Response | undefined;
    const lines = await logged(async () => {
      refused = await save(consultation.id, cookie, { coordinating_institution: "Cancillería" });
    });
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get("Retry-After")).toBe("30");
    expect(await refused?.json()).toEqual({ ok: false, reason: "unavailable", message: expect.stringMatching(/^La plataforma no puede leer ni escribir/) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(postgres ? /\(read-only\): 25006: .*read-only transaction/ : /\(read-only\): SQLITE_READONLY: attempt to write a readonly database/);
    expect(lines[0]).not.toContain("\n");
    await readOnly(false);
    expect(await storedRevisions(consultation.id)).toBe(0);
    expect((await save(consultation.id, cookie, { coordinating_institution: "Cancillería" })).status).toBe(200);
    expect(await storedRevisions(consultation.id)).toBe(1);
  });

  it("a page's action throws a 503 with Retry-After for the error page, not a 500", async () => {
    await readOnly(true);
    let thrown: unknown;
    const lines = await logged(async () => {
      thrown = await signInPage
        .action({ request: post("/sign-in", { email: demoEmail("admin"), password: DEMO_PASSWORD }, { headers: { "Accept-Language": "fr" } }), context, params: {} })
        .catch((error: unknown) => error);
    });
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect((thrown as Response).headers.get("Retry-After")).toBe("30");
    expect(lines).toEqual([expect.stringMatching(/^POST \/sign-in: the database is unavailable \(read-only\): /)]);
  });

  it.skipIf(postgres)("a save into a full SQLite database answers JSON 503 and logs SQLite's own error, not a failed rollback; saved once there is room", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    const db = getDb();
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]?.page_count ?? 0;
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
    let refused: Response | undefined;
    const lines = await logged(async () => {
      refused = await save(consultation.id, cookie, LONG_ANSWERS);
    });
    expect(refused?.status).toBe(503);
    expect(await refused?.json()).toMatchObject({ ok: false, reason: "unavailable" });
    expect(lines).toEqual([expect.stringContaining("(full): SQLITE_FULL: database or disk is full")]);
    await sql.raw(`pragma max_page_count = ${pages + 1000}`).execute(db);
    expect((await save(consultation.id, cookie, LONG_ANSWERS)).status).toBe(200);
  });

  it("signed-in pages are still read when the session is due for renewal, the renewal waiting for later", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    await getDb().updateTable("session").set({ expires_at: soon }).execute();
    await readOnly(true);
    const page = outcome(await rootLoader({ request: get("/", { cookie }), context, params: {} }));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ user: { email: demoEmail("admin") } });
    expect(page.headers.get("Set-Cookie")).toBeNull();
  });

  it("other errors are left to Remix", async () => {
    const failing = guardRouteModule({ loader: (_args: LoaderFunctionArgs): Promise<Response> => Promise.reject(new Error("a bug")) });
    await expect(failing.loader({ request: new Request("http://localhost:3000/"), context, params: {} })).rejects.toThrow("a bug");
  });
});
