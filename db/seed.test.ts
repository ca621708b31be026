import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { DEMO_PARTNERS } from "./demo/partners.ts";
import { DEMO_STATES } from "./demo/states.ts";
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

  it("adds nothing when run again", async () => {
    expect(await seed(getDb())).toMatchObject({ states: 0, users: 0, answers: 0 });
  });
});
