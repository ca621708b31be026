import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addCitation, createKeyMessage } from "#app/features/messages/key-messages.ts";
import { action } from "#app/routes/meetings.$id.key-messages.tsx";
import { context, cookieFor, currentUserFor, demoEmail, outcome, post, settle } from "#tests/helpers.ts";
import { freshMeeting, proposalsConsultation, submitProposals } from "#tests/published.ts";

describe("a meeting's key-messages page", () => {
  it("refuses the ids of another meeting's messages and citations, and changes nothing there", async () => {
    const db = getDb();
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const cookie = await cookieFor(rapporteur.email);
    const here = await freshMeeting();
    const there = await freshMeeting();
    const consultation = await proposalsConsultation(there);
    const { responseId } = await submitProposals(consultation, { attribution: "attributable", proposals: [{ title: "Data", summary: "A register", gcm_objectives: ["gcm-01"], consent_to_publish: true }] });
    const made = await Promise.all([1, 2].map(() => createKeyMessage(db, rapporteur, there, { title: "Theirs", body: "Agreed there.", language: "en" }, { ip: null })));
    const [first, second] = made.map((result) => (result.ok ? result.id : ""));
    const cited = await addCitation(db, rapporteur, second ?? "", { responseId }, { ip: null });
    const rows = () => Promise.all([db.selectFrom("key_message").selectAll().where("meeting_id", "=", there).orderBy("id").execute(), db.selectFrom("key_message_citation").selectAll().orderBy("id").execute()]);
    const before = await rows();
    const posts: Record<string, string>[] = [
      { intent: "edit", messageId: second ?? "", title: "Changed from elsewhere", body: "Changed.", language: "en" },
      { intent: "agree", messageId: second ?? "" },
      { intent: "up", messageId: second ?? "" },
      { intent: "delete", messageId: first ?? "" },
      { intent: "uncite", citationId: cited.ok ? cited.id : "" },
    ];
    for (const fields of posts) {
      const answered = outcome(await settle(() => action({ request: post(`/meetings/${here}/key-messages`, fields, { cookie }), context, params: { id: here } })));
      expect({ intent: fields.intent, status: answered.status, data: answered.data }).toMatchObject({ intent: fields.intent, status: 404, data: { error: "keyMessages.error.notFound" } });
    }
    expect(await rows()).toEqual(before);
  });
});
