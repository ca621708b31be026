import { SelectQueryNode, TableNode } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { submitResponse, saveDraft } from "#app/features/responses/responses.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { freshMeeting } from "#tests/published.ts";
import { createMember, currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import type { Attribution } from "#db/schema.ts";
import { messageBlocks } from "./body.ts";
import { addCitation, createKeyMessage, deleteKeyMessage, listKeyMessages, moveKeyMessage, removeCitation, setKeyMessageStatus, updateKeyMessage } from "./key-messages.ts";

const context = { ip: null, now: DURING };
const PASSAGE = "a regional data hub shared by the consulates of the corridor";
const FINANCING = `Our first need is ${PASSAGE}, so that returns and recruitment fees can be followed.`;

async function setting() {
  const db = getDb();
  const consultation = await capacityConsultation();
  const rapporteur = await currentUserFor(demoEmail("rapporteur"));
  const submit = async (country: string, attribution: Attribution) => {
    const organisationId = await stateId(country);
    const user = await createMember(organisationId, "focal_point");
    const result = await submitResponse(db, { consultation, organisationId, user, answers: { ...MINIMAL_CAPACITY_ANSWERS, financing_gaps: FINANCING }, baseRevision: 0, page: 0, language: "en", ip: null, now: DURING, attribution });
    if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result)}`);
    const row = await db.selectFrom("response").select("id").where("consultation_id", "=", consultation.id).where("organisation_id", "=", organisationId).executeTakeFirstOrThrow();
    return { id: row.id, organisationId, user };
  };
  const created = await createKeyMessage(db, rapporteur, consultation.meeting_id, { title: "Data for policy", body: "States ask for shared data.\n\n- hubs\n- training", language: "en" }, context);
  if (!created.ok) throw new Error("message refused");
  return { db, consultation, rapporteur, submit, messageId: created.id };
}

describe("key messages", () => {
  it("reads paragraphs and lists as typed, never as markup", () => {
    expect(messageBlocks("First line\ncontinues.\n\n- one\n- two\n  still two\nAfter the list <b>bold</b>")).toEqual([
      { kind: "paragraph", text: "First line continues." },
      { kind: "list", items: ["one", "two still two"] },
      { kind: "paragraph", text: "After the list <b>bold</b>" },
    ]);
  });

  it("quotes an attributable answer with its organisation, a non-attributable one without, and refuses to quote a count-only one", async () => {
    const { db, rapporteur, submit, messageId, consultation } = await setting();
    const mexico = await submit("MX", "attributable");
    const chile = await submit("CL", "non_attributable");
    const peru = await submit("PE", "aggregate_only");

    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id, question: "financing_gaps", quote: PASSAGE }, context)).toMatchObject({ ok: true });
    expect(await addCitation(db, rapporteur, messageId, { responseId: chile.id, question: "financing_gaps", quote: `  ${PASSAGE.replace(/ /g, "\n")} ` }, context)).toMatchObject({ ok: true });
    expect(await addCitation(db, rapporteur, messageId, { responseId: peru.id, question: "financing_gaps", quote: PASSAGE }, context)).toEqual({ ok: false, reason: "count-only" });
    // Counted without a quote, it may be cited.
    expect(await addCitation(db, rapporteur, messageId, { responseId: peru.id }, context)).toMatchObject({ ok: true });

    const [message] = await listKeyMessages(db, consultation.meeting_id, { language: "es" }).then((all) => all.filter((one) => one.id === messageId));
    expect(message?.citations.map((citation) => [citation.source.organisation, citation.quote, citation.source.attribution])).toEqual([
      ["México", PASSAGE, "attributable"],
      [null, PASSAGE.replace(/ /g, "\n"), "non_attributable"],
      [null, null, "aggregate_only"],
    ]);
    expect(JSON.stringify(message)).not.toContain("Perú");
  });

  it("reads the cited answer once, in the transaction that cites it", async () => {
    const { db, rapporteur, submit, messageId } = await setting();
    const mexico = await submit("MX", "attributable");
    let reads = 0;
    const counted = db.withPlugin({
      transformQuery({ node }) {
        if (SelectQueryNode.is(node) && node.from?.froms.some((from) => TableNode.is(from) && from.table.identifier.name === "response")) reads += 1;
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    });
    expect(await addCitation(counted, rapporteur, messageId, { responseId: mexico.id, question: "financing_gaps", quote: PASSAGE }, context)).toMatchObject({ ok: true });
    expect(reads).toBe(1);
  });

  it("refuses a passage that is not in the answer, a question that holds no text, a draft and another meeting's answer", async () => {
    const { db, rapporteur, submit, messageId, consultation } = await setting();
    const mexico = await submit("MX", "attributable");
    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id, question: "financing_gaps", quote: "a data hub for the whole region" }, context)).toEqual({ ok: false, reason: "quote-not-found" });
    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id, question: "priority_objectives", quote: "gcm-01" }, context)).toEqual({ ok: false, reason: "question-not-found" });
    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id, question: "priority_objectives[0].gap_details", quote: "data" }, context)).toEqual({ ok: false, reason: "question-not-found" });
    // A choice's code is no passage, even where the answer holds it as text.
    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id, question: "priority_objectives[0].objective", quote: "gcm-01" }, context)).toEqual({ ok: false, reason: "question-not-found" });
    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id, question: "wog_mechanism", quote: "none" }, context)).toEqual({ ok: false, reason: "question-not-found" });
    expect(await addCitation(db, rapporteur, messageId, { responseId: newId() }, context)).toEqual({ ok: false, reason: "source-not-found" });

    const colombia = await stateId("CO");
    const drafter = await createMember(colombia, "focal_point");
    await saveDraft(db, { consultation, organisationId: colombia, user: drafter, answers: { financing_gaps: FINANCING }, baseRevision: 0, page: 0, language: "en", ip: null, now: DURING });
    const draft = await db.selectFrom("response").select("id").where("consultation_id", "=", consultation.id).where("organisation_id", "=", colombia).executeTakeFirstOrThrow();
    expect(await addCitation(db, rapporteur, messageId, { responseId: draft.id }, context)).toEqual({ ok: false, reason: "not-submitted" });

    const otherMeeting = { ...(await db.selectFrom("meeting").selectAll().executeTakeFirstOrThrow()), id: newId(), slug: `other-${newId()}` };
    await db.insertInto("meeting").values(otherMeeting).execute();
    const elsewhere = await createKeyMessage(db, rapporteur, otherMeeting.id, { title: "Elsewhere", body: "Text", language: "en" }, context);
    expect(elsewhere.ok && (await addCitation(db, rapporteur, elsewhere.id, { responseId: mexico.id }, context))).toEqual({ ok: false, reason: "other-meeting" });

    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id }, context)).toMatchObject({ ok: true });
    expect(await addCitation(db, rapporteur, messageId, { responseId: mexico.id }, context)).toEqual({ ok: false, reason: "already-cited" });
    const citations = await db.selectFrom("key_message_citation").select("id").where("key_message_id", "=", messageId).execute();
    expect(citations).toHaveLength(1);
  });

  it("a passage quoted from a proposal of a partner's answer cites that proposal, found by the entry's stable id", async () => {
    const { db, rapporteur, messageId, consultation } = await setting();
    const proposal = await db
      .selectFrom("proposal")
      .innerJoin("response", "response.id", "proposal.response_id")
      .innerJoin("consultation", "consultation.id", "response.consultation_id")
      .where("consultation.meeting_id", "=", consultation.meeting_id)
      .select(["proposal.id", "proposal.title", "proposal.summary", "proposal.item_id", "response.id as response_id", "response.submitted_data"])
      .where("proposal.kind", "=", "proposal")
      .where("response.attribution", "=", "attributable")
      .orderBy("proposal.created_at")
      .orderBy("proposal.id")
      .executeTakeFirstOrThrow();
    const entries = (JSON.parse(proposal.submitted_data ?? "{}") as { proposals: { _id: string }[] }).proposals;
    const index = entries.findIndex((entry) => entry._id === proposal.item_id);
    const passage = proposal.summary.split(/(?<=\.)\s/)[0] ?? proposal.summary;
    expect(await addCitation(db, rapporteur, messageId, { responseId: proposal.response_id, question: `proposals[${index}].summary`, quote: passage }, context)).toMatchObject({ ok: true });
    const stored = await db.selectFrom("key_message_citation").select("proposal_id").where("key_message_id", "=", messageId).executeTakeFirstOrThrow();
    expect(stored.proposal_id).toBe(proposal.id);
    const meeting = await db.selectFrom("key_message").select("meeting_id").where("id", "=", messageId).executeTakeFirstOrThrow();
    const [message] = (await listKeyMessages(db, meeting.meeting_id, { language: "en" })).filter((one) => one.id === messageId);
    expect(message?.citations[0]?.source.proposal).toBe(proposal.title);
  });

  it("a quote stored before its organisation chose count only is withheld from then on", async () => {
    const { db, rapporteur, submit, messageId, consultation } = await setting();
    const mexico = await submit("MX", "attributable");
    await addCitation(db, rapporteur, messageId, { responseId: mexico.id, question: "financing_gaps", quote: PASSAGE }, context);
    await db.updateTable("response").set({ attribution: "aggregate_only" }).where("id", "=", mexico.id).execute();
    const [message] = (await listKeyMessages(db, consultation.meeting_id, { language: "en" })).filter((one) => one.id === messageId);
    expect(message?.citations).toEqual([expect.objectContaining({ quote: null, withheld: "count-only", source: expect.objectContaining({ organisation: null, question: null }) })]);
    expect(JSON.stringify(message)).not.toContain(PASSAGE);
  });

  it("agreeing records who and when; editing an agreed message returns it to draft; every change is audited with before and after", async () => {
    const { db, rapporteur, messageId, consultation } = await setting();
    expect(await setKeyMessageStatus(db, rapporteur, { meetingId: consultation.meeting_id, id: messageId }, "agreed", context)).toBe(true);
    let [message] = (await listKeyMessages(db, consultation.meeting_id, { language: "en", agreedOnly: true })).filter((one) => one.id === messageId);
    expect(message).toMatchObject({ status: "agreed", agreedBy: rapporteur.name, agreedAt: DURING.toISOString() });
    expect(await deleteKeyMessage(db, rapporteur, { meetingId: consultation.meeting_id, id: messageId }, context)).toBe("agreed");

    expect(await updateKeyMessage(db, rapporteur, { meetingId: consultation.meeting_id, id: messageId }, { title: "Data for policy", body: "States ask for shared data and training.", language: "en" }, context)).toEqual({ ok: true, id: messageId });
    [message] = (await listKeyMessages(db, consultation.meeting_id, { language: "en" })).filter((one) => one.id === messageId);
    expect(message).toMatchObject({ status: "draft", agreedBy: null, body: "States ask for shared data and training." });
    expect((await listKeyMessages(db, consultation.meeting_id, { language: "en", agreedOnly: true })).some((one) => one.id === messageId)).toBe(false);

    const audit = await db.selectFrom("audit_event").select(["action", "detail"]).where("target_id", "=", messageId).orderBy("created_at").orderBy("action").execute();
    expect(audit.map((event) => event.action).sort()).toEqual(["key_message.agreed", "key_message.created", "key_message.edited"]);
    const edited = audit.find((event) => event.action === "key_message.edited");
    expect(JSON.parse(edited?.detail ?? "{}")).toMatchObject({ before: { body: "States ask for shared data.\n\n- hubs\n- training", status: "agreed" }, after: { body: "States ask for shared data and training.", status: "draft" } });
  });

  it("refuses empty, overlong or unsafe text and changes nothing", async () => {
    const { db, rapporteur, messageId, consultation } = await setting();
    expect(await updateKeyMessage(db, rapporteur, { meetingId: consultation.meeting_id, id: messageId }, { title: " ", body: "x".repeat(10_001), language: "en" }, context)).toEqual({
      ok: false,
      reason: "invalid",
      problems: [
        { field: "title", problem: "empty" },
        { field: "body", problem: "too-long" },
      ],
    });
    expect(await createKeyMessage(db, rapporteur, consultation.meeting_id, { title: "Title\u202e", body: "Body", language: "en" }, context)).toEqual({ ok: false, reason: "invalid", problems: [{ field: "title", problem: "unsafe-characters" }] });
    const [message] = (await listKeyMessages(db, consultation.meeting_id, { language: "en" })).filter((one) => one.id === messageId);
    expect(message?.title).toBe("Data for policy");
  });

  it("keeps the meeting's messages in order; moving swaps neighbours; removing a citation and deleting a draft are audited", async () => {
    const { db, rapporteur, messageId, consultation, submit } = await setting();
    const second = await createKeyMessage(db, rapporteur, consultation.meeting_id, { title: "Second", body: "Text", language: "fr" }, context);
    if (!second.ok) throw new Error("refused");
    const order = async () => (await listKeyMessages(db, consultation.meeting_id, { language: "en" })).map((one) => one.id).filter((id) => id === messageId || id === second.id);
    expect(await order()).toEqual([messageId, second.id]);
    await moveKeyMessage(db, rapporteur, { meetingId: consultation.meeting_id, id: second.id }, "up", context);
    expect(await order()).toEqual([second.id, messageId]);

    const mexico = await submit("MX", "attributable");
    const cited = await addCitation(db, rapporteur, second.id, { responseId: mexico.id }, context);
    expect(cited.ok && (await removeCitation(db, rapporteur, { meetingId: consultation.meeting_id, id: cited.id }, context))).toBe(true);
    expect(await deleteKeyMessage(db, rapporteur, { meetingId: consultation.meeting_id, id: second.id }, context)).toBe("deleted");
    expect(await order()).toEqual([messageId]);
    const actions = await db.selectFrom("audit_event").select("action").where("target_id", "=", second.id).execute();
    expect(actions.map((event) => event.action).sort()).toEqual(["key_message.cited", "key_message.created", "key_message.deleted", "key_message.moved", "key_message.uncited"]);
  });
  it("changes a message or citation only through its own meeting: another meeting's id is not found and nothing changes", async () => {
    const { db, rapporteur, submit, messageId, consultation } = await setting();
    const mexico = await submit("MX", "attributable");
    const cited = await addCitation(db, rapporteur, messageId, { responseId: mexico.id }, context);
    if (!cited.ok) throw new Error("citation refused");
    const elsewhere = await freshMeeting();
    const rows = () => Promise.all([db.selectFrom("key_message").selectAll().where("meeting_id", "=", consultation.meeting_id).orderBy("id").execute(), db.selectFrom("key_message_citation").selectAll().where("key_message_id", "=", messageId).execute()]);
    const before = await rows();
    const wrong = { meetingId: elsewhere, id: messageId };
    expect(await updateKeyMessage(db, rapporteur, wrong, { title: "Changed", body: "Changed.", language: "en" }, context)).toEqual({ ok: false, reason: "not-found" });
    expect(await setKeyMessageStatus(db, rapporteur, wrong, "agreed", context)).toBe(false);
    expect(await moveKeyMessage(db, rapporteur, wrong, "up", context)).toBe(false);
    expect(await removeCitation(db, rapporteur, { meetingId: elsewhere, id: cited.id }, context)).toBe(false);
    expect(await deleteKeyMessage(db, rapporteur, wrong, context)).toBe("not-found");
    expect(await rows()).toEqual(before);
  });
});
