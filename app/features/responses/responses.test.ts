import { afterAll, describe, expect, it } from "vitest";
import type { Consultation } from "#db/schema.ts";
import { readSurveyFile, resolveTaxonomies } from "#app/features/surveys/definitions.ts";
import { closeSurveyCorePool } from "#app/features/surveys/survey-core-pool.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { getDb } from "#app/db.server.ts";
import { AFTER, DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { createMember, currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { answeringOrganisation, consultationProgress, listConsultations } from "#app/features/consultations/consultations.ts";
import { getResponse, listRevisions, reopenResponse, saveDraft, submitResponse } from "./responses.ts";

async function setting() {
  const consultation = await capacityConsultation();
  const mexico = await stateId("MX");
  const first = await currentUserFor(demoEmail("focal_point"));
  const second = await createMember(mexico, "focal_point");
  return { consultation, mexico, first, second };
}

const base = { page: 0, language: "en" as const, ip: null, now: DURING };

/** The capacity-needs survey with a rule the compiled rules leave to survey-core: a validator on the first answer. */
async function withValidator(consultation: Consultation): Promise<Consultation> {
  const definition = resolveTaxonomies(readSurveyFile("capacity-needs")) as { pages: { elements: Record<string, unknown>[] }[] };
  const [first] = definition.pages[0]?.elements ?? [];
  if (first?.name !== "coordinating_institution") throw new Error("capacity-needs changed: pick another question");
  first.validators = [{ type: "regex", regex: "^[A-Z]", text: { default: "Start with a capital", fr: "Commencez par une majuscule", es: "Empiece con mayúscula" } }];
  const id = `capacity-needs-validator-${consultation.id}`;
  await getDb().insertInto("survey_version").values({ id, slug: "capacity-needs", definition: JSON.stringify(definition), created_at: DURING.toISOString() }).execute();
  await getDb().updateTable("consultation").set({ survey_version_id: id }).where("id", "=", consultation.id).execute();
  return { ...consultation, survey_version_id: id };
}

afterAll(closeSurveyCorePool);

describe("responses", () => {
  it("checks a submission to a survey the compiled rules do not cover with survey-core, in a worker thread", async () => {
    const { consultation: plain, mexico, first } = await setting();
    const consultation = await withValidator(plain);
    expect(surveyModel((await getSurveyVersion(getDb(), consultation.survey_version_id))!).rulesComplete).toBe(false);
    const refused = await submitResponse(getDb(), { ...base, language: "fr", consultation, organisationId: mexico, user: first, answers: { ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: "sre" }, baseRevision: 0, attribution: "attributable" });
    expect(refused).toMatchObject({ ok: false, reason: "invalid", problems: [{ name: "coordinating_institution", message: "Commencez par une majuscule" }] });
    const accepted = await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: "SRE" }, baseRevision: 0, attribution: "attributable" });
    expect(accepted).toMatchObject({ ok: true, status: "submitted" });
  });

  it("saves drafts as revisions, with who changed which answers", async () => {
    const { consultation, mexico, first } = await setting();
    const one = await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE" }, baseRevision: 0 });
    expect(one).toMatchObject({ ok: true, revision: 1, status: "draft" });
    const two = await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE", wog_mechanism: "exists" }, baseRevision: 1, page: 1 });
    expect(two).toMatchObject({ ok: true, revision: 2 });
    const response = await getResponse(getDb(), first, consultation.id, mexico);
    expect(response?.current_page).toBe(1);
    const revisions = await listRevisions(getDb(), response?.id ?? "");
    expect(revisions.map((revision) => [revision.revision, revision.changedKeys, revision.userName])).toEqual([
      [2, ["wog_mechanism"], "María Fernanda López"],
      [1, ["coordinating_institution"], "María Fernanda López"],
    ]);
  });

  it("two focal points of one State never overwrite each other: a later save of another answer merges, of the same answer is a conflict", async () => {
    const { consultation, mexico, first, second } = await setting();
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE" }, baseRevision: 0 });
    const mine = await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE", wog_mechanism: "exists" }, baseRevision: 1 });
    expect(mine.ok).toBe(true);
    const theirs = await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: second, answers: { coordinating_institution: "Cancillería" }, baseRevision: 1 });
    expect(theirs).toMatchObject({ ok: true, revision: 3, merged: { answers: { coordinating_institution: "Cancillería", wog_mechanism: "exists" } } });
    const same = await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE (DGPME)", wog_mechanism: "exists" }, baseRevision: 2 });
    expect(same).toMatchObject({ ok: false, reason: "conflict", current: { revision: 3, answers: { coordinating_institution: "Cancillería" }, updatedBy: "Test focal_point" } });
  });

  it("a save based on an answer submitted meanwhile is a conflict that shows the submitted answer", async () => {
    const { consultation, mexico, first, second } = await setting();
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE" }, baseRevision: 0 });
    await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 1, attribution: "attributable" });
    const late = await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: second, answers: { coordinating_institution: "Otra" }, baseRevision: 1 });
    expect(late).toMatchObject({ ok: false, reason: "conflict", current: { status: "submitted", revision: 2 }, conflicts: [{ name: "coordinating_institution" }] });
  });

  it("submitting the answers a save has just stored is not a conflict", async () => {
    const { consultation, mexico, first } = await setting();
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0 });
    const submitted = await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0, attribution: "attributable" });
    expect(submitted).toMatchObject({ ok: true, status: "submitted", revision: 2 });
  });

  it("a submission or save sent again after its answer was lost finds the answers already submitted, not a conflict", async () => {
    const { consultation, mexico, first } = await setting();
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0 });
    const submitted = await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 1, attribution: "attributable" });
    expect(submitted).toMatchObject({ ok: true, status: "submitted", revision: 2 });
    const reference = submitted.ok ? submitted.reference : null;
    // The device never heard back: it saves, or submits again, from revision 1.
    expect(await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 1 })).toEqual({
      ok: true,
      revision: 2,
      status: "submitted",
      updatedAt: expect.any(String),
      reference,
    });
    expect(await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 1, attribution: "attributable" })).toMatchObject({ ok: true, revision: 2, status: "submitted", reference });
    // Nothing was written again.
    const response = await getResponse(getDb(), first, consultation.id, mexico);
    expect((await listRevisions(getDb(), response?.id ?? "")).map((entry) => entry.revision)).toEqual([2, 1]);
    // Other answers, or another attribution, are a conflict as before.
    expect(await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 1, attribution: "aggregate_only" })).toMatchObject({ ok: false, reason: "conflict" });
    expect(await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { ...MINIMAL_CAPACITY_ANSWERS, wog_mechanism: "exists" }, baseRevision: 1 })).toMatchObject({ ok: false, reason: "conflict" });
    expect(await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: "not answers", baseRevision: 1 })).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("repeating a save that already went through is not a conflict", async () => {
    const { consultation, mexico, first } = await setting();
    const answers = { coordinating_institution: "SRE" };
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers, baseRevision: 0 });
    expect(await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers, baseRevision: 0 })).toMatchObject({ ok: true, revision: 1 });
  });

  it("refuses a submission with problems, listed by question, and keeps the draft as it was", async () => {
    const { consultation, mexico, first } = await setting();
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE" }, baseRevision: 0 });
    const refused = await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE", injected: "<script>" }, baseRevision: 1, attribution: "attributable" });
    expect(refused).toMatchObject({ ok: false, reason: "invalid" });
    if (!refused.ok && refused.reason === "invalid") expect(refused.problems.map((problem) => problem.name)).toContain("injected");
    const incomplete = await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE" }, baseRevision: 1, attribution: "attributable" });
    expect(incomplete).toMatchObject({ ok: false, reason: "invalid" });
    const response = await getResponse(getDb(), first, consultation.id, mexico);
    expect(response).toMatchObject({ status: "draft", revision: 1, reference: null });
  });

  it("submits with a receipt reference and attribution; reopens and amends until closing; then nothing changes", async () => {
    const { consultation, mexico, first } = await setting();
    const submitted = await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0, attribution: "non_attributable" });
    expect(submitted).toMatchObject({ ok: true, status: "submitted" });
    const reference = submitted.ok ? submitted.reference : null;
    expect(reference).toMatch(/^CN-[A-Z2-7]{8}$/);
    expect(await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: {}, baseRevision: 1 })).toEqual({ ok: false, reason: "submitted" });

    const reopened = await reopenResponse(getDb(), { consultation, organisationId: mexico, user: first, ip: null, now: DURING });
    expect(reopened).toMatchObject({ ok: true, status: "amending", revision: 2 });
    expect((await getResponse(getDb(), first, consultation.id, mexico))?.language).toBe("en");
    const amended = await submitResponse(getDb(), { ...base, language: "es", consultation, organisationId: mexico, user: first, answers: { ...MINIMAL_CAPACITY_ANSWERS, wog_mechanism: "exists" }, baseRevision: 2, attribution: "aggregate_only" });
    expect(amended).toMatchObject({ ok: true, revision: 3, reference });
    // The amendment was written on the Spanish page: the answer is now read as Spanish.
    expect(await getResponse(getDb(), first, consultation.id, mexico)).toMatchObject({ attribution: "aggregate_only", language: "es" });

    expect(await reopenResponse(getDb(), { consultation, organisationId: mexico, user: first, ip: null, now: AFTER })).toEqual({ ok: false, reason: "closed" });
    expect(await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: {}, baseRevision: 3, now: AFTER })).toEqual({ ok: false, reason: "closed" });
  });

  it("records answers entered by the secretariat on behalf of a State", async () => {
    const { consultation, mexico } = await setting();
    const admin = await currentUserFor(demoEmail("admin"));
    await submitResponse(getDb(), { ...base, consultation, organisationId: mexico, user: admin, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0, attribution: "attributable", byProxy: true });
    const response = await getResponse(getDb(), admin, consultation.id, mexico);
    const [revision] = await listRevisions(getDb(), response?.id ?? "");
    expect(revision).toMatchObject({ byProxy: true, userName: "Amina Diallo", action: "submit" });
  });

  it("a focal point cannot read another State's response; partners are not in a States' audience", async () => {
    const { consultation, mexico, first } = await setting();
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE" }, baseRevision: 0 });
    const france = await stateId("FR");
    const french = await createMember(france, "focal_point");
    expect(await getResponse(getDb(), french, consultation.id, mexico)).toBeUndefined();
    expect(answeringOrganisation(french, consultation)).toBe(france);
    const partner = await currentUserFor(demoEmail("partner"));
    expect(answeringOrganisation(partner, consultation)).toBeNull();
    expect((await listConsultations(getDb(), partner, DURING)).map((item) => item.consultation.id)).not.toContain(consultation.id);
    expect((await listConsultations(getDb(), french, DURING)).find((item) => item.consultation.id === consultation.id)?.status).toBe("open");
  });

  it("counts who has not started, has a draft, has submitted", async () => {
    const { consultation, mexico, first } = await setting();
    await saveDraft(getDb(), { ...base, consultation, organisationId: mexico, user: first, answers: { coordinating_institution: "SRE" }, baseRevision: 0 });
    const progress = await consultationProgress(getDb(), consultation);
    expect(progress).toEqual({ eligible: 195, notStarted: 194, draft: 1, submitted: 0, amending: 0 });
  });
});
