import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { DURING } from "#tests/consultations.ts";
import { freshMeeting, proposalsConsultation, submitProposals, type ProposalEntry } from "#tests/published.ts";
import { PUBLISHED_PAGE_SIZE, publishedProposals } from "./published.ts";

const proposal = (title: string, consent = true, objectives = ["gcm-07"]): ProposalEntry => ({ title, summary: `Summary of ${title}`, gcm_objectives: objectives, consent_to_publish: consent });
const titles = (result: Awaited<ReturnType<typeof publishedProposals>>) => result.groups.flatMap((group) => group.proposals.map((shown) => shown.title));

describe("the proposals a meeting's public page shows", () => {
  it("shows consented proposals only, never a count-only answer's, a withdrawn one or a merged one; names the organisation only where allowed", async () => {
    const db = getDb();
    const meetingId = await freshMeeting();
    const consultation = await proposalsConsultation(meetingId);
    const marker = `count-only-${newId()}`;
    const named = `Named partner ${newId()}`;
    const unnamed = `Unnamed partner ${newId()}`;
    await submitProposals(consultation, { name: named, attribution: "attributable", language: "fr", proposals: [proposal("Publiée", true, ["gcm-15", "gcm-07"]), proposal("Non publiée", false)] });
    await submitProposals(consultation, { name: unnamed, attribution: "non_attributable", language: "es", proposals: [proposal("Publicada sin nombre")] });
    await submitProposals(consultation, { attribution: "aggregate_only", proposals: [proposal(marker)] });
    const withdrawn = await submitProposals(consultation, { attribution: "attributable", proposals: [proposal("Withdrawn since")] });
    await db.updateTable("proposal").set({ withdrawn_at: isoNow(DURING) }).where("response_id", "=", withdrawn.responseId).execute();
    // A merged proposal is the rapporteurs' text: its source stays published, it does not.
    const source = await db.selectFrom("proposal").select("id").where("title", "=", "Publiée").where("consultation_id", "=", consultation.id).executeTakeFirstOrThrow();
    const mergedId = newId();
    await db
      .insertInto("proposal")
      .values({ id: mergedId, consultation_id: consultation.id, response_id: null, item_id: null, question: null, position: null, kind: "merged", organisation_id: null, stakeholder_type: null, region_m49: null, language: "en", title: "Merged by rapporteurs", summary: "Both", partners_named: null, capacity_built: null, beneficiaries: null, resources_needed: null, resources_offered: null, indicators: null, timeline: null, start_readiness: null, attribution: "attributable", consent_to_publish: 1, status: "received", status_reason: null, merged_into_id: null, withdrawn_at: null, pivot_text: null, translated_at: null, created_at: isoNow(DURING), updated_at: isoNow(DURING) })
      .execute();
    await db.updateTable("proposal").set({ status: "merged", merged_into_id: mergedId }).where("id", "=", source.id).execute();

    const shown = await publishedProposals(db, meetingId, "fr");
    // Submitted at the same moment: their order is the ids'.
    expect(titles(shown).sort()).toEqual(["Publicada sin nombre", "Publiée"]);
    expect(shown.total).toBe(2);
    expect(shown.groups.map((group) => group.consultation)).toEqual(["Appel à propositions"]);
    const byTitle = (title: string) => shown.groups[0]?.proposals.find((shownProposal) => shownProposal.title === title);
    const [first, second] = [byTitle("Publiée"), byTitle("Publicada sin nombre")];
    expect(first).toMatchObject({ organisation: named, stakeholderType: "ngo", language: "fr", summary: "Summary of Publiée", objectives: ["7. Facteurs de vulnérabilité liés aux migrations", "15. Accès aux services de base"] });
    expect(second).toMatchObject({ organisation: null, stakeholderType: "ngo", region: "Amérique centrale", language: "es" });
    const text = JSON.stringify(shown);
    for (const hidden of [marker, unnamed, "Non publiée", "Withdrawn since", "Merged by rapporteurs"]) expect(text).not.toContain(hidden);
    const inSpanish = await publishedProposals(db, meetingId, "es");
    expect(inSpanish.groups[0]?.proposals.find((shownProposal) => shownProposal.title === "Publiée")?.objectives[0]).toBe("7. Abordar y reducir las vulnerabilidades en la migración");
  });

  it("filters by objective, counts each objective for the filter, and pages so that a page stays small", async () => {
    const db = getDb();
    const meetingId = await freshMeeting();
    const consultation = await proposalsConsultation(meetingId);
    // Five entries is the most one answer holds.
    for (let answer = 0; answer < 5; answer += 1) {
      await submitProposals(consultation, { attribution: "attributable", proposals: Array.from({ length: 5 }, (_, index) => proposal(`P${answer}-${index}`, true, index === 0 ? ["gcm-01", "gcm-23"] : ["gcm-23"])) });
    }
    const first = await publishedProposals(db, meetingId, "en");
    expect(first).toMatchObject({ total: 25, page: 1, pageCount: 2, objective: null });
    expect(titles(first)).toHaveLength(PUBLISHED_PAGE_SIZE);
    expect(first.objectives).toEqual([
      { value: "gcm-01", label: "1. Accurate and disaggregated data", count: 5 },
      { value: "gcm-23", label: "23. International cooperation and global partnerships", count: 25 },
    ]);
    const second = await publishedProposals(db, meetingId, "en", { page: 2 });
    expect(titles(second)).toHaveLength(5);
    expect(new Set([...titles(first), ...titles(second)]).size).toBe(25);
    // A page past the last shows the last, so that an old link still shows proposals.
    expect((await publishedProposals(db, meetingId, "en", { page: 9 })).page).toBe(2);

    const filtered = await publishedProposals(db, meetingId, "en", { objective: "gcm-01" });
    expect(filtered).toMatchObject({ total: 5, pageCount: 1, objective: "gcm-01" });
    expect(titles(filtered).every((title) => title?.endsWith("-0"))).toBe(true);
    // An objective that does not exist reads as all of them, never as an error or an empty list.
    expect(await publishedProposals(db, meetingId, "en", { objective: "gcm-99" })).toMatchObject({ total: 25, objective: null });
  });

  it("the demo meeting shows consented proposals in several languages, named and unnamed", async () => {
    const db = getDb();
    const meeting = await db.selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirstOrThrow();
    const shown = await publishedProposals(db, meeting.id, "en", { page: 1 });
    const all = [shown, ...(await Promise.all(Array.from({ length: shown.pageCount - 1 }, (_, index) => publishedProposals(db, meeting.id, "en", { page: index + 2 }))))].flatMap((page) => page.groups.flatMap((group) => group.proposals));
    expect(all).toHaveLength(shown.total);
    expect(new Set(all.map((item) => item.language))).toEqual(new Set(["en", "fr", "es"]));
    expect(all.some((item) => item.organisation !== null)).toBe(true);
    expect(all.some((item) => item.organisation === null)).toBe(true);
    const rows = await db.selectFrom("proposal").select(["id", "consent_to_publish", "attribution"]).where("id", "in", all.map((item) => item.id)).execute();
    expect(rows.every((row) => row.consent_to_publish === 1 && row.attribution !== "aggregate_only")).toBe(true);
  });
});
