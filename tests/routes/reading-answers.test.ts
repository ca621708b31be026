import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { countryName, regionName } from "#app/features/organisations/countries.ts";
import { importResponse } from "#app/features/responses/responses.ts";
import { loader as consultationLoader } from "#app/routes/consultations.$id._index.tsx";
import { loader as answerLoader } from "#app/routes/consultations.$id.responses.$responseId.tsx";
import { loader as listLoader } from "#app/routes/consultations.$id.responses._index.tsx";
import type { Attribution, Consultation } from "#db/schema.ts";
import { MINIMAL_CAPACITY_ANSWERS, openNow } from "#tests/consultations.ts";
import { context, cookieFor, demoEmail, get, outcome, settle, stateId } from "#tests/helpers.ts";

type ListData = Awaited<ReturnType<typeof listLoader>>["data"];
type AnswerData = Awaited<ReturnType<typeof answerLoader>>;

let consultation: Consultation;
const ids: Record<string, string> = {};

/** Mexico (in Spanish, may be quoted) and Kenya (in English, count only, reopened for an amendment) have submitted; Chile has a draft. */
beforeAll(async () => {
  const db = getDb();
  consultation = await openNow();
  const focal = await db.selectFrom("user").select("id").where("email", "=", demoEmail("focal_point")).executeTakeFirstOrThrow();
  const answer = async (code: string, status: "draft" | "submitted", attribution: Attribution | null, language: "en" | "es") => {
    const result = await importResponse(db, {
      consultation,
      organisationId: await stateId(code),
      userId: focal.id,
      answers: { ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: `Ministry of ${code}` },
      status,
      attribution,
      language,
      at: new Date(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    ids[code] = result.responseId;
  };
  await answer("MX", "submitted", "attributable", "es");
  await answer("KE", "submitted", "aggregate_only", "en");
  await answer("CL", "draft", null, "es");
  // Reopened: the working copy changes, the last submission still counts.
  await db.updateTable("response").set({ status: "amending", data: JSON.stringify({ coordinating_institution: "Draft amendment" }) }).where("id", "=", ids.KE ?? "").execute();
});

const listAs = async (role: "admin" | "rapporteur" | "focal_point" | "partner" | null, query = "") => {
  const cookie = role ? await cookieFor(demoEmail(role)) : undefined;
  return outcome(await settle(() => listLoader({ request: get(`/consultations/${consultation.id}/responses${query}`, { cookie }), context, params: { id: consultation.id } })));
};

const answerAs = async (role: "admin" | "rapporteur" | "focal_point" | "partner" | null, responseId: string, query = "", id = consultation.id) => {
  const cookie = role ? await cookieFor(demoEmail(role)) : undefined;
  return outcome(await settle(() => answerLoader({ request: get(`/consultations/${id}/responses/${responseId}${query}`, { cookie }), context, params: { id, responseId } })));
};

describe("the list of submitted answers", () => {
  it("shows the secretariat and the rapporteurs every submitted answer, filtered by the address, in the reader's language", async () => {
    for (const role of ["admin", "rapporteur"] as const) {
      const all = await listAs(role);
      expect(all.status).toBe(200);
      const data = all.data as ListData;
      expect(data.total).toBe(2);
      expect(data.rows.map((row) => [row.organisation, row.attribution, row.language, row.amending])).toEqual([
        [countryName("KE", "en"), "aggregate_only", "en", true],
        [countryName("MX", "en"), "attributable", "es", false],
      ]);
    }
    const americas = (await listAs("rapporteur", "?region=019&language=es&lang=fr")).data as ListData;
    expect(americas.view).toMatchObject({ region: "019", language: "es" });
    expect(americas.rows.map((row) => [row.organisation, row.region])).toEqual([[countryName("MX", "fr"), regionName("013", "fr")]]);
    // Each row opens the answer in the same view, for "previous" and "next".
    expect(americas.rows[0]?.href).toBe(`/consultations/${consultation.id}/responses/${ids.MX}?region=019&language=es`);
    expect(americas.organisations.map((organisation) => organisation.name)).toEqual([countryName("KE", "fr"), countryName("MX", "fr")]);
    const countOnly = (await listAs("admin", "?attribution=aggregate_only")).data as ListData;
    expect(countOnly.rows.map((row) => row.responseId)).toEqual([ids.KE]);
    const none = (await listAs("admin", "?language=fr")).data as ListData;
    expect({ total: none.total, filtered: none.filtered }).toEqual({ total: 0, filtered: true });
  });

  it("refuses focal points and partners (403), and sends anonymous visitors to sign in", async () => {
    for (const role of ["focal_point", "partner"] as const) expect((await listAs(role)).status).toBe(403);
    const anonymous = await listAs(null, "?language=en");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/consultations/${consultation.id}/responses?language=en`)}`);
  });

  it("names the filters it cannot use (400) rather than showing more than was asked, and shows no answer", async () => {
    const bad = await listAs("rapporteur", "?region=999&type=planet&organisation=mexico&attribution=public&language=de&from=2026-02-30&to=2026-13-01");
    expect(bad.status).toBe(400);
    const data = bad.data as ListData;
    expect(data.problems).toEqual(["region", "type", "organisation", "attribution", "language", "from", "to"]);
    expect(data.rows).toEqual([]);
    const backwards = await listAs("rapporteur", "?from=2026-09-30&to=2026-09-01");
    expect(backwards.status).toBe(400);
    expect((backwards.data as ListData).problems).toEqual(["range"]);
    // Sort, order and page never narrow the list: unknown values fall back to the defaults.
    const odd = await listAs("rapporteur", "?sort=%27;drop&order=up&page=-3");
    expect(odd.status).toBe(200);
    expect((odd.data as ListData).total).toBe(2);
  });
});

describe("one submitted answer", () => {
  it("shows the organisation, the use of its answer, its language, the last submission with labels in the reader's language, and its history by question title", async () => {
    const shown = await answerAs("rapporteur", ids.MX ?? "", "?lang=fr");
    expect(shown.status).toBe(200);
    const data = shown.data as AnswerData;
    expect(data).toMatchObject({ organisation: { name: countryName("MX", "fr"), type: "state", region: regionName("013", "fr") }, attribution: "attributable", language: "es", amending: false });
    expect(data.submittedBy).toBe("María Fernanda López");
    const items = data.sections.flatMap((section) => section.items);
    expect(items).toContainEqual({ title: "Ministère ou institution coordonnant la présente réponse", value: "Ministry of MX" });
    expect(items.find((item) => item.title.startsWith("La présente réponse est-elle"))?.value).toBe("En partie");
    expect(JSON.stringify(data.sections)).not.toContain("partly");
    expect(data.history).toHaveLength(1);
    expect(data.history[0]).toMatchObject({ action: "submit", by: "María Fernanda López" });
    expect(data.history[0]?.changed).toContain("Ministère ou institution coordonnant la présente réponse");
    expect(data.history[0]?.changed).not.toContain("coordinating_institution");
  });

  it("shows a count-only answer being amended as last submitted, to the secretariat too", async () => {
    const data = (await answerAs("admin", ids.KE ?? "")).data as AnswerData;
    expect(data).toMatchObject({ attribution: "aggregate_only", amending: true });
    const items = data.sections.flatMap((section) => section.items);
    expect(items).toContainEqual({ title: "Ministry or institution coordinating this reply", value: "Ministry of KE" });
    expect(JSON.stringify(data)).not.toContain("Draft amendment");
  });

  it("links to the answers before and after it in the list it was opened from, and back to that list", async () => {
    const byName = (await answerAs("rapporteur", ids.KE ?? "", "?sort=name")).data as AnswerData;
    expect(byName).toMatchObject({ previousHref: null, nextHref: `/consultations/${consultation.id}/responses/${ids.MX}`, listHref: `/consultations/${consultation.id}/responses` });
    const filtered = (await answerAs("rapporteur", ids.MX ?? "", "?language=es&order=desc")).data as AnswerData;
    expect(filtered).toMatchObject({ previousHref: null, nextHref: null, listHref: `/consultations/${consultation.id}/responses?language=es&order=desc` });
    // A view it cannot use is dropped for the whole list: the answer is still shown.
    const odd = await answerAs("rapporteur", ids.MX ?? "", "?region=999&from=2026-02-30");
    expect(odd.status).toBe(200);
    expect((odd.data as AnswerData).previousHref).toBe(`/consultations/${consultation.id}/responses/${ids.KE}`);
  });

  it("is refused to focal points and partners, even their own, and not found for a draft, another consultation or a malformed id", async () => {
    for (const role of ["focal_point", "partner"] as const) expect((await answerAs(role, ids.MX ?? "")).status).toBe(403);
    expect((await answerAs(null, ids.MX ?? "")).status).toBe(302);
    expect((await answerAs("rapporteur", ids.CL ?? "")).status).toBe(404);
    expect((await answerAs("rapporteur", "not-an-id")).status).toBe(404);
    const other = await openNow();
    expect((await answerAs("rapporteur", ids.MX ?? "", "", other.id)).status).toBe(404);
  });
});

describe("the consultation page", () => {
  it("shows the readers how many answers were submitted, and nobody else", async () => {
    const page = async (role: "admin" | "rapporteur" | "focal_point") => {
      const cookie = await cookieFor(demoEmail(role));
      return outcome(await settle(() => consultationLoader({ request: get(`/consultations/${consultation.id}`, { cookie }), context, params: { id: consultation.id } }))).data as Awaited<
        ReturnType<typeof consultationLoader>
      >;
    };
    expect((await page("rapporteur")).submittedAnswers).toBe(2);
    expect((await page("admin")).submittedAnswers).toBe(2);
    expect((await page("focal_point")).submittedAnswers).toBeNull();
  });
});
