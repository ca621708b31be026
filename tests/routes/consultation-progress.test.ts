import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { countryName } from "#app/features/organisations/countries.ts";
import { action as consultationAction } from "#app/routes/consultations.$id._index.tsx";
import { loader as progressLoader } from "#app/routes/consultations.$id.progress.tsx";
import { insertResponse, openNow } from "#tests/consultations.ts";
import { context, cookieFor, demoEmail, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

const NOW = new Date().toISOString();

describe("the progress page", () => {
  it("shows the view its address names: an answer being amended, found by state and name, in the reader's language", async () => {
    const consultation = await openNow();
    const mexico = await stateId("MX");
    await insertResponse(consultation, mexico, "amending", NOW);
    const admin = await cookieFor(demoEmail("admin"));
    const params = { id: consultation.id };
    const path = `/consultations/${consultation.id}/progress?state=amending&q=mexi&sort=activity&order=desc&lang=es`;
    const result = outcome(await settle(() => progressLoader({ request: get(path, { cookie: admin }), context, params })));
    expect(result.status).toBe(200);
    const data = result.data as Awaited<ReturnType<typeof progressLoader>>;
    expect(data.view).toMatchObject({ state: "amending", q: "mexi", sort: "activity", descending: true, page: 1 });
    expect(data.rows.map((row) => [row.name, row.state])).toEqual([[countryName("MX", "es"), "amending"]]);
    expect(data.counts).toMatchObject({ submitted: 1, amending: 1, draft: 0 });
  });

  it("shows the default view for values it does not know, and refuses anyone but the secretariat", async () => {
    const consultation = await openNow();
    const params = { id: consultation.id };
    const path = `/consultations/${consultation.id}/progress?state=lost&region=999&type=planet&sort=%27;drop&order=up&page=-3`;
    const admin = await cookieFor(demoEmail("admin"));
    const result = outcome(await settle(() => progressLoader({ request: get(path, { cookie: admin }), context, params })));
    const data = result.data as Awaited<ReturnType<typeof progressLoader>>;
    expect(data.view).toEqual({ sort: "name", descending: false, page: 1 });
    expect(data.total).toBe(195);
    for (const role of ["rapporteur", "focal_point", "partner"] as const) {
      const cookie = await cookieFor(demoEmail(role));
      const refused = outcome(await settle(() => progressLoader({ request: get(path, { cookie }), context, params })));
      expect(refused.status).toBe(403);
    }
  });
});

describe("closing a consultation now", () => {
  it("asks first, naming the drafts still open and the organisations that have not submitted, and closes only when confirmed", async () => {
    const db = getDb();
    const consultation = await openNow();
    const [mexico, france, kenya] = await Promise.all([stateId("MX"), stateId("FR"), stateId("KE")]);
    await insertResponse(consultation, mexico, "draft", NOW);
    await insertResponse(consultation, france, "draft", NOW);
    await insertResponse(consultation, kenya, "amending", NOW);
    const admin = await cookieFor(demoEmail("admin"));
    const params = { id: consultation.id };
    const path = `/consultations/${consultation.id}`;
    const closedAt = async () => (await db.selectFrom("consultation").select("closed_early_at").where("id", "=", consultation.id).executeTakeFirstOrThrow()).closed_early_at;
    const audited = async () => db.selectFrom("audit_event").select("action").where("target_id", "=", consultation.id).where("action", "=", "consultation.closed_early").execute();

    const asked = outcome(await settle(() => consultationAction({ request: post(path, { intent: "close" }, { cookie: admin }), context, params })));
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({ confirmClose: { drafts: 2, amending: 1, notSubmitted: 194 }, done: null });
    expect(await closedAt()).toBeNull();
    expect(await audited()).toEqual([]);

    // Anything but the confirmation's own value asks again.
    const unsure = outcome(await settle(() => consultationAction({ request: post(path, { intent: "close", confirmed: "on" }, { cookie: admin }), context, params })));
    expect(unsure.data).toMatchObject({ done: null });
    expect(await closedAt()).toBeNull();

    const closed = outcome(await settle(() => consultationAction({ request: post(path, { intent: "close", confirmed: "yes" }, { cookie: admin }), context, params })));
    expect(closed.data).toEqual({ confirmClose: null, done: "close" });
    expect(await closedAt()).not.toBeNull();
    expect(await audited()).toHaveLength(1);
  });
});
