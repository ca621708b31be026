import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { createKeyMessage, listKeyMessages } from "#app/features/messages/key-messages.ts";
import { importResponse } from "#app/features/responses/responses.ts";
import { action, loader } from "#app/routes/consultations.$id.responses.$responseId.tsx";
import type { Attribution, Consultation } from "#db/schema.ts";
import { MINIMAL_CAPACITY_ANSWERS, openNow } from "#tests/consultations.ts";
import { context, cookieFor, currentUserFor, demoEmail, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

const PASSAGE = "a one-stop window for returning migrants in every province";
let consultation: Consultation;
let messageId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const db = getDb();
  consultation = await openNow();
  const focal = await db.selectFrom("user").select("id").where("email", "=", demoEmail("focal_point")).executeTakeFirstOrThrow();
  for (const [code, attribution] of [
    ["MX", "attributable"],
    ["KE", "aggregate_only"],
  ] as [string, Attribution][]) {
    const result = await importResponse(db, {
      consultation,
      organisationId: await stateId(code),
      userId: focal.id,
      answers: { ...MINIMAL_CAPACITY_ANSWERS, proposals_for_marrakech: `We ask for ${PASSAGE}.` },
      status: "submitted",
      attribution,
      language: "en",
      at: new Date(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    ids[code] = result.responseId;
  }
  const created = await createKeyMessage(db, await currentUserFor(demoEmail("rapporteur")), consultation.meeting_id, { title: "Reintegration close to home", body: "Text.", language: "en" }, { ip: null });
  if (!created.ok) throw new Error("refused");
  messageId = created.id;
});

const path = (code: string) => `/consultations/${consultation.id}/responses/${ids[code]}`;
const cite = async (cookie: string, code: string, fields: Record<string, string>) =>
  outcome(await settle(() => action({ request: post(path(code), { messageId, ...fields }, { cookie }), context, params: { id: consultation.id, responseId: ids[code] } })));
const citations = async () => (await listKeyMessages(getDb(), consultation.meeting_id, { language: "en" })).find((message) => message.id === messageId)?.citations ?? [];

describe("citing an answer in a key message, from the answer reader", () => {
  it("offers the meeting's key messages and the answer's written questions to a rapporteur", async () => {
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const page = outcome(await settle(() => loader({ request: get(path("MX"), { cookie }), context, params: { id: consultation.id, responseId: ids.MX } })));
    const data = page.data as Awaited<ReturnType<typeof loader>>;
    expect(data.citing?.messages.some((message) => message.id === messageId)).toBe(true);
    expect(data.citing?.questions.map((question) => question.path)).toContain("proposals_for_marrakech");
    // Choices and ratings are counted, not quoted: they are not offered.
    expect(data.citing?.questions.map((question) => question.path)).not.toContain("whole_of_government_consultation");
  });

  it("quotes a passage word for word, refuses one that is not in the answer, and refuses to quote a count-only answer while citing it to be counted", async () => {
    const cookie = await cookieFor(demoEmail("rapporteur"));
    expect(await cite(cookie, "MX", { question: "proposals_for_marrakech", quote: "a one-stop window in every town" })).toMatchObject({ status: 400, data: { cited: false, refusal: "quote-not-found" } });
    expect(await cite(cookie, "MX", { question: "proposals_for_marrakech", quote: PASSAGE })).toMatchObject({ status: 200, data: { cited: true } });
    expect(await cite(cookie, "KE", { question: "proposals_for_marrakech", quote: PASSAGE })).toMatchObject({ status: 400, data: { refusal: "count-only" } });
    expect(await cite(cookie, "KE", { question: "", quote: "" })).toMatchObject({ status: 200, data: { cited: true } });
    expect(await cite(cookie, "KE", { question: "", quote: "" })).toMatchObject({ status: 409, data: { refusal: "already-cited" } });
    const shown = await citations();
    expect(shown.map((citation) => [citation.source.attribution, citation.quote])).toEqual([
      ["attributable", PASSAGE],
      ["aggregate_only", null],
    ]);
  });

  it("is for rapporteurs and the secretariat only; a focal point cannot cite, nor see the form", async () => {
    const cookie = await cookieFor(demoEmail("focal_point"));
    expect((await cite(cookie, "MX", { question: "proposals_for_marrakech", quote: PASSAGE })).status).toBe(403);
    expect(await cite(await cookieFor(demoEmail("admin")), "MX", { messageId: "not-an-id" })).toMatchObject({ status: 400, data: { refusal: "message-not-found" } });
  });
});
