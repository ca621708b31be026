import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { changeAttribution, getResponse, reopenResponse, saveDraft, submitResponse } from "#app/features/responses/responses.ts";
import { ITEM_ID_KEY } from "#app/features/responses/item-key.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { quotable, quotation } from "./attribution.ts";
import { rebuildDerivedRows } from "./derivation.ts";
import { getProposal, proposalsOfResponse } from "./proposals.ts";

const LATER = new Date(DURING.getTime() + 24 * 60 * 60 * 1000);
type Entry = Record<string, unknown>;

/** Mexico on a capacity-needs consultation of its own: two offers (proposals and offers) and two priority objectives (needs). */
async function submitted() {
  const consultation = await capacityConsultation();
  const mexico = await stateId("MX");
  const user = await currentUserFor(demoEmail("focal_point"));
  const as = (now = DURING) => ({ consultation, organisationId: mexico, user, page: 0, language: "es" as const, ip: null, now });
  const offers = [
    { objective: "gcm-01", modality: ["training"], description: "Formación en estadísticas migratorias" },
    { objective: "gcm-23", modality: ["peer-exchange"], description: "Intercambio entre pares" },
    { objective: "gcm-05", description: "Vías de migración laboral" },
  ];
  const priorities = [
    { objective: "gcm-01", current_capacity: 2, capacity_gaps: ["data-evidence"], support_modalities: ["technical-assistance"], gap_details: "Registros dispersos" },
    { objective: "gcm-07", current_capacity: 3, capacity_gaps: ["skills-training"], support_modalities: ["training"] },
  ];
  const answers = { ...MINIMAL_CAPACITY_ANSWERS, priority_objectives: priorities, can_offer: true, offers };
  const result = await submitResponse(getDb(), { ...as(), answers, baseRevision: 0, attribution: "attributable" });
  if (!result.ok) throw new Error(JSON.stringify(result));
  const response = await getResponse(getDb(), user, consultation.id, mexico);
  if (!response) throw new Error("not stored");
  const stored = JSON.parse(response.data) as { offers: Entry[]; priority_objectives: Entry[] };
  return { consultation, mexico, user, as, response, stored, revision: result.revision };
}

const rowsOf = (responseId: string) => getDb().selectFrom("proposal").selectAll().where("response_id", "=", responseId).orderBy("item_id").execute();

async function snapshot() {
  const db = getDb();
  return {
    proposals: await db.selectFrom("proposal").selectAll().orderBy("id").execute(),
    codes: await db.selectFrom("proposal_code").selectAll().orderBy("proposal_id").orderBy("scheme").orderBy("code").orderBy("source").execute(),
    needs: await db.selectFrom("capacity_need").selectAll().orderBy("id").execute(),
    needCodes: await db.selectFrom("capacity_need_code").selectAll().orderBy("need_id").orderBy("scheme").orderBy("code").execute(),
    offers: await db.selectFrom("capacity_offer").selectAll().orderBy("id").execute(),
    offerCodes: await db.selectFrom("capacity_offer_code").selectAll().orderBy("offer_id").orderBy("scheme").orderBy("code").execute(),
  };
}

