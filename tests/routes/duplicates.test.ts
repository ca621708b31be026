import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { action as mergeAction } from "#app/routes/proposals.merge.tsx";
import { loader as similarLoader } from "#app/routes/proposals.$id_.similar.tsx";
import { insertProposal, meetingWithConsultation } from "#tests/duplicates.ts";
import { context, cookieFor, demoEmail, get, outcome, settle } from "#tests/helpers.ts";

const MOBILE_EN = { title: "Network of mobile consulates for nationals in farming areas", summary: "Mobile consular units visit the farming areas every month to issue identity documents and register births." };
const MOBILE_ES = { title: "Red de consulados móviles para nacionales en zonas agrícolas", summary: "Unidades consulares móviles visitan cada mes las zonas agrícolas para expedir documentos de identidad y registrar nacimientos." };
const PIVOT = "Red de consulados móviles para nacionales en zonas agrícolas\nUnidades consulares móviles visitan las zonas agrícolas cada mes para emitir documentos de identidad y registrar nacimientos.";

async function merge(fields: Record<string, string | string[]>, cookie: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  const request = new Request("http://localhost:3000/proposals/merge", { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie } });
  return outcome(await settle(() => mergeAction({ request, params: {}, context })));
}

describe("the suggestions page and the merge action", () => {
  it("shows a rapporteur a cross-language suggestion with its highlights, and refuses a partner", async () => {
    const { consultationId } = await meetingWithConsultation();
    const english = await insertProposal({ consultationId, language: "en", ...MOBILE_EN, pivotText: PIVOT, objectives: [4] });
    const spanish = await insertProposal({ consultationId, language: "es", ...MOBILE_ES, objectives: [4] });
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const page = outcome(await settle(() => similarLoader({ request: get(`/proposals/${english}/similar`, { cookie }), params: { id: english }, context })));
    expect(page.status).toBe(200);
    const data = page.data as Awaited<ReturnType<typeof similarLoader>>;
    expect(data).toMatchObject({ canMerge: true, target: { id: english }, crossLanguage: { state: "on" } });
    expect(data.suggestions.map((s) => [s.proposal.id, s.crossLanguage])).toEqual([[spanish, true]]);
    expect(data.suggestions[0]?.compared?.target.segments.some((segment) => segment.mark)).toBe(true);

    const partner = await cookieFor(demoEmail("partner"));
    expect(outcome(await settle(() => similarLoader({ request: get(`/proposals/${english}/similar`, { cookie: partner }), params: { id: english }, context }))).status).toBe(403);
    expect(outcome(await settle(() => similarLoader({ request: get("/proposals/nope/similar", { cookie }), params: { id: "nope" }, context }))).status).toBe(404);
  });

  it("asks for the merged proposal's text when proposals are chosen on a list, starting from the first that may be quoted", async () => {
    const { consultationId } = await meetingWithConsultation();
    const countOnly = await insertProposal({ consultationId, language: "en", title: "Secret", summary: "Never shown", attribution: "aggregate_only" });
    const quotable = await insertProposal({ consultationId, language: "es", ...MOBILE_ES });
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const result = await merge({ proposal: [countOnly, quotable], redirectTo: "https://evil.example/" }, cookie);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ error: null, back: "/proposals", draft: { title: MOBILE_ES.title, summary: MOBILE_ES.summary, language: "es", chosen: [{ id: countOnly, title: null, quotable: false }, { id: quotable }] } });
    expect(JSON.stringify(result.data)).not.toContain("Secret");
  });

  it("merges, redirects to the merged proposal, undoes; refusals answer 400 or 409 with their message and change nothing", async () => {
    const { consultationId } = await meetingWithConsultation();
    const a = await insertProposal({ consultationId, language: "en", ...MOBILE_EN });
    const b = await insertProposal({ consultationId, language: "es", ...MOBILE_ES });
    const withdrawn = await insertProposal({ consultationId, language: "es", ...MOBILE_ES, withdrawn: true });
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const count = async () => (await getDb().selectFrom("proposal").select("id").where("consultation_id", "=", consultationId).execute()).length;

    expect(await merge({ proposal: [a, withdrawn], title: "T", summary: "S" }, cookie)).toMatchObject({ status: 400, data: { error: "duplicates.error.withdrawn" } });
    expect(await merge({ proposal: [a, "not-an-id"], title: "T", summary: "S" }, cookie)).toMatchObject({ status: 400, data: { error: "duplicates.error.notFound" } });
    expect(await merge({ proposal: [a, b], title: "", summary: "S" }, cookie)).toMatchObject({ status: 400, data: { error: "duplicates.error.invalid", problems: [{ field: "title", problem: "empty" }], draft: { summary: "S" } } });
    expect(await count()).toBe(3);

    const merged = await merge({ proposal: [a, b], title: "Mobile consular units", summary: "Both", language: "en" }, cookie);
    expect(merged.status).toBe(302);
    const location = merged.headers.get("Location") ?? "";
    const mergedId = location.replace("/proposals/", "");
    expect(await getDb().selectFrom("proposal").select(["kind", "title"]).where("id", "=", mergedId).executeTakeFirst()).toEqual({ kind: "merged", title: "Mobile consular units" });

    const undone = await merge({ intent: "undo", merged: mergedId }, cookie);
    expect(undone.status).toBe(302);
    expect(undone.headers.get("Location")).toMatch(/^\/proposals\/[0-9a-f-]{36}$/);
    expect(await count()).toBe(3);
    expect(await merge({ intent: "undo", merged: mergedId }, cookie)).toMatchObject({ status: 404, data: { error: "duplicates.error.undoNotFound" } });
    expect(await merge({ intent: "undo", merged: a }, cookie)).toMatchObject({ status: 409, data: { error: "duplicates.error.notMerged" } });

    const partner = await cookieFor(demoEmail("partner"));
    expect((await merge({ proposal: [a, b], title: "T", summary: "S" }, partner)).status).toBe(403);
    expect(await count()).toBe(3);
  });
});

