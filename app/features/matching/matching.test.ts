import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import type { Attribution, CodeScheme, ProposalStatus } from "#db/schema.ts";
import { DURING, insertResponse } from "#tests/consultations.ts";
import { insertProposal, meetingWithConsultation } from "#tests/duplicates.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { decideMatch, undoMatchDecision, type MatchChoice } from "./decisions.ts";
import { confirmedMatches, matchingOverview, type MatchingOverview } from "./matching.ts";
import { areNeighbouring } from "./rules.ts";

const context = { ip: null, now: DURING };
const STAMP = DURING.toISOString();

interface ItemInput {
  country: string;
  region: string | null;
  objective: string;
  gaps?: string[];
  modalities?: string[];
  attribution?: Attribution;
  text?: string;
}

/** A meeting of its own, with needs, offers and proposals written straight into their tables, as a hand-made fixture. */
async function fixture() {
  const db = getDb();
  const { meetingId, consultationId } = await meetingWithConsultation();
  const consultation = await db.selectFrom("consultation").selectAll().where("id", "=", consultationId).executeTakeFirstOrThrow();
  const responses = new Map<string, { responseId: string; organisationId: string }>();
  const responseOf = async (country: string) => {
    const known = responses.get(country);
    if (known) return known;
    const organisationId = await stateId(country);
    const made = { organisationId, responseId: await insertResponse(consultation, organisationId, "submitted", STAMP) };
    responses.set(country, made);
    return made;
  };
  const columns = async (input: ItemInput, position: number) => {
    const { responseId, organisationId } = await responseOf(input.country);
    return { consultation_id: consultationId, response_id: responseId, question: "offers", item_id: newId(), position, organisation_id: organisationId, stakeholder_type: "state", region_m49: input.region, language: "en", attribution: input.attribution ?? "attributable", description: input.text ?? `${input.country} ${input.objective}`, withdrawn_at: null, created_at: STAMP, updated_at: STAMP };
  };
  const codes = (scheme: CodeScheme, values: string[] = []) => values.map((code) => ({ scheme, code }));
  const need = async (input: ItemInput, position = 0) => {
    const id = newId();
    await db.insertInto("capacity_need").values({ id, ...(await columns(input, position)), question: "priority_objectives", objective: input.objective, current_capacity: 2 }).execute();
    const rows = [...codes("capacity_gap", input.gaps), ...codes("support_modality", input.modalities)];
    if (rows.length > 0) await db.insertInto("capacity_need_code").values(rows.map((row) => ({ need_id: id, ...row }))).execute();
    return id;
  };
  const offer = async (input: ItemInput, id = newId()) => {
    await db.insertInto("capacity_offer").values({ id, ...(await columns(input, 0)) }).execute();
    const rows = [...codes("gcm_objective", [input.objective]), ...codes("support_modality", input.modalities)];
    await db.insertInto("capacity_offer_code").values(rows.map((row) => ({ offer_id: id, ...row }))).execute();
    return id;
  };
  const proposal = async (input: ItemInput & { status: ProposalStatus; withdrawn?: boolean }) => {
    const { organisationId } = await responseOf(input.country);
    const id = await insertProposal({ consultationId, language: "en", title: `Proposal ${input.objective}`, summary: "A partnership.", organisationId, status: input.status, withdrawn: input.withdrawn, at: STAMP, objectives: [Number(input.objective.slice(4))] });
    await db.updateTable("proposal").set({ region_m49: input.region }).where("id", "=", id).execute();
    const rows = [...codes("capacity_gap", input.gaps), ...codes("support_modality", input.modalities)];
    if (rows.length > 0) await db.insertInto("proposal_code").values(rows.map((row) => ({ proposal_id: id, ...row, source: "rapporteur" as const, created_at: STAMP, created_by: null }))).execute();
    return id;
  };
  const [tieFirst, tieSecond] = [newId(), newId()].sort();
  // Mexico (Central America) needs data; Senegal (Western Africa) financing against trafficking.
  const data = await need({ country: "MX", region: "013", objective: "gcm-01", gaps: ["data-evidence"], modalities: ["technical-assistance"] });
  const trafficking = await need({ country: "SN", region: "011", objective: "gcm-10", gaps: ["financing"] });
  const cooperation = await need({ country: "MX", region: "013", objective: "gcm-23" }, 1);
  const pathways = await need({ country: "CL", region: "005", objective: "gcm-05", gaps: ["law-policy"], modalities: ["training"] });
  const ids = {
    meetingId,
    consultationId,
    data,
    trafficking,
    cooperation,
    pathways,
    // Guatemala, same area: the wanted modality, which also closes the gap.
    guatemala: await offer({ country: "GT", region: "013", objective: "gcm-01", modalities: ["technical-assistance"] }),
    // Canada, Northern America, neighbouring Central America; data tools close a data gap. Twice, for a tie.
    canadaA: await offer({ country: "CA", region: "021", objective: "gcm-01", modalities: ["data-tools"] }, tieSecond),
    canadaB: await offer({ country: "CA", region: "021", objective: "gcm-01", modalities: ["data-tools"] }, tieFirst),
    // France, another continent: no region reason.
    france: await offer({ country: "FR", region: "155", objective: "gcm-01", modalities: ["technical-assistance"] }),
    // Mexico's own offer answers none of its needs.
    mexico: await offer({ country: "MX", region: "013", objective: "gcm-01", modalities: ["technical-assistance"] }),
    // Funding neither is wanted nor closes a data gap.
    funding: await offer({ country: "FR", region: "155", objective: "gcm-01", modalities: ["funding"] }),
    brazil: await offer({ country: "BR", region: "005", objective: "gcm-07", modalities: ["training"] }),
    fundingTrafficking: await offer({ country: "GT", region: "013", objective: "gcm-10", modalities: ["funding"] }),
    peers: await offer({ country: "FR", region: "155", objective: "gcm-23", modalities: ["peer-exchange"] }),
    retained: await proposal({ country: "GH", region: "011", objective: "gcm-10", gaps: ["financing"], status: "retained" }),
    received: await proposal({ country: "GH", region: "011", objective: "gcm-10", gaps: ["financing"], status: "received" }),
    withdrawn: await proposal({ country: "GH", region: "011", objective: "gcm-10", gaps: ["financing"], status: "retained", withdrawn: true }),
  };
  const rapporteur = await currentUserFor(demoEmail("rapporteur"));
  return { db, ids, rapporteur };
}

