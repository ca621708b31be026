import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { questionNamed, surveyModel } from "#app/features/surveys/survey-model.ts";
import { STAKEHOLDER_TYPES } from "#app/features/taxonomy/taxonomy.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { createMember, currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { withoutItemIds } from "#tests/item-ids.ts";
import { changesSinceOwnLast } from "./news.ts";
import { getResponse, listRevisions, saveDraft, submitResponse, type SaveResult } from "./responses.ts";

/** Two focal points of Mexico, on a capacity-needs consultation of their own. */
async function setting() {
  const consultation = await capacityConsultation();
  const mexico = await stateId("MX");
  const first = await currentUserFor(demoEmail("focal_point"));
  const second = await createMember(mexico, "focal_point");
  const as = (user: typeof first, language: "en" | "fr" | "es" = "en") => ({ consultation, organisationId: mexico, user, page: 0, language, ip: null, now: DURING });
  const version = await getSurveyVersion(getDb(), consultation.survey_version_id);
  if (!version) throw new Error("no survey version");
  const questions = surveyModel(version).questions;
  /** A question's title as the survey words it (inner questions of the offers panel too). */
  const title = (name: string, language: "en" | "es" = "en") => (questionNamed(questions, name) ?? questionNamed(questionNamed(questions, "offers")?.panels?.questions ?? questions, name))?.titles[language] ?? name;
  return { consultation, mexico, first, second, as, title };
}

const label = (value: string, language: "en" | "es") => STAKEHOLDER_TYPES.find((term) => term.value === value)?.text[language];

function merged(result: SaveResult) {
  if (!result.ok) throw new Error(`expected a save, got ${JSON.stringify(result)}`);
  return result.merged;
}

function conflict(result: SaveResult) {
  if (result.ok || result.reason !== "conflict") throw new Error(`expected a conflict, got ${JSON.stringify(result)}`);
  return result;
}

