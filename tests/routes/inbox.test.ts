import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { menuFor } from "#app/components/menu.ts";
import { newId } from "#app/features/ids.ts";
import { loader } from "#app/routes/proposals._index.tsx";
import type { Consultation } from "#db/schema.ts";
import { capacityConsultation } from "#tests/consultations.ts";
import { context, cookieFor, currentUserFor, demoEmail, get, outcome, settle, stateId } from "#tests/helpers.ts";

type InboxData = Awaited<ReturnType<typeof loader>>["data"];

let consultation: Consultation;

beforeAll(async () => {
  consultation = await capacityConsultation();
  const mexico = await stateId("MX");
  const at = "2026-09-10T12:00:00.000Z";
  const row = { consultation_id: consultation.id, kind: "proposal" as const, consent_to_publish: 0, status: "received" as const, organisation_id: mexico, created_at: at, updated_at: at };
  await getDb()
    .insertInto("proposal")
    .values([
      { ...row, id: newId(), language: "es", attribution: "attributable", title: "Formaciones consulares", summary: "Cursos para funcionarios consulares" },
      { ...row, id: newId(), language: "es", attribution: "aggregate_only", title: "Formación confidencial", summary: "Texto que nunca se cita" },
      { ...row, id: newId(), language: "fr", attribution: "non_attributable", title: "Formation des agents", summary: "Partenariats anonymes", pivot_text: "Formación de los agentes" },
    ])
    .execute();
});

const inboxAs = async (role: "admin" | "rapporteur" | "focal_point" | "partner" | null, query = "") => {
  const cookie = role ? await cookieFor(demoEmail(role)) : undefined;
  return outcome(await settle(() => loader({ request: get(`/proposals${query}`, { cookie }), context, params: {} })));
};

describe("the inbox page", () => {
  it("lists the proposals the address asks for, honouring each author's attribution", async () => {
    const result = await inboxAs("rapporteur", `?consultation=${consultation.id}&q=formaci%C3%B3n&sort=title`);
    expect(result.status).toBe(200);
    const data = result.data as InboxData;
    expect(data.total).toBe(3);
    expect(data.viewParams).toMatchObject({ consultation: consultation.id, q: "formación", sort: "title" });
    const rows = data.rows;
    expect(rows.filter((row) => row.countOnly).map((row) => [row.title, row.summary, row.organisation])).toEqual([[null, null, null]]);
    expect(JSON.stringify(data)).not.toMatch(/confidencial|nunca se cita/);
    expect(rows.find((row) => row.language === "fr")).toMatchObject({ title: "Formation des agents", organisation: null });
    expect(rows.find((row) => row.title === "Formaciones consulares")?.organisation).toBe("Mexico");
  });

  it("names the values it cannot use, with status 400 and no rows, and never fails on hostile input", async () => {
    const refused = await inboxAs("admin", "?status=lost&objective=gcm-99&q=%22%2A%28%29");
    expect(refused.status).toBe(400);
    const data = refused.data as InboxData;
    expect(data.problems).toEqual(["objective", "status", "q"]);
    expect(data.rows).toEqual([]);
    for (const q of ["%22", "NEAR%28a%20b%29", "a%20OR%20b", "%27%3B%20drop%20table%20proposal%3B", "x".repeat(300), "%00", "*", "lang%3Aen"]) {
      const result = await inboxAs("rapporteur", `?q=${q}&page=99999999999999999999`);
      expect([200, 400], q).toContain(result.status);
    }
  });

  it("is for the rapporteurs and the secretariat only, and in their menu", async () => {
    expect((await inboxAs("focal_point")).status).toBe(403);
    expect((await inboxAs("partner")).status).toBe(403);
    expect((await inboxAs(null)).status).toBe(302);
    for (const role of ["admin", "rapporteur"] as const) expect(menuFor(await currentUserFor(demoEmail(role))).map((item) => item.to)).toContain("/proposals");
    for (const role of ["focal_point", "partner"] as const) expect(menuFor(await currentUserFor(demoEmail(role))).map((item) => item.to)).not.toContain("/proposals");
  });
});
