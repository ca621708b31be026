import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import type { Availability } from "#app/features/translation/apertium.ts";
import { insertProposal, meetingWithConsultation } from "#tests/duplicates.ts";
import { suggestionsFor, type SuggestionsResult } from "./suggestions.ts";

const installed = async (): Promise<Availability> => ({ available: true });
const missing = async (): Promise<Availability> => ({ available: false, reason: "not-installed", message: "apertium not found" });

const MOBILE_ES = {
  title: "Red de consulados móviles para nacionales en zonas agrícolas",
  summary:
    "Unidades consulares móviles que visitan cada mes las zonas agrícolas donde trabajan nuestros nacionales para expedir documentos de identidad, registrar nacimientos y ofrecer asesoría jurídica, en coordinación con los consulados de los países vecinos.",
};
const MOBILE_EN = {
  title: "Network of mobile consulates for nationals in farming areas",
  summary:
    "Mobile consular units visiting every month the farming areas where our nationals work, to issue identity documents, register births and give legal advice, in coordination with the consulates of neighbouring countries.",
  // Apertium's Spanish, as the translation job stores it.
  pivotText:
    "Red de consulados móviles para nacionales en zonas agrícolas\nUnidades consulares móviles que visitan cada mes las zonas agrícolas donde nuestros nacionales trabajan, para emitir documentos de identidad, registrar nacimientos y dar asesoría legal, en coordinación con los consulados de países vecinos.",
};
const MOBILE_EN_REWORDED = {
  title: "Mobile consular units for nationals working in farming areas",
  summary: "Consular units travel every month to the farming areas where nationals work, to issue identity documents and register births, with the consulates of neighbouring countries.",
};
const REMITTANCES_FR = {
  title: "Portail de comparaison des coûts des transferts de fonds",
  summary: "Un portail public qui compare les frais et les taux de change des opérateurs de transferts de fonds entre l’Europe et l’Afrique.",
  pivotText: "Portal de comparación de los costes de las transferencias de fondos\nUn portal público que compara las comisiones y los tipos de cambio de los operadores de transferencias de fondos entre Europa y África.",
};

function ok(result: SuggestionsResult) {
  if (!result.ok) throw new Error("not found");
  return result;
}

async function organisation(): Promise<string> {
  const row = await getDb().selectFrom("organisation").select("id").where("type", "!=", "state").orderBy("id").executeTakeFirstOrThrow();
  return row.id;
}

