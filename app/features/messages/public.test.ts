import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { changeAttribution, submitResponse } from "#app/features/responses/responses.ts";
import { freshMeeting, proposalsConsultation, submitProposals } from "#tests/published.ts";
import {
  DURING,
  MINIMAL_CAPACITY_ANSWERS,
  capacityConsultation,
} from "#tests/consultations.ts";
import {
  createMember,
  currentUserFor,
  demoEmail,
  stateId,
} from "#tests/helpers.ts";
import {
  addCitation,
  createKeyMessage,
  setKeyMessageStatus,
} from "./key-messages.ts";
import {
  forgetPublicOutcomes,
  PUBLIC_CACHE_MS,
  publicOutcome,
} from "./public.ts";

const context = { ip: null, now: DURING };
const SECRET = "only ever to be counted, never read out";

describe("a meeting's public outcome", () => {
  it("shows agreed messages only, names organisations only where allowed, never a count-only answer's text, and no receipt reference", async () => {
    const db = getDb();
    const consultation = await capacityConsultation();
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const submitted = async (
      country: string,
      attribution: "attributable" | "non_attributable" | "aggregate_only"
    ) => {
      const organisationId = await stateId(country);
      const user = await createMember(organisationId, "focal_point");
      await submitResponse(db, {
        consultation,
        organisationId,
        user,
        answers: {
          ...MINIMAL_CAPACITY_ANSWERS,
          financing_gaps: `We need pooled funds; ${SECRET}.`,
        },
        baseRevision: 0,
        page: 0,
        language: "en",
        ip: null,
        now: DURING,
        attribution,
      });
      return (
        await db
          .selectFrom("response")
          .select("id")
          .where("consultation_id", "=", consultation.id)
          .where("organisation_id", "=", organisationId)
          .executeTakeFirstOrThrow()
      ).id;
    };
    const title = `Agreed ${newId()}`;
    const agreed = await createKeyMessage(
      db,
      rapporteur,
      consultation.meeting_id,
      { title, body: "Pooled funds.", language: "en" },
      context
    );
    const draft = await createKeyMessage(
      db,
      rapporteur,
      consultation.meeting_id,
      { title: `Draft ${newId()}`, body: "Not yet.", language: "en" },
      context
    );
    if (!agreed.ok || !draft.ok) throw new Error("refused");
    for (const [country, attribution] of [
      ["AR", "attributable"],
      ["UY", "non_attributable"],
    ] as const) {
      await addCitation(db, rapporteur, agreed.id, { responseId: await submitted(country, attribution), question: "financing_gaps", quote: "We need pooled funds" }, context);
    }
    await addCitation(
      db,
      rapporteur,
      agreed.id,
      { responseId: await submitted("PY", "aggregate_only") },
      context
    );
    await setKeyMessageStatus(db, rapporteur, { meetingId: consultation.meeting_id, id: agreed.id }, "agreed", context);

    forgetPublicOutcomes();
    const outcome = await publicOutcome(db, consultation.meeting_id, "en");
    const shown = outcome?.messages.find((message) => message.title === title);
    expect(outcome?.messages.some((message) => message.id === draft.id)).toBe(
      false
    );
    expect(
      shown?.citations.map((citation) => [
        citation.source.organisation,
        citation.quote,
        citation.source.reference,
      ])
    ).toEqual([
      ["Argentina", "We need pooled funds", null],
      [null, "We need pooled funds", null],
      [null, null, null],
    ]);
    const text = JSON.stringify(outcome);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("Uruguay");
    expect(text).not.toContain("Paraguay");
  });

  it("reuses what it read for a while, and reads again once told the rapporteurs changed something", async () => {
    const db = getDb();
    const meeting = await db
      .selectFrom("meeting")
      .select("id")
      .executeTakeFirstOrThrow();
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    forgetPublicOutcomes();
    const start = Date.now();
    const before = await publicOutcome(db, meeting.id, "fr", start);
    const created = await createKeyMessage(
      db,
      rapporteur,
      meeting.id,
      { title: `Cached ${newId()}`, body: "Text", language: "fr" },
      context
    );
    if (!created.ok) throw new Error("refused");
    await setKeyMessageStatus(db, rapporteur, { meetingId: meeting.id, id: created.id }, "agreed", context);
    expect(await publicOutcome(db, meeting.id, "fr", start + 1_000)).toBe(
      before
    );
    expect(
      (
        await publicOutcome(db, meeting.id, "fr", start + PUBLIC_CACHE_MS + 1)
      )?.messages.some((message) => message.id === created.id)
    ).toBe(true);
    forgetPublicOutcomes(meeting.id);
    expect(
      (await publicOutcome(db, meeting.id, "fr", start + 1_000))?.messages.some(
        (message) => message.id === created.id
      )
    ).toBe(true);
    expect(await publicOutcome(db, newId(), "fr")).toBeNull();
  });

  it("shows a consented proposal as soon as it is submitted, and hides it as soon as its answer becomes count-only", async () => {
    const db = getDb();
    const meetingId = await freshMeeting();
    const consultation = await proposalsConsultation(meetingId);
    const shownTitles = async () => (await publicOutcome(db, meetingId, "en"))?.proposals.groups.flatMap((group) => group.proposals.map((proposal) => proposal.title));
    expect(await shownTitles()).toEqual([]);
    const title = `Published ${newId()}`;
    const { organisationId, user } = await submitProposals(consultation, { attribution: "attributable", proposals: [{ title, summary: "Text", gcm_objectives: ["gcm-03"], consent_to_publish: true }] });
    expect(await shownTitles()).toEqual([title]);
    const changed = await changeAttribution(db, { consultation, organisationId, user, ip: null, now: DURING, attribution: "aggregate_only" });
    expect(changed.ok).toBe(true);
    expect(await shownTitles()).toEqual([]);
  });
});
