import { describe, expect, it } from "vitest";
import { newId } from "#app/features/ids.ts";
import { loader as consultationSummary } from "#app/routes/consultations.$id.summary.tsx";
import { loader as meetingSummary } from "#app/routes/meetings.$id.summary.tsx";
import { capacityConsultation } from "#tests/consultations.ts";
import { fixtureAnswer, fixtureOrganisation } from "#tests/figures.ts";
import { context, cookieFor, demoEmail, get, outcome, settle } from "#tests/helpers.ts";

interface Page {
  problems: string[];
  summary: { participation: { audience: number } } | null;
  choices: { consultations: { id: string }[] | null };
}

const asRapporteur = async (path: string) => get(path, { headers: { Cookie: await cookieFor(demoEmail("rapporteur")), "Accept-Language": "fr" } });

describe("the summary pages", () => {
  it("show a consultation's figures for the filters in the address", async () => {
    const consultation = await capacityConsultation();
    const response = await consultationSummary({ request: await asRapporteur(`/consultations/${consultation.id}/summary?region=002&type=state&attribution=attributable`), context, params: { id: consultation.id } });
    const result = outcome(response);
    expect(result.status).toBe(200);
    const data = result.data as Page;
    expect(data.problems).toEqual([]);
    expect(data.summary?.participation.audience).toBeGreaterThan(0);
    expect(data.choices.consultations).toBeNull();
  });

  it("name each filter they cannot use, answer 400 and show no figure rather than widen the view", async () => {
    const consultation = await capacityConsultation();
    const result = outcome(
      await consultationSummary({ request: await asRapporteur(`/consultations/${consultation.id}/summary?region=Europe&type=ngo&attribution=%3Cscript%3E&consultation=${consultation.id}`), context, params: { id: consultation.id } }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ problems: ["region", "type", "attribution", "consultation"], summary: null });
  });

  it("offer a meeting's consultations as a filter, and refuse one of another meeting", async () => {
    const consultation = await capacityConsultation();
    const meetingId = consultation.meeting_id;
    const all = outcome(await meetingSummary({ request: await asRapporteur(`/meetings/${meetingId}/summary`), context, params: { id: meetingId } }));
    expect(all.status).toBe(200);
    expect((all.data as Page).choices.consultations?.map((choice) => choice.id)).toContain(consultation.id);
    const one = outcome(await meetingSummary({ request: await asRapporteur(`/meetings/${meetingId}/summary?consultation=${consultation.id}`), context, params: { id: meetingId } }));
    expect(one.status).toBe(200);
    const other = outcome(await meetingSummary({ request: await asRapporteur(`/meetings/${meetingId}/summary?consultation=${newId()}`), context, params: { id: meetingId } }));
    expect(other.status).toBe(400);
    expect((other.data as Page).problems).toEqual(["consultation"]);
  });

  it("list written answers under the address's filters, a count-only answer's text only counted, on the consultation's and the meeting's pages", async () => {
    const consultation = await capacityConsultation();
    await fixtureAnswer(consultation, await fixtureOrganisation("state", "155", "Named State"), { additional_comments: "Named <script>alert(1)</script>" }, "attributable");
    await fixtureAnswer(consultation, await fixtureOrganisation("state", "155", "Counted State"), { additional_comments: "Counted only" }, "aggregate_only");
    const comments = (data: unknown) =>
      (data as { summary: { writtenAnswers: { questions: { id: string; countOnly: number; shown: { text: string; organisation: string | null }[] }[] }[] } }).summary.writtenAnswers
        .flatMap((group) => group.questions)
        .find((question) => question.id.endsWith("-additional_comments-"));

    const page = outcome(await consultationSummary({ request: await asRapporteur(`/consultations/${consultation.id}/summary?region=155`), context, params: { id: consultation.id } }));
    expect(page.status).toBe(200);
    expect(comments(page.data)).toMatchObject({ countOnly: 1, shown: [{ text: "Named <script>alert(1)</script>", organisation: "Named State" }] });
    expect(JSON.stringify(page.data)).not.toContain("Counted only");

    const unnamed = outcome(await consultationSummary({ request: await asRapporteur(`/consultations/${consultation.id}/summary?region=155&attribution=non_attributable`), context, params: { id: consultation.id } }));
    expect(comments(unnamed.data)).toBeUndefined();

    const meetingId = consultation.meeting_id;
    const meeting = outcome(await meetingSummary({ request: await asRapporteur(`/meetings/${meetingId}/summary?consultation=${consultation.id}&region=155`), context, params: { id: meetingId } }));
    expect(comments(meeting.data)).toMatchObject({ countOnly: 1, shown: [{ text: "Named <script>alert(1)</script>" }] });
  });

  it("answer 404 for an unknown meeting or consultation", async () => {
    for (const id of [newId(), "not-an-id"]) {
      expect(outcome(await settle(async () => meetingSummary({ request: await asRapporteur(`/meetings/${id}/summary`), context, params: { id } }))).status).toBe(404);
      expect(outcome(await settle(async () => consultationSummary({ request: await asRapporteur(`/consultations/${id}/summary`), context, params: { id } }))).status).toBe(404);
    }
  });
});
