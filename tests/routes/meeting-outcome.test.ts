import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { loader } from "#app/routes/meetings.$id._index.tsx";
import { context, get, outcome, settle } from "#tests/helpers.ts";
import { freshMeeting, proposalsConsultation, submitProposals } from "#tests/published.ts";

describe("a meeting's public page", () => {
  it("is open to anyone, in the reader's language, and may be kept by shared caches for a minute", async () => {
    const meeting = await getDb().selectFrom("meeting").selectAll().executeTakeFirstOrThrow();
    const response = await loader({ request: get(`/meetings/${meeting.id}`, { headers: { "Accept-Language": "es" } }), context, params: { id: meeting.id } });
    const result = outcome(response);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ language: "es", meeting: { title: meeting.title_es } });
    expect(result.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(result.headers.get("Vary")).toBe("Cookie, Accept-Language");
  });

  it("answers 404 for an unknown meeting or an address that is not an id", async () => {
    for (const id of [newId(), "not-an-id"]) {
      expect(outcome(await settle(() => loader({ request: get(`/meetings/${id}`), context, params: { id } }))).status).toBe(404);
    }
  });

  it("shows the proposals their authors published, filtered by the objective and on the page the address names", async () => {
    const meetingId = await freshMeeting();
    const consultation = await proposalsConsultation(meetingId);
    await submitProposals(consultation, {
      attribution: "attributable",
      language: "fr",
      proposals: [
        { title: "Données", summary: "Registres", gcm_objectives: ["gcm-01"], consent_to_publish: true },
        { title: "Retours", summary: "Accueil", gcm_objectives: ["gcm-21"], consent_to_publish: true },
      ],
    });
    const view = async (query: string) =>
      outcome(await loader({ request: get(`/meetings/${meetingId}${query}`, { headers: { "Accept-Language": "es" } }), context, params: { id: meetingId } })).data as {
        proposals: { total: number; objective: string | null; page: number; groups: { consultation: string; proposals: { title: string; objectives: string[] }[] }[] };
      };
    expect((await view("")).proposals.total).toBe(2);
    const filtered = (await view("?objective=gcm-21&page=1")).proposals;
    expect(filtered).toMatchObject({ total: 1, objective: "gcm-21", page: 1 });
    expect(filtered.groups).toEqual([{ consultationId: consultation.id, consultation: "Convocatoria de propuestas", proposals: [expect.objectContaining({ title: "Retours", objectives: ["21. Regreso y readmisión en condiciones de seguridad y dignidad; reintegración sostenible"] })] }]);
    // A page number that is not one reads as the first page.
    expect((await view("?page=abc")).proposals.page).toBe(1);
  });
});