const matchesOf = (overview: MatchingOverview, needId: string) => overview.needs.find(({ need }) => need.id === needId)?.matches.map((match) => [match.candidate.id, match.score, match.reasons.map((reason) => reason.code), match.status]);

describe("matching needs and offers", () => {
  it("calls areas of one continent neighbouring, and no other", () => {
    expect(areNeighbouring("013", "005")).toBe(true);
    expect(areNeighbouring("013", "021")).toBe(true);
    expect(areNeighbouring("013", "013")).toBe(false);
    expect(areNeighbouring("013", "011")).toBe(false);
    expect(areNeighbouring("013", "not-an-area")).toBe(false);
  });

  it("suggests for each need the offers and retained proposals that fit, ranked by score with their reasons, ties by id", async () => {
    const { db, ids } = await fixture();
    const overview = await matchingOverview(db, ids.meetingId, "en");
    expect(matchesOf(overview, ids.data)).toEqual([
      [ids.guatemala, 8, ["same-objective", "wanted-modality", "modality-for-gap", "same-region"], "suggested"],
      [ids.france, 6, ["same-objective", "wanted-modality", "modality-for-gap"], "suggested"],
      [ids.canadaB, 5, ["same-objective", "modality-for-gap", "neighbouring-region"], "suggested"],
      [ids.canadaA, 5, ["same-objective", "modality-for-gap", "neighbouring-region"], "suggested"],
    ]);
    // The proposal states the same gap in the same area; an offer of funding closes the gap from another continent.
    expect(matchesOf(overview, ids.trafficking)).toEqual([
      [ids.retained, 7, ["same-objective", "same-gap", "same-region"], "suggested"],
      [ids.fundingTrafficking, 4, ["same-objective", "modality-for-gap"], "suggested"],
    ]);
    // A need that asks for no particular support is met by the objective alone.
    expect(matchesOf(overview, ids.cooperation)).toEqual([[ids.peers, 3, ["same-objective"], "suggested"]]);
    expect(overview.unansweredNeeds.map((need) => need.id)).toEqual([ids.pathways]);
    expect(overview.unaskedCandidates.map((candidate) => candidate.id)).toEqual([ids.brazil, ids.funding, ids.mexico].sort());
    const [first] = overview.needs.find(({ need }) => need.id === ids.data)?.matches ?? [];
    expect(first?.reasons.map((reason) => reason.label)).toEqual(["Same objective", "Offers the wanted modality", "Its modality answers the capacity gap", "Same region"]);
    expect(first?.candidate).toMatchObject({ organisation: "Guatemala", region: "Central America", modalities: [{ code: "technical-assistance", label: "Technical assistance" }] });
  });

  it("names the reasons in French and Spanish", async () => {
    const { db, ids } = await fixture();
    for (const [language, label] of [["fr", "Même objectif"], ["es", "Mismo objetivo"]] as const) {
      const overview = await matchingOverview(db, ids.meetingId, language);
      expect(overview.needs.find(({ need }) => need.id === ids.cooperation)?.matches[0]?.reasons[0]?.label).toBe(label);
    }
  });

  it("stops suggesting a dismissed match, lists confirmed ones first, and suggests again once undone", async () => {
    const { db, ids, rapporteur } = await fixture();
    const dismiss: MatchChoice = { needId: ids.data, kind: "offer", candidateId: ids.guatemala };
    const confirm: MatchChoice = { needId: ids.data, kind: "offer", candidateId: ids.canadaA };
    expect(await decideMatch(db, rapporteur, ids.meetingId, dismiss, "dismissed", context)).toEqual({ ok: true, changed: true });
    expect(await decideMatch(db, rapporteur, ids.meetingId, confirm, "confirmed", context)).toEqual({ ok: true, changed: true });
    const decided = await matchingOverview(db, ids.meetingId, "en");
    expect(matchesOf(decided, ids.data)?.map(([id, , , status]) => [id, status])).toEqual([
      [ids.canadaA, "confirmed"],
      [ids.france, "suggested"],
      [ids.canadaB, "suggested"],
    ]);
    expect(decided.needs.find(({ need }) => need.id === ids.data)?.dismissed.map((candidate) => candidate.id)).toEqual([ids.guatemala]);
    expect(await undoMatchDecision(db, rapporteur, ids.meetingId, dismiss, context)).toEqual({ ok: true, changed: true });
    expect(matchesOf(await matchingOverview(db, ids.meetingId, "en"), ids.data)?.map(([id]) => id)).toEqual([ids.canadaA, ids.guatemala, ids.france, ids.canadaB]);
    const trail = await db.selectFrom("audit_event").select(["action", "target_type"]).where("actor_user_id", "=", rapporteur.id).where("target_type", "=", "capacity_match").orderBy("created_at").orderBy("id").execute();
    expect(trail.map((event) => event.action).sort()).toEqual(["capacity_match.confirmed", "capacity_match.dismissed", "capacity_match.undone"]);
  });

  it("changes nothing, and records nothing, when a decision is taken twice or undone twice", async () => {
    const { db, ids, rapporteur } = await fixture();
    const choice: MatchChoice = { needId: ids.trafficking, kind: "proposal", candidateId: ids.retained };
    expect(await decideMatch(db, rapporteur, ids.meetingId, choice, "confirmed", context)).toEqual({ ok: true, changed: true });
    expect(await decideMatch(db, rapporteur, ids.meetingId, choice, "confirmed", context)).toEqual({ ok: true, changed: false });
    expect(await db.selectFrom("capacity_match").select("status").where("meeting_id", "=", ids.meetingId).execute()).toEqual([{ status: "confirmed" }]);
    expect(await undoMatchDecision(db, rapporteur, ids.meetingId, choice, context)).toEqual({ ok: true, changed: true });
    expect(await undoMatchDecision(db, rapporteur, ids.meetingId, choice, context)).toEqual({ ok: true, changed: false });
    const events = await db.selectFrom("audit_event").select("action").where("target_type", "=", "capacity_match").where("detail", "like", `%${ids.retained}%`).execute();
    expect(events.map((event) => event.action).sort()).toEqual(["capacity_match.confirmed", "capacity_match.undone"]);
  });

  it("refuses unknown ids, another meeting's, candidates that are not retained or do not fit, and changes nothing", async () => {
    const { db, ids, rapporteur } = await fixture();
    const other = await fixture();
    const refusals: [MatchChoice, string][] = [
      [{ needId: newId(), kind: "offer", candidateId: ids.guatemala }, "need-not-found"],
      [{ needId: ids.data, kind: "offer", candidateId: newId() }, "candidate-not-found"],
      [{ needId: other.ids.data, kind: "offer", candidateId: ids.guatemala }, "need-not-found"],
      [{ needId: ids.data, kind: "offer", candidateId: other.ids.guatemala }, "candidate-not-found"],
      [{ needId: ids.trafficking, kind: "proposal", candidateId: ids.received }, "candidate-not-found"],
      [{ needId: ids.trafficking, kind: "proposal", candidateId: ids.withdrawn }, "candidate-not-found"],
      // An offer's id given as a proposal's.
      [{ needId: ids.data, kind: "proposal", candidateId: ids.guatemala }, "candidate-not-found"],
      [{ needId: ids.data, kind: "offer", candidateId: ids.funding }, "no-fit"],
      [{ needId: ids.data, kind: "offer", candidateId: ids.mexico }, "no-fit"],
    ];
    const auditBefore = await db.selectFrom("audit_event").select((eb) => eb.fn.countAll<number | string>().as("count")).executeTakeFirstOrThrow();
    for (const [choice, reason] of refusals) {
      expect(await decideMatch(db, rapporteur, ids.meetingId, choice, "confirmed", context)).toEqual({ ok: false, reason });
    }
    expect(await undoMatchDecision(db, rapporteur, ids.meetingId, { needId: other.ids.data, kind: "offer", candidateId: other.ids.guatemala }, context)).toEqual({ ok: false, reason: "need-not-found" });
    // A decision of another meeting is not undone through this one.
    const theirs: MatchChoice = { needId: other.ids.data, kind: "offer", candidateId: other.ids.guatemala };
    await decideMatch(db, rapporteur, other.ids.meetingId, theirs, "confirmed", context);
    expect(await undoMatchDecision(db, rapporteur, ids.meetingId, theirs, context)).toEqual({ ok: false, reason: "need-not-found" });
    expect(await db.selectFrom("capacity_match").select("status").where("need_id", "=", other.ids.data).execute()).toEqual([{ status: "confirmed" }]);
    expect(await db.selectFrom("capacity_match").selectAll().where("meeting_id", "=", ids.meetingId).execute()).toEqual([]);
    const auditAfter = await db.selectFrom("audit_event").select((eb) => eb.fn.countAll<number | string>().as("count")).executeTakeFirstOrThrow();
    expect(Number(auditAfter.count)).toBe(Number(auditBefore.count) + 1);
  });

  it("gives the confirmed matches as typed rows, naming only attributable organisations and quoting no count-only text", async () => {
    const { db, ids, rapporteur } = await fixture();
    await db.updateTable("capacity_offer").set({ attribution: "aggregate_only" }).where("id", "=", ids.france).execute();
    await db.updateTable("capacity_offer").set({ attribution: "non_attributable" }).where("id", "=", ids.guatemala).execute();
    for (const candidateId of [ids.france, ids.guatemala]) await decideMatch(db, rapporteur, ids.meetingId, { needId: ids.data, kind: "offer", candidateId }, "confirmed", context);
    await decideMatch(db, rapporteur, ids.meetingId, { needId: ids.data, kind: "offer", candidateId: ids.canadaA }, "dismissed", context);
    const rows = await confirmedMatches(db, ids.meetingId, "fr");
    expect(rows.map((row) => [row.need.id, row.candidate.id, row.candidate.organisation, row.candidate.text, row.score])).toEqual([
      [ids.data, ids.guatemala, null, "GT gcm-01", 8],
      [ids.data, ids.france, null, null, 6],
    ]);
    expect(rows[0]).toMatchObject({ objective: { code: "gcm-01", label: "1. Données précises et ventilées" }, need: { organisation: "Mexique", kind: "need" }, decidedAt: STAMP });
    expect(rows[0]?.reasons.map((reason) => reason.code)).toEqual(["same-objective", "wanted-modality", "modality-for-gap", "same-region"]);
  });
});