describe("two people on one answer", () => {
  it("changes to different questions merge by themselves; the one whose save merged is told, and the other at their next save", async () => {
    const { first, second, as, consultation, mexico, title } = await setting();
    await saveDraft(getDb(), { ...as(first), answers: { coordinating_institution: "SRE" }, baseRevision: 0 });
    await saveDraft(getDb(), { ...as(second), answers: { coordinating_institution: "SRE", whole_of_government_consultation: "partly" }, baseRevision: 1 });

    const mine = await saveDraft(getDb(), { ...as(first), answers: { coordinating_institution: "SRE", wog_mechanism: "exists" }, baseRevision: 1 });
    expect(mine).toMatchObject({ ok: true, revision: 3 });
    expect(merged(mine)).toEqual({
      answers: { coordinating_institution: "SRE", whole_of_government_consultation: "partly", wog_mechanism: "exists" },
      news: [{ by: "Test focal_point", elsewhere: false, changed: [title("whole_of_government_consultation")], replaced: [] }],
    });
    const stored = await getResponse(getDb(), first, consultation.id, mexico);
    expect(JSON.parse(stored?.data ?? "")).toEqual({ coordinating_institution: "SRE", whole_of_government_consultation: "partly", wog_mechanism: "exists" });
    // The revision records only what this save changed: the other's answer was there already.
    expect((await listRevisions(getDb(), stored?.id ?? ""))[0]).toMatchObject({ revision: 3, changedKeys: ["wog_mechanism"], userName: "María Fernanda López" });

    const theirs = await saveDraft(getDb(), { ...as(second, "es"), answers: { coordinating_institution: "SRE", whole_of_government_consultation: "partly", contributing_institutions: "SEGOB" }, baseRevision: 2 });
    expect(merged(theirs)?.news).toEqual([{ by: "María Fernanda López", elsewhere: false, changed: [title("wog_mechanism", "es")], replaced: [] }]);
    expect(merged(theirs)?.answers).toMatchObject({ wog_mechanism: "exists", contributing_institutions: "SEGOB" });
  });

  it("different entries of a repeated panel merge: one person adds an entry while the other changes another", async () => {
    const { first, second, as } = await setting();
    const a = { objective: "gcm-01", description: "Data training" };
    const b = { objective: "gcm-23", description: "Peer exchange" };
    await saveDraft(getDb(), { ...as(first), answers: { can_offer: true, offers: [a] }, baseRevision: 0 });
    await saveDraft(getDb(), { ...as(second), answers: { can_offer: true, offers: [a, b] }, baseRevision: 1 });
    const changed = await saveDraft(getDb(), { ...as(first), answers: { can_offer: true, offers: [{ ...a, modality: ["training"] }] }, baseRevision: 1 });
    expect(withoutItemIds(merged(changed)?.answers)).toEqual({ can_offer: true, offers: [{ ...a, modality: ["training"] }, b] });
    // Each adds one more: both are kept.
    const c = { objective: "gcm-05", description: "Labour pathways" };
    const d = { objective: "gcm-19", description: "Diaspora bonds" };
    await saveDraft(getDb(), { ...as(second), answers: { can_offer: true, offers: [{ ...a, modality: ["training"] }, b, c] }, baseRevision: 3 });
    const added = await saveDraft(getDb(), { ...as(first), answers: { can_offer: true, offers: [{ ...a, modality: ["training"] }, b, d] }, baseRevision: 3 });
    expect(withoutItemIds(merged(added)?.answers.offers)).toEqual([{ ...a, modality: ["training"] }, b, c, d]);
  });

  it("the same question changed by both is a conflict, shown in words in the reader's language with the other's latest answer; nothing is stored until the person chooses, question by question", async () => {
    const { first, second, as, consultation, mexico, title } = await setting();
    await saveDraft(getDb(), { ...as(first), answers: { wos_stakeholders: ["state"], coordinating_institution: "SRE" }, baseRevision: 0 });
    await saveDraft(getDb(), { ...as(second), answers: { wos_stakeholders: ["state", "academia"], coordinating_institution: "SRE" }, baseRevision: 1 });
    await saveDraft(getDb(), { ...as(second), answers: { wos_stakeholders: ["state", "academia"], coordinating_institution: "Cancillería" }, baseRevision: 2 });

    const mine = { wos_stakeholders: ["state", "ngo"], coordinating_institution: "SRE (DGPME)", wog_mechanism: "none" };
    const refused = conflict(await saveDraft(getDb(), { ...as(first, "es"), answers: mine, baseRevision: 1 }));
    expect(refused.current).toMatchObject({ revision: 3, updatedBy: "Test focal_point" });
    expect(refused.conflicts).toEqual([
      { name: "coordinating_institution", title: title("coordinating_institution", "es"), mine: "SRE (DGPME)", theirs: "Cancillería", entries: false, shown: [{ mine: "SRE (DGPME)", theirs: "Cancillería" }] },
      {
        name: "wos_stakeholders",
        title: title("wos_stakeholders", "es"),
        mine: ["state", "ngo"],
        theirs: ["state", "academia"],
        entries: false,
        shown: [{ mine: `${label("state", "es")}, ${label("ngo", "es")}`, theirs: `${label("state", "es")}, ${label("academia", "es")}` }],
      },
    ]);
    // Every other change is merged, each disputed answer left as stored until chosen.
    expect(refused.merged).toEqual({ wos_stakeholders: ["state", "academia"], coordinating_institution: "Cancillería", wog_mechanism: "none" });
    expect((await getResponse(getDb(), first, consultation.id, mexico))?.revision).toBe(3);

    // Mine for one question, theirs for the other.
    const resolved = { ...refused.merged, wos_stakeholders: refused.conflicts[1]?.mine };
    expect(await saveDraft(getDb(), { ...as(first, "es"), answers: resolved, baseRevision: refused.current.revision })).toMatchObject({ ok: true, revision: 4 });
    const stored = await getResponse(getDb(), first, consultation.id, mexico);
    expect(JSON.parse(stored?.data ?? "")).toEqual({ wos_stakeholders: ["state", "ngo"], coordinating_institution: "Cancillería", wog_mechanism: "none" });

    // The other is told, at their next save and when they open the page again, that their answer was replaced.
    const secondReader = { userId: second.id, clientId: null };
    expect(await changesSinceOwnLast(getDb(), { id: stored?.id ?? "", revision: 4 }, secondReader)).toEqual([
      { userId: first.id, name: "María Fernanda López", changed: ["wog_mechanism", "wos_stakeholders"], replaced: ["wos_stakeholders"] },
    ]);
    const told = [{ by: "María Fernanda López", elsewhere: false, changed: [title("wog_mechanism")], replaced: [title("wos_stakeholders")] }];
    const later = await saveDraft(getDb(), { ...as(second), answers: { wos_stakeholders: ["state", "academia"], coordinating_institution: "Cancillería", contributing_institutions: "SEGOB" }, baseRevision: 3 });
    expect(merged(later)?.news).toEqual(told);
    expect(merged(later)?.answers).toEqual({ wos_stakeholders: ["state", "ngo"], coordinating_institution: "Cancillería", wog_mechanism: "none", contributing_institutions: "SEGOB" });
    expect(await changesSinceOwnLast(getDb(), { id: stored?.id ?? "", revision: 5 }, secondReader)).toEqual([]);
  });

  it("an entry of a repeated panel changed by both is disputed alone, with the answers that differ in words", async () => {
    const { first, second, as, title, consultation, mexico } = await setting();
    const a = { objective: "gcm-01", description: "Data training" };
    const b = { objective: "gcm-23", description: "Peer exchange" };
    await saveDraft(getDb(), { ...as(first), answers: { can_offer: true, offers: [a, b] }, baseRevision: 0 });
    // Both pages hold the entries with the ids the server gave them, as the answering page does.
    const [storedA, storedB] = JSON.parse((await getResponse(getDb(), first, consultation.id, mexico))?.data ?? "").offers as Record<string, unknown>[];
    await saveDraft(getDb(), { ...as(second), answers: { can_offer: true, offers: [{ ...storedA, description: "Theirs" }, storedB] }, baseRevision: 1 });
    const refused = conflict(await saveDraft(getDb(), { ...as(first), answers: { can_offer: true, offers: [{ ...storedA, description: "Mine" }, { ...storedB, modality: ["funding"] }] }, baseRevision: 1 }));
    expect(withoutItemIds(refused.conflicts)).toEqual([
      {
        name: "offers",
        title: "Offers of support",
        mine: [{ ...a, description: "Mine" }, { ...b, modality: ["funding"] }],
        theirs: [{ ...a, description: "Theirs" }, { ...b, modality: ["funding"] }],
        entries: true,
        // The first answer both share names the entry; then only what differs.
        shown: [{ mine: `${title("objective")}: 1. Accurate and disaggregated data · ${title("description")}: Mine`, theirs: `${title("objective")}: 1. Accurate and disaggregated data · ${title("description")}: Theirs` }],
      },
    ]);
  });

  it("a save sent again after its answer was lost, with more typed since, is recognised as the same page's, not a conflict with oneself", async () => {
    const { first, as } = await setting();
    const device = { clientId: "page-3f9a2c7e" };
    await saveDraft(getDb(), { ...as(first), ...device, answers: { coordinating_institution: "S" }, baseRevision: 0 });
    // Stored as revision 2, but the answer never reached the page: it goes on from revision 1.
    await saveDraft(getDb(), { ...as(first), ...device, answers: { coordinating_institution: "SR" }, baseRevision: 1 });
    const again = await saveDraft(getDb(), { ...as(first), ...device, answers: { coordinating_institution: "SRE" }, baseRevision: 1 });
    expect(again).toEqual({ ok: true, revision: 3, status: "draft", updatedAt: expect.any(String), reference: null });
    // Another page (another window, or a device that sent no name) changing the same answer is a conflict.
    expect(await saveDraft(getDb(), { ...as(first), clientId: "page-other-window", answers: { coordinating_institution: "Otra" }, baseRevision: 1 })).toMatchObject({ ok: false, reason: "conflict" });
    expect(await saveDraft(getDb(), { ...as(first), answers: { coordinating_institution: "Otra" }, baseRevision: 2 })).toMatchObject({ ok: false, reason: "conflict" });
  });

  it("two first saves at the same moment both land, merged", async () => {
    const { first, second, as, consultation, mexico } = await setting();
    const results = await Promise.all([
      saveDraft(getDb(), { ...as(first), answers: { coordinating_institution: "SRE" }, baseRevision: 0 }),
      saveDraft(getDb(), { ...as(second), answers: { wog_mechanism: "exists" }, baseRevision: 0 }),
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(JSON.parse((await getResponse(getDb(), first, consultation.id, mexico))?.data ?? "")).toEqual({ coordinating_institution: "SRE", wog_mechanism: "exists" });
  });

  it("a submission based on an older revision is not merged silently: the merged answers come back to be read, and nothing is submitted", async () => {
    const { first, second, as, consultation, mexico } = await setting();
    await saveDraft(getDb(), { ...as(first), answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0 });
    await saveDraft(getDb(), { ...as(second), answers: { ...MINIMAL_CAPACITY_ANSWERS, contributing_institutions: "SEGOB" }, baseRevision: 1 });
    const refused = conflict(await submitResponse(getDb(), { ...as(first), answers: { ...MINIMAL_CAPACITY_ANSWERS, wog_mechanism: "exists" }, baseRevision: 1, attribution: "attributable" }));
    expect(refused.conflicts).toEqual([]);
    expect(withoutItemIds(refused.merged)).toEqual({ ...MINIMAL_CAPACITY_ANSWERS, contributing_institutions: "SEGOB", wog_mechanism: "exists" });
    expect(await getResponse(getDb(), first, consultation.id, mexico)).toMatchObject({ status: "draft", revision: 2 });
  });

  it("entries added on both sides beyond a panel's limit are disputed rather than stored", async () => {
    const { first, second, as } = await setting();
    const offer = (n: number) => ({ objective: "gcm-01", description: `Offer ${n}` });
    const start = [1, 2, 3, 4, 5, 6, 7].map(offer);
    await saveDraft(getDb(), { ...as(first), answers: { can_offer: true, offers: start }, baseRevision: 0 });
    await saveDraft(getDb(), { ...as(second), answers: { can_offer: true, offers: [...start, offer(8), offer(9)] }, baseRevision: 1 });
    const refused = conflict(await saveDraft(getDb(), { ...as(first), answers: { can_offer: true, offers: [...start, offer(10), offer(11)] }, baseRevision: 1 }));
    expect(refused.conflicts.map((item) => item.name)).toEqual(["offers"]);
    expect(refused.merged.offers).toHaveLength(9);
  });
});
