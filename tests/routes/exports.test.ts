import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { getEnv } from "#app/env.server.ts";
import { EXPORT_JOB, writeRequestedExport } from "#app/features/exports/export-jobs.ts";
import { exportsDirectory } from "#app/features/exports/files.ts";
import { runDueJobs } from "#app/features/jobs/jobs.ts";
import { loader as downloadLoader } from "#app/routes/consultations.$id.exports.$exportId.ts";
import { action as exportsAction, loader as exportsLoader } from "#app/routes/consultations.$id.exports.tsx";
import { loader as meetingDownloadLoader } from "#app/routes/meetings.$id.exports.$exportId.ts";
import { action as meetingExportsAction, loader as meetingExportsLoader } from "#app/routes/meetings.$id.exports.tsx";
import { context, cookieFor, createMember, demoEmail, get, outcome, post, settle } from "#tests/helpers.ts";

const FORM = { format: "csv", language: "es", profile: "rapporteur", values: "labels" };

async function capacityNeeds(): Promise<string> {
  return (await getDb().selectFrom("consultation").select("id").where("slug", "=", "idm-2018-2-capacity-needs").executeTakeFirstOrThrow()).id;
}

const writeDue = () =>
  runDueJobs(getDb(), {
    [EXPORT_JOB]: (payload, job) => writeRequestedExport(job.db, (payload as { exportId: string }).exportId, { directory: exportsDirectory(getEnv()), progress: job.progress }),
  });

