import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { consultationProgress } from "#app/features/consultations/consultations.ts";
import { AFTER, DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { createMember, currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { withoutItemIds } from "#tests/item-ids.ts";
import { changeAttribution, getResponse, reopenResponse, responseStatuses, saveDraft, submitResponse, submittedAnswers } from "./responses.ts";

const LATER = new Date(DURING.getTime() + 3 * 24 * 60 * 60 * 1000);

describe("amending a submitted answer", () => {
  it("a reopened answer stays submitted: its last submission counts, with its reference, use, time and author, until the amendment is submitted", async () => {
    const consultation = await capacityConsultation();
    const mexico = await stateId("MX");
    const first = await currentUserFor(demoEmail("focal_point"));
    const second = await createMember(mexico, "focal_point");
    const as = (user: typeof first, now = DURING) => ({ consultation, organisationId: mexico, user, page: 0, language: "en" as const, ip: null, now });

    const submitted = await submitResponse(getDb(), { ...as(first), answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0, attribution: "non_attributable" });
    const reference = submitted.ok ? submitted.reference : null;
    const before = await getResponse(getDb(), first, consultation.id, mexico);
    expect(before).toMatchObject({ status: "submitted", submitted_by: first.id, attribution: "non_attributable" });
    expect(withoutItemIds(submittedAnswers(before ?? { submitted_data: null }))).toEqual(MINIMAL_CAPACITY_ANSWERS);

    expect(await reopenResponse(getDb(), { ...as(second) })).toMatchObject({ ok: true, status: "amending", revision: 2, reference });
    const amendment = { ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: "Cancillería (borrador)" };
    expect(await saveDraft(getDb(), { ...as(second), answers: amendment, baseRevision: 2 })).toMatchObject({ ok: true, status: "amending", revision: 3, reference });
    // The use may change while amending; it is the last submission's.
    expect(await changeAttribution(getDb(), { ...as(second), attribution: "attributable" })).toMatchObject({ ok: true, status: "amending", revision: 4 });

    const amending = await getResponse(getDb(), first, consultation.id, mexico);
    expect(amending).toMatchObject({ status: "amending", reference, submitted_at: before?.submitted_at, submitted_by: first.id, attribution: "attributable" });
    expect(withoutItemIds(JSON.parse(amending?.data ?? ""))).toEqual(amendment);
    expect(withoutItemIds(submittedAnswers(amending ?? { submitted_data: null }))).toEqual(MINIMAL_CAPACITY_ANSWERS);
    expect(await consultationProgress(getDb(), consultation)).toMatchObject({ draft: 0, submitted: 1, amending: 1, notStarted: 194 });
    expect((await responseStatuses(getDb(), first, [{ consultationId: consultation.id, organisationId: mexico }])).get(consultation.id)).toBe("amending");
    // Reopened once, it is not reopened again.
    expect(await reopenResponse(getDb(), { ...as(first) })).toEqual({ ok: false, reason: "not-draft" });

    const resubmitted = await submitResponse(getDb(), { ...as(second, LATER), answers: amendment, baseRevision: 4, attribution: "aggregate_only" });
    expect(resubmitted).toMatchObject({ ok: true, status: "submitted", revision: 5, reference });
    const after = await getResponse(getDb(), first, consultation.id, mexico);
    expect(after).toMatchObject({ status: "submitted", reference, submitted_at: LATER.toISOString(), submitted_by: second.id, attribution: "aggregate_only" });
    expect(withoutItemIds(submittedAnswers(after ?? { submitted_data: null }))).toEqual(amendment);
    expect(await consultationProgress(getDb(), consultation)).toMatchObject({ submitted: 1, amending: 0 });
  });

  it("closing while amending keeps the last submitted answer as the answer, and the amendment as it was, not counted", async () => {
    const consultation = await capacityConsultation();
    const mexico = await stateId("MX");
    const first = await currentUserFor(demoEmail("focal_point"));
    const as = (now = DURING) => ({ consultation, organisationId: mexico, user: first, page: 0, language: "en" as const, ip: null, now });
    await submitResponse(getDb(), { ...as(), answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0, attribution: "attributable" });
    await reopenResponse(getDb(), as());
    await saveDraft(getDb(), { ...as(), answers: { coordinating_institution: "Not finished" }, baseRevision: 2 });

    expect(await submitResponse(getDb(), { ...as(AFTER), answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 3, attribution: "attributable" })).toEqual({ ok: false, reason: "closed" });
    const closed = await getResponse(getDb(), first, consultation.id, mexico);
    expect(closed?.status).toBe("amending");
    expect(withoutItemIds(JSON.parse(closed?.data ?? ""))).toEqual({ coordinating_institution: "Not finished" });
    expect(withoutItemIds(submittedAnswers(closed ?? { submitted_data: null }))).toEqual(MINIMAL_CAPACITY_ANSWERS);
    expect(await consultationProgress(getDb(), consultation)).toMatchObject({ draft: 0, submitted: 1, amending: 1 });
  });
});