describe("proposals, needs and offers derived from submitted answers", () => {
  it("a submission makes a proposal per offer entry, a need per priority objective and an offer per offer entry, each linked to its answer and entry", async () => {
    const { response, stored, mexico } = await submitted();
    const ids = stored.offers.map((entry) => entry[ITEM_ID_KEY]);
    expect(ids.every((id) => typeof id === "string")).toBe(true);
    const proposals = await proposalsOfResponse(getDb(), response.id);
    expect(proposals.map((proposal) => [proposal.kind, proposal.source?.itemId, proposal.summary, proposal.status])).toEqual([
      ["offer", ids[0], "Formación en estadísticas migratorias", "received"],
      ["offer", ids[1], "Intercambio entre pares", "received"],
      ["offer", ids[2], "Vías de migración laboral", "received"],
    ]);
    expect(proposals[0]).toMatchObject({ organisation_id: mexico, stakeholder_type: "state", language: "es", attribution: "attributable", quotable: true, source: { responseId: response.id, question: "offers", position: 0 } });
    expect(proposals[0]?.region_m49).toMatch(/^\d{3}$/);
    expect(proposals[0]?.codes).toEqual([
      { scheme: "gcm_objective", code: "gcm-01", source: "author" },
      { scheme: "support_modality", code: "training", source: "author" },
    ]);

    const needs = await getDb().selectFrom("capacity_need").selectAll().where("response_id", "=", response.id).orderBy("position").execute();
    expect(needs.map((need) => [need.objective, need.current_capacity, need.position, need.item_id, need.description])).toEqual([
      ["gcm-01", 2, 0, stored.priority_objectives[0]?.[ITEM_ID_KEY], "Registros dispersos"],
      ["gcm-07", 3, 1, stored.priority_objectives[1]?.[ITEM_ID_KEY], null],
    ]);
    const needCodes = await getDb().selectFrom("capacity_need_code").select(["scheme", "code"]).where("need_id", "=", needs[0]?.id ?? "").orderBy("scheme").execute();
    expect(needCodes).toEqual([
      { scheme: "capacity_gap", code: "data-evidence" },
      { scheme: "support_modality", code: "technical-assistance" },
    ]);
    const offers = await getDb().selectFrom("capacity_offer").select(["question", "item_id", "description"]).where("response_id", "=", response.id).orderBy("position").execute();
    expect(offers).toEqual(stored.offers.map((entry) => ({ question: "offers", item_id: entry[ITEM_ID_KEY], description: entry.description })));
  });

  it("an amendment that edits, reorders, adds and removes entries keeps each entry's id and row: coding and status stay, a removed entry's row is withdrawn with its codes, and a reopened answer's rows stay as last submitted until it is submitted again", async () => {
    const { response, stored, as, revision } = await submitted();
    const [first, second, third] = stored.offers;
    if (!first || !second || !third) throw new Error("three offers");
    const before = await rowsOf(response.id);
    const rowOf = (entry: Entry) => before.find((row) => row.item_id === entry[ITEM_ID_KEY]);
    // A rapporteur codes the second and the first, and reviews the second.
    const coded = [rowOf(second)?.id ?? "", rowOf(first)?.id ?? ""];
    await getDb()
      .insertInto("proposal_code")
      .values(coded.map((id) => ({ proposal_id: id, scheme: "guiding_principle" as const, code: "whole-of-government", source: "rapporteur" as const, created_at: DURING.toISOString(), created_by: null })))
      .execute();
    await getDb().updateTable("proposal").set({ status: "under_review", status_reason: "Cercana a otra" }).where("id", "=", coded[0] ?? "").execute();
    const coding = await snapshot();

    expect(await reopenResponse(getDb(), as())).toMatchObject({ ok: true, status: "amending" });
    const amended = {
      ...MINIMAL_CAPACITY_ANSWERS,
      priority_objectives: [...stored.priority_objectives].reverse(),
      can_offer: true,
      offers: [third, { ...second, description: "Intercambio entre pares, con Guatemala" }, { objective: "gcm-19", description: "Bonos de la diáspora" }],
    };
    expect(await saveDraft(getDb(), { ...as(), answers: amended, baseRevision: revision + 1 })).toMatchObject({ ok: true, status: "amending" });
    expect(await snapshot()).toEqual(coding);

    expect(await submitResponse(getDb(), { ...as(LATER), answers: amended, baseRevision: revision + 2, attribution: "attributable" })).toMatchObject({ ok: true, status: "submitted" });
    const after = await rowsOf(response.id);
    const now = (entry: Entry) => after.find((row) => row.item_id === entry[ITEM_ID_KEY]);
    expect(after).toHaveLength(4);
    expect(now(second)).toMatchObject({ id: rowOf(second)?.id, summary: "Intercambio entre pares, con Guatemala", position: 1, status: "under_review", status_reason: "Cercana a otra", withdrawn_at: null });
    expect(now(third)).toMatchObject({ id: rowOf(third)?.id, position: 0, withdrawn_at: null, updated_at: LATER.toISOString() });
    expect(now(first)).toMatchObject({ id: rowOf(first)?.id, withdrawn_at: LATER.toISOString() });
    const added = after.find((row) => !before.some((old) => old.id === row.id));
    expect(added).toMatchObject({ summary: "Bonos de la diáspora", status: "received", position: 2 });
    // The withdrawn and the edited proposals keep every code, the rapporteurs' too.
    for (const id of coded) {
      expect((await getProposal(getDb(), id))?.codes).toContainEqual({ scheme: "guiding_principle", code: "whole-of-government", source: "rapporteur" });
    }
    expect((await getProposal(getDb(), rowOf(first)?.id ?? ""))?.codes).toContainEqual({ scheme: "gcm_objective", code: "gcm-01", source: "author" });
    // Needs keep their rows, in the new order of priority.
    const needs = await getDb().selectFrom("capacity_need").select(["item_id", "position", "withdrawn_at"]).where("response_id", "=", response.id).orderBy("position").execute();
    expect(needs).toEqual([...stored.priority_objectives].reverse().map((entry, position) => ({ item_id: entry[ITEM_ID_KEY], position, withdrawn_at: null })));
    const offers = await getDb().selectFrom("capacity_offer").select(["item_id", "withdrawn_at"]).where("response_id", "=", response.id).execute();
    expect(offers.find((offer) => offer.item_id === first[ITEM_ID_KEY])?.withdrawn_at).toBe(LATER.toISOString());
    expect(offers.filter((offer) => offer.withdrawn_at === null)).toHaveLength(3);
  });

  it("an entry id of another answer, or one given twice, is refused with a message, and nothing is stored", async () => {
    const { stored, consultation } = await submitted();
    const senegal = await stateId("SN");
    const user = await currentUserFor("aminata.ndiaye@sn.example");
    const as = { consultation, organisationId: senegal, user, page: 0, language: "fr" as const, ip: null, now: DURING };
    const taken = { ...MINIMAL_CAPACITY_ANSWERS, can_offer: true, offers: [{ objective: "gcm-02", description: "Nuestra" }, stored.offers[1]] };
    for (const save of [saveDraft, submitResponse]) {
      const refused = await save(getDb(), { ...as, answers: taken, baseRevision: 0, attribution: "attributable" });
      expect(refused).toEqual({ ok: false, reason: "invalid", problems: [{ name: "offers[1]", title: "Offres d’appui", message: expect.stringContaining("appartient à la réponse d’une autre organisation") }] });
    }
    const twice = { ...MINIMAL_CAPACITY_ANSWERS, can_offer: true, offers: [{ [ITEM_ID_KEY]: "8b0e3a4c-3f4e-4d6a-9a51-2f1f8a0c7d11", objective: "gcm-02" }, { [ITEM_ID_KEY]: "8b0e3a4c-3f4e-4d6a-9a51-2f1f8a0c7d11", objective: "gcm-03" }] };
    expect(await saveDraft(getDb(), { ...as, answers: twice, baseRevision: 0 })).toMatchObject({ ok: false, reason: "invalid", problems: [{ name: "offers[1]", message: expect.stringContaining("même identifiant") }] });
    const malformed = { can_offer: true, offers: [{ [ITEM_ID_KEY]: "<script>", objective: "gcm-02" }] };
    expect(await saveDraft(getDb(), { ...as, answers: malformed, baseRevision: 0 })).toMatchObject({ ok: false, reason: "invalid", problems: [{ name: "offers[0]" }] });
    expect(await getResponse(getDb(), user, consultation.id, senegal)).toBeUndefined();
  });

  it("a change of use reaches the rows: a count-only answer's proposals are counted, never quoted; a non-attributable one's are quoted without the organisation", async () => {
    const { response, as } = await submitted();
    expect(await changeAttribution(getDb(), { ...as(), attribution: "non_attributable" })).toMatchObject({ ok: true });
    const [anonymous] = await proposalsOfResponse(getDb(), response.id);
    expect(anonymous).toMatchObject({ attribution: "non_attributable", organisation_id: null, quotable: true });
    const row = await getDb().selectFrom("proposal").selectAll().where("id", "=", anonymous?.id ?? "").executeTakeFirstOrThrow();
    expect(quotation(row)).toEqual({ title: null, summary: "Formación en estadísticas migratorias", organisationId: null });

    expect(await changeAttribution(getDb(), { ...as(), attribution: "aggregate_only" })).toMatchObject({ ok: true });
    const counted = await getDb().selectFrom("proposal").selectAll().where("response_id", "=", response.id).execute();
    expect(counted.map((proposal) => [proposal.attribution, quotable(proposal), quotation(proposal)])).toEqual(counted.map(() => ["aggregate_only", false, null]));
    const needs = await getDb().selectFrom("capacity_need").select("attribution").where("response_id", "=", response.id).execute();
    expect(needs.map((need) => need.attribution)).toEqual(["aggregate_only", "aggregate_only"]);
    expect(quotation({ ...row, attribution: "attributable" })).toMatchObject({ organisationId: row.organisation_id });
  });

  it("the rebuild derives the same rows again, keeping coding and status, and makes the rows of answers that have none", async () => {
    const { response } = await submitted();
    const [some] = await rowsOf(response.id);
    await getDb().updateTable("proposal").set({ status: "retained", status_reason: "Clave" }).where("id", "=", some?.id ?? "").execute();
    await getDb().insertInto("proposal_code").values({ proposal_id: some?.id ?? "", scheme: "governance_level", code: "national", source: "rapporteur", created_at: DURING.toISOString(), created_by: null }).execute();
    const before = await snapshot();
    await rebuildDerivedRows(getDb(), LATER);
    await rebuildDerivedRows(getDb(), LATER);
    expect(await snapshot()).toEqual(before);

    // An answer submitted before the rows existed gets them from the rebuild.
    await getDb().deleteFrom("capacity_need").where("response_id", "=", response.id).execute();
    await rebuildDerivedRows(getDb(), LATER);
    const rebuilt = await snapshot();
    expect(rebuilt.needs.map((need) => need.item_id).sort()).toEqual(before.needs.map((need) => need.item_id).sort());
  });
});
