import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { DEMO_PARTNERS, PARTNER_ANSWERS } from "./demo/partners.ts";
import { DEMO_STATES, STATE_ANSWERS } from "./demo/states.ts";
import { seed } from "./seed.ts";

describe("the demo data", () => {
  it("has the three consultations of the 2018 Dialogue: the two before the meeting closed and answered, the follow-up open", async () => {
    const db = getDb();
    const rows = await db
      .selectFrom("response")
      .innerJoin("consultation", "consultation.id", "response.consultation_id")
      .select(["consultation.slug", "response.status", "response.attribution"])
      .execute();
    const count = (slug: string) => rows.filter((row) => row.slug === slug).length;
    expect(count("idm-2018-2-capacity-needs")).toBe(DEMO_STATES.length);
    expect(count("idm-2018-2-partnership-proposals")).toBe(DEMO_PARTNERS.length);
    expect(count("idm-2018-2-follow-up")).toBeGreaterThan(10);
    expect(new Set(rows.map((row) => row.attribution).filter(Boolean))).toEqual(new Set(["attributable", "non_attributable", "aggregate_only"]));
  });

  it("spreads States over every continent and partners over every type, in the three languages", async () => {
    const { continentOf, listStates } = await import("#app/features/organisations/countries.ts");
    const regions = new Map(listStates().map((state) => [state.code, state.regionM49]));
    expect(new Set(DEMO_STATES.map((state) => continentOf(regions.get(state.code) ?? "")))).toEqual(new Set(["002", "009", "019", "142", "150"]));
    const { PARTNER_TYPES } = await import("#app/features/organisations/types.ts");
    expect(new Set(DEMO_PARTNERS.map((partner) => partner.type))).toEqual(new Set(PARTNER_TYPES));
    expect(new Set([...DEMO_STATES, ...DEMO_PARTNERS].map((item) => item.language))).toEqual(new Set(["en", "fr", "es"]));
  });

  it("has key messages of the rapporteurs, agreed and draft, citing demo answers: quoted where allowed, counted only where not", async () => {
    const db = getDb();
    const meeting = await db.selectFrom("meeting").select("id").where("slug", "=", "idm-2018-2").executeTakeFirstOrThrow();
    const { listKeyMessages } = await import("#app/features/messages/key-messages.ts");
    const messages = await listKeyMessages(db, meeting.id, { language: "en" });
    expect(messages.map((message) => [message.language, message.status])).toEqual([
      ["en", "agreed"],
      ["fr", "agreed"],
      ["es", "draft"],
    ]);
    for (const message of messages) expect(message.citations.length).toBeGreaterThanOrEqual(2);
    const citations = messages.flatMap((message) => message.citations);
    expect(citations.some((citation) => citation.source.organisation !== null && citation.quote !== null)).toBe(true);
    for (const citation of citations) {
      if (citation.source.attribution === "aggregate_only") expect(citation.quote).toBeNull();
      if (citation.source.attribution !== "attributable") expect(citation.source.organisation).toBeNull();
    }
  });

  it("derives the proposals, needs and offers of every submitted demo answer: one row per entry, linked to its answer", async () => {
    const db = getDb();
    const submitted = [...STATE_ANSWERS, ...PARTNER_ANSWERS].filter((answer) => answer.status === "submitted");
    const entries = (panel: string, survey?: string) => submitted.filter((answer) => !survey || answer.survey === survey).reduce((sum, answer) => sum + (Array.isArray(answer.answers[panel]) ? answer.answers[panel].length : 0), 0);
    const kinds = (await db.selectFrom("proposal").select("kind").where("withdrawn_at", "is", null).execute()).map((row) => row.kind);
    const ofKind = (kind: string) => kinds.filter((other) => other === kind).length;
    const needs = await db.selectFrom("capacity_need").select("id").where("withdrawn_at", "is", null).execute();
    expect(ofKind("proposal")).toBe(entries("proposals"));
    expect(ofKind("commitment")).toBe(entries("commitments"));
    expect(ofKind("offer")).toBe(entries("offers"));
    expect(needs).toHaveLength(entries("priority_objectives"));
    // A realistic demo: dozens of proposals, every State's needs, offers from States and partners.
    expect(entries("proposals")).toBeGreaterThanOrEqual(40);
    expect(entries("priority_objectives", "capacity-needs")).toBeGreaterThanOrEqual(DEMO_STATES.length);
    const offers = await db.selectFrom("capacity_offer").select("question").execute();
    expect(new Set(offers.map((offer) => offer.question))).toEqual(new Set(["offers", "can_offer", "proposals"]));
    const codes = await db.selectFrom("proposal_code").select("scheme").where("source", "=", "author").execute();
    expect(new Set(codes.map((code) => code.scheme))).toEqual(new Set(["gcm_objective", "guiding_principle", "governance_level", "capacity_gap", "support_modality", "stakeholder_type"]));
    const orphans = await db.selectFrom("proposal").leftJoin("response", "response.id", "proposal.response_id").select("proposal.id").where("response.submitted_data", "is", null).execute();
    expect(orphans).toEqual([]);
  });

  it("adds nothing when run again", async () => {
    expect(await seed(getDb())).toMatchObject({ states: 0, users: 0, answers: 0 });
  });
});