describe("the exports page and its downloads", () => {
  it("prepares an export, lists it with its progress, then gives its file to whoever asked for it only", async () => {
    const id = await capacityNeeds();
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const path = `/consultations/${id}/exports`;
    const prepared = outcome(await settle(() => exportsAction({ request: post(path, FORM, { cookie }), context, params: { id } })));
    expect(prepared).toMatchObject({ status: 302 });
    expect(prepared.headers.get("Location")).toBe(path);
    const pending = (await exportsLoader({ request: get(path, { cookie }), context, params: { id } })).page.exports;
    expect(pending).toMatchObject([{ status: "pending", format: "csv", language: "es" }]);
    const exportId = pending[0]?.id ?? "";

    expect(await writeDue()).toMatchObject({ done: 1 });
    const [done] = (await exportsLoader({ request: get(path, { cookie }), context, params: { id } })).page.exports;
    expect(done).toMatchObject({ status: "done", href: `${path}/${exportId}` });
    expect(done?.rowsWritten).toBe(done?.rowsExpected);

    const response = await downloadLoader({ request: get(`${path}/${exportId}`, { cookie }), context, params: { id, exportId } });
    const day = new Date().toISOString().slice(0, 10);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="idm-2018-2-capacity-needs-es-${day}.csv"; filename*=UTF-8''idm-2018-2-capacity-needs-es-${day}.csv`);
    const records: string[][] = parse(await response.text(), { bom: true, relax_column_count: true });
    expect(records[0]?.slice(0, 2)).toEqual(["Referencia", "Organización"]);
    expect(records.findIndex((record) => record.every((cell) => cell === "")) - 1).toBe(done?.rowsWritten);

    // Another rapporteur, and the secretariat, may read the answers but not someone else's file.
    const secretariat = (await getDb().selectFrom("membership").select("organisation_id").where("role", "=", "rapporteur").executeTakeFirstOrThrow()).organisation_id;
    const other = await createMember(secretariat, "rapporteur");
    for (const someone of [await cookieFor(other.email), await cookieFor(demoEmail("admin"))]) {
      expect(outcome(await settle(() => downloadLoader({ request: get(`${path}/${exportId}`, { cookie: someone }), context, params: { id, exportId } })))).toMatchObject({ status: 404 });
      expect((await exportsLoader({ request: get(path, { cookie: someone }), context, params: { id } })).page.exports).toEqual([]);
    }
  });

  it("keeps the machine-translation box of the form with the export it asks for, unticked by default", async () => {
    const id = await capacityNeeds();
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const path = `/consultations/${id}/exports`;
    await getDb().deleteFrom("export_file").where("consultation_id", "=", id).execute();
    expect(outcome(await settle(() => exportsAction({ request: post(path, FORM, { cookie }), context, params: { id } })))).toMatchObject({ status: 302 });
    expect(outcome(await settle(() => exportsAction({ request: post(path, { ...FORM, translate: "on" }, { cookie }), context, params: { id } })))).toMatchObject({ status: 302 });
    const listed = (await exportsLoader({ request: get(path, { cookie }), context, params: { id } })).page.exports;
    expect(listed.map((item) => item.translate).sort()).toEqual([false, true]);
    // Both written, so that no export of this test is left for the next to find queued.
    expect(await writeDue()).toMatchObject({ done: 2 });
  });

  it("refuses a request for a format, language, profile or value it does not offer, and records nothing", async () => {
    const id = await capacityNeeds();
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const before = await getDb().selectFrom("export_file").select("id").execute();
    const refused = outcome(
      await settle(() => exportsAction({ request: post(`/consultations/${id}/exports`, { format: "odt", language: "de", profile: "everyone", values: "labels" }, { cookie }), context, params: { id } })),
    );
    expect(refused).toMatchObject({ status: 400, data: { problems: ["format", "language", "profile"] } });
    expect(await getDb().selectFrom("export_file").select("id").execute()).toEqual(before);
  });

  it("prepares a whole meeting's export with the filters chosen, and gives its file, named by the meeting, to whoever asked for it", async () => {
    const meeting = await getDb().selectFrom("meeting").select("id").where("slug", "=", "idm-2018-2").executeTakeFirstOrThrow();
    const id = meeting.id;
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const path = `/meetings/${id}/exports`;
    const page = await meetingExportsLoader({ request: get(`${path}?type=state&region=002`, { cookie }), context, params: { id } });
    expect(page.page.choices.format).not.toContain("csv");
    expect(page.page.filters).toEqual({ region: "002", stakeholderType: "state", attribution: undefined });
    const prepared = outcome(await settle(() => meetingExportsAction({ request: post(path, { format: "json", language: "en", profile: "rapporteur", values: "codes", type: "state" }, { cookie }), context, params: { id } })));
    expect(prepared).toMatchObject({ status: 302 });
    const [pending] = (await meetingExportsLoader({ request: get(path, { cookie }), context, params: { id } })).page.exports;
    expect(await writeDue()).toMatchObject({ done: 1 });
    const response = await meetingDownloadLoader({ request: get(`${path}/${pending?.id ?? ""}`, { cookie }), context, params: { id, exportId: pending?.id ?? "" } });
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="idm-2018-2-en-\d{4}-\d{2}-\d{2}\.json"/);
    const file = (await response.json()) as { sources: Record<string, { meta: { meeting: string; filters: Record<string, string> } }> };
    expect(file.sources["idm-2018-2-capacity-needs/answers"]?.meta).toMatchObject({ meeting: "idm-2018-2", filters: { type: "state" } });
    const other = await cookieFor(demoEmail("admin"));
    expect(outcome(await settle(() => meetingDownloadLoader({ request: get(`${path}/${pending?.id ?? ""}`, { cookie: other }), context, params: { id, exportId: pending?.id ?? "" } })))).toMatchObject({ status: 404 });
  });

  it("refuses a meeting's CSV and filters it cannot use with 400, naming each field, and records nothing", async () => {
    const { id } = await getDb().selectFrom("meeting").select("id").where("slug", "=", "idm-2018-2").executeTakeFirstOrThrow();
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const before = await getDb().selectFrom("export_file").select("id").execute();
    const form = { format: "csv", language: "en", profile: "public", values: "labels", region: "mars", type: "pirate", attribution: "everyone" };
    const refused = outcome(await settle(() => meetingExportsAction({ request: post(`/meetings/${id}/exports`, form, { cookie }), context, params: { id } })));
    expect(refused).toMatchObject({ status: 400, data: { problems: ["format", "region", "type", "attribution"] } });
    const consultation = await capacityNeeds();
    const filtered = outcome(await settle(() => exportsAction({ request: post(`/consultations/${consultation}/exports`, { ...FORM, type: "ngo" }, { cookie }), context, params: { id: consultation } })));
    expect(filtered).toMatchObject({ status: 400, data: { problems: ["type"] } });
    expect(await getDb().selectFrom("export_file").select("id").execute()).toEqual(before);
  });
});

