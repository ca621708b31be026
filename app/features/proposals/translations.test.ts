import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { enqueueJob, runDueJobs } from "#app/features/jobs/jobs.ts";
import { fakeApertium } from "#tests/fake-apertium.ts";
import { deriveRows } from "./derivation.ts";
import { TRANSLATE_JOB, translatePendingProposals } from "./translations.ts";

/** What the stand-in below makes of a text: `tr` upper-cases ASCII letters only. */
const upperAscii = (text: string) => text.replace(/[a-z]/g, (letter) => letter.toUpperCase()).trim();

const pending = () => getDb().selectFrom("job").select(["id", "status", "error"]).where("kind", "=", TRANSLATE_JOB).where("status", "=", "pending").execute();

describe("translating proposals into the pivot language", () => {
  it("translates every English and French proposal in one process per language step, leaves Spanish ones as written, and clears a translation when the text changes", async () => {
    const db = getDb();
    // The demo's submissions asked for the translations, once.
    expect(await pending()).toHaveLength(1);
    const upper = fakeApertium("upper", `tr 'a-z' 'A-Z' < "$last"`);
    const { translated } = await translatePendingProposals(db, { apertium: { command: upper.command } });
    const rows = await db.selectFrom("proposal").select(["id", "response_id", "language", "title", "summary", "pivot_text", "translated_at"]).where("withdrawn_at", "is", null).execute();
    const foreign = rows.filter((row) => row.language !== "es");
    expect(translated).toBe(foreign.length);
    expect(foreign.length).toBeGreaterThan(50);
    for (const row of foreign) expect(row.pivot_text).toBe(upperAscii(`${row.title ?? ""}\n${row.summary}`));
    for (const row of rows.filter((one) => one.language === "es")) expect(row.pivot_text).toBeNull();
    // English goes through Spanish in one process; French in one: not one per proposal.
    const steps = upper.calls().filter((call) => !call.startsWith("-l")).map((call) => call.split(" ").slice(0, 2).join(" "));
    expect(steps).toEqual(["-u eng-spa", "-u fr-es"]);

    // An amendment that rewrites a proposal's summary asks for its translation again.
    const amended = foreign[0];
    const responseId = amended?.response_id;
    if (!amended || !responseId) throw new Error("no proposal from an answer");
    const response = await db.selectFrom("response").select(["submitted_data"]).where("id", "=", responseId).executeTakeFirstOrThrow();
    const answers = JSON.parse(response.submitted_data ?? "{}") as Record<string, unknown>;
    const rewritten = JSON.stringify(answers).replace(JSON.stringify(amended.summary).slice(1, -1), "A rewritten summary.");
    expect(rewritten).not.toBe(JSON.stringify(answers));
    await db.updateTable("response").set({ submitted_data: rewritten }).where("id", "=", responseId).execute();
    await db.updateTable("job").set({ status: "done" }).where("kind", "=", TRANSLATE_JOB).execute();
    await db.transaction().execute((trx) => deriveRows(trx, responseId));
    expect(await db.selectFrom("proposal").select(["pivot_text", "translated_at"]).where("id", "=", amended.id).executeTakeFirstOrThrow()).toEqual({ pivot_text: null, translated_at: null });
    expect(await pending()).toHaveLength(1);
    const others = await db.selectFrom("proposal").select("id").where("pivot_text", "is", null).where("language", "!=", "es").where("withdrawn_at", "is", null).execute();
    expect(others.map((row) => row.id)).toEqual([amended.id]);

    // The job runs the same code, once.
    const handlers = { [TRANSLATE_JOB]: () => translatePendingProposals(db, { apertium: { command: upper.command } }) };
    expect(await runDueJobs(db, handlers)).toMatchObject({ done: 1 });
    expect((await db.selectFrom("proposal").select("pivot_text").where("id", "=", amended.id).executeTakeFirstOrThrow()).pivot_text).toBe(upperAscii(`${amended.title ?? ""}\nA rewritten summary.`));
  });

  it("fails the job with the reason when Apertium is not installed, and changes nothing", async () => {
    const db = getDb();
    await db.updateTable("proposal").set({ pivot_text: null, translated_at: null }).execute();
    await enqueueJob(db, { kind: TRANSLATE_JOB, payload: null, key: "untranslated" });
    const handlers = { [TRANSLATE_JOB]: () => translatePendingProposals(db, { apertium: { command: "/nonexistent/apertium" } }) };
    expect(await runDueJobs(db, handlers)).toMatchObject({ failed: 1 });
    const job = await db.selectFrom("job").select(["status", "error"]).where("kind", "=", TRANSLATE_JOB).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/apertium/i);
    expect(await db.selectFrom("proposal").select("id").where("pivot_text", "is not", null).execute()).toEqual([]);
  });
});