describe("duplicate suggestions for one proposal among its meeting's", () => {
  it("suggests a same-language and a cross-language duplicate with their passages and reasons, and leaves out unrelated, withdrawn and merged-away proposals", async () => {
    const { consultationId } = await meetingWithConsultation();
    const org = await organisation();
    const target = await insertProposal({ consultationId, language: "en", ...MOBILE_EN, objectives: [4, 14], organisationId: org, partners: "Ministry of Labour; Farmers’ Union" });
    const spanish = await insertProposal({ consultationId, language: "es", ...MOBILE_ES, objectives: [14], partners: "Farmers’ Union, Red Cross" });
    const reworded = await insertProposal({ consultationId, language: "en", ...MOBILE_EN_REWORDED, objectives: [4], organisationId: org, pivotText: "Unidades consulares móviles para nacionales que trabajan en zonas agrícolas" });
    await insertProposal({ consultationId, language: "fr", ...REMITTANCES_FR, objectives: [20] });
    await insertProposal({ consultationId, language: "en", ...MOBILE_EN_REWORDED, withdrawn: true });
    const mergedAway = await insertProposal({ consultationId, language: "es", ...MOBILE_ES, status: "merged" });
    await getDb().updateTable("proposal").set({ merged_into_id: target }).where("id", "=", mergedAway).execute();

    const result = ok(await suggestionsFor(getDb(), target, { language: "en", availability: installed, recountAfterMs: 0 }));
    expect(result.crossLanguage).toEqual({ state: "on" });
    expect(result.inactive).toBeNull();
    expect(result.suggestions.map((s) => s.proposal.id).sort()).toEqual([spanish, reworded].sort());

    const same = result.suggestions.find((s) => s.proposal.id === reworded);
    expect(same).toMatchObject({ crossLanguage: false, sharedObjectives: [4], parts: { organisation: 1 } });
    const sameMarked = same?.compared?.candidate.segments.filter((segment) => segment.mark).map((segment) => segment.text) ?? [];
    expect(sameMarked.join(" ")).toContain("farming areas");
    expect(same?.compared?.target).toMatchObject({ language: "en", translated: false });

    const cross = result.suggestions.find((s) => s.proposal.id === spanish);
    expect(cross).toMatchObject({ crossLanguage: true, sharedObjectives: [14], sharedPartners: ["Farmers’ Union"], proposal: { language: "es", title: MOBILE_ES.title } });
    // The English proposal is highlighted on its Spanish translation, the Spanish one on its own text.
    expect(cross?.compared?.target).toMatchObject({ language: "es", translated: true });
    expect(cross?.compared?.candidate).toMatchObject({ language: "es", translated: false });
    expect(cross?.compared?.target.segments.map((segment) => segment.text).join("")).toBe(MOBILE_EN.pivotText);
    expect(cross?.compared?.candidate.segments.filter((segment) => segment.mark).map((segment) => segment.text)).toContain("Red de consulados móviles para nacionales en zonas agrícolas");
    expect(cross?.score).toBeGreaterThan(0.3);
  });

  it("says that suggestions across languages are off while the proposal waits for its translation, and why, and still suggests within its language", async () => {
    const { consultationId } = await meetingWithConsultation();
    const target = await insertProposal({ consultationId, language: "en", ...MOBILE_EN, pivotText: null });
    const reworded = await insertProposal({ consultationId, language: "en", ...MOBILE_EN_REWORDED });
    await insertProposal({ consultationId, language: "es", ...MOBILE_ES });

    const pending = ok(await suggestionsFor(getDb(), target, { language: "en", availability: installed, recountAfterMs: 0 }));
    expect(pending.crossLanguage).toEqual({ state: "off", reason: "pending", untranslated: 2 });
    expect(pending.suggestions.map((s) => s.proposal.id)).toEqual([reworded]);

    const notInstalled = ok(await suggestionsFor(getDb(), target, { language: "en", availability: missing }));
    expect(notInstalled.crossLanguage).toEqual({ state: "off", reason: "not-installed", untranslated: 2 });
    expect(notInstalled.suggestions.map((s) => s.proposal.id)).toEqual([reworded]);

    // Others still waiting: the comparison is on for those translated, and the page says how many wait.
    const spanishTarget = ok(await suggestionsFor(getDb(), (await getDb().selectFrom("proposal").select("id").where("consultation_id", "=", consultationId).where("language", "=", "es").executeTakeFirstOrThrow()).id, { language: "en", availability: missing }));
    expect(spanishTarget.crossLanguage).toEqual({ state: "partial", reason: "not-installed", untranslated: 2 });
  });

  it("keeps its index up to date: a translation stored, a proposal added with an earlier date, one withdrawn, an objective coded", async () => {
    const { consultationId } = await meetingWithConsultation();
    const target = await insertProposal({ consultationId, language: "es", ...MOBILE_ES });
    const english = await insertProposal({ consultationId, language: "en", ...MOBILE_EN, pivotText: null });
    expect(ok(await suggestionsFor(getDb(), target, { language: "en", availability: installed, recountAfterMs: 0 })).suggestions).toEqual([]);

    await getDb().updateTable("proposal").set({ pivot_text: MOBILE_EN.pivotText, translated_at: new Date().toISOString() }).where("id", "=", english).execute();
    const translated = ok(await suggestionsFor(getDb(), target, { language: "en", availability: installed, recountAfterMs: 0 }));
    expect(translated.suggestions.map((s) => [s.proposal.id, s.crossLanguage])).toEqual([[english, true]]);
    expect(translated.crossLanguage).toEqual({ state: "on" });

    const older = await insertProposal({ consultationId, language: "es", ...MOBILE_ES, at: "2020-01-01T00:00:00.000Z" });
    expect(ok(await suggestionsFor(getDb(), target, { language: "en", recountAfterMs: 0 })).suggestions.map((s) => s.proposal.id)).toContain(older);

    await getDb().updateTable("proposal").set({ withdrawn_at: new Date().toISOString(), updated_at: new Date(Date.now() + 1000).toISOString() }).where("id", "=", older).execute();
    expect(ok(await suggestionsFor(getDb(), target, { language: "en", recountAfterMs: 0 })).suggestions.map((s) => s.proposal.id)).not.toContain(older);

    await getDb().insertInto("proposal_code").values({ proposal_id: english, scheme: "gcm_objective", code: "gcm-14", source: "rapporteur", created_at: new Date(Date.now() + 2000).toISOString(), created_by: null }).execute();
    await getDb().insertInto("proposal_code").values({ proposal_id: target, scheme: "gcm_objective", code: "gcm-14", source: "rapporteur", created_at: new Date(Date.now() + 2000).toISOString(), created_by: null }).execute();
    const coded = ok(await suggestionsFor(getDb(), target, { language: "en", recountAfterMs: 0 }));
    expect(coded.suggestions.find((s) => s.proposal.id === english)?.parts.objectives).toBe(1);
  });

  it("never shows the text of a count-only answer's proposal, nor the passages that would quote it, and names no organisation that asked not to be named", async () => {
    const { consultationId } = await meetingWithConsultation();
    const org = await organisation();
    const target = await insertProposal({ consultationId, language: "en", ...MOBILE_EN, organisationId: org, attribution: "non_attributable" });
    const countOnly = await insertProposal({ consultationId, language: "es", ...MOBILE_ES, attribution: "aggregate_only", organisationId: org, partners: "Farmers’ Union" });
    const result = ok(await suggestionsFor(getDb(), target, { language: "en", availability: installed, recountAfterMs: 0 }));
    expect(result.target).toMatchObject({ quotable: true, organisation: null, title: MOBILE_EN.title });
    const suggestion = result.suggestions.find((s) => s.proposal.id === countOnly);
    expect(suggestion).toMatchObject({ proposal: { quotable: false, title: null, summary: null, organisation: null }, compared: null, sharedPartners: [] });
    expect(JSON.stringify(suggestion)).not.toContain("consulares");

    const fromCountOnly = ok(await suggestionsFor(getDb(), countOnly, { language: "en", availability: installed, recountAfterMs: 0 }));
    expect(fromCountOnly.target).toMatchObject({ quotable: false, title: null, summary: null });
    expect(JSON.stringify(fromCountOnly)).not.toContain("consulares");
  });

  it("gives no suggestions for a withdrawn or merged-away proposal, and says which", async () => {
    const { consultationId } = await meetingWithConsultation();
    const withdrawn = await insertProposal({ consultationId, language: "es", ...MOBILE_ES, withdrawn: true });
    await insertProposal({ consultationId, language: "es", ...MOBILE_ES });
    const result = ok(await suggestionsFor(getDb(), withdrawn, { language: "en", availability: installed, recountAfterMs: 0 }));
    expect(result).toMatchObject({ inactive: "withdrawn", suggestions: [] });
    expect(await suggestionsFor(getDb(), "no-such-proposal", { language: "en", recountAfterMs: 0 })).toEqual({ ok: false, reason: "not-found" });
  });
});
