import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { listKeyMessages } from "#app/features/messages/key-messages.ts";
import { insertResponse } from "#tests/consultations.ts";
import { insertProposal, meetingWithConsultation } from "#tests/duplicates.ts";
import { currentUserFor, demoEmail } from "#tests/helpers.ts";
import { mergeContext, mergeProposals, undoMerge } from "./merge.ts";
import { TRANSLATE_JOB } from "./translations.ts";

const ctx = { ip: "127.0.0.1" };

async function rapporteur() {
  return currentUserFor(demoEmail("rapporteur"));
}

/** Two proposals of one meeting, the first coded and reviewed by a rapporteur. */
async function pair() {
  const { meetingId, consultationId } = await meetingWithConsultation();
  const first = await insertProposal({ consultationId, language: "en", title: "Mobile consulates", summary: "Mobile consular units in farming areas.", objectives: [4, 14], status: "under_review", statusReason: "Close to another" });
  const second = await insertProposal({ consultationId, language: "es", title: "Consulados móviles", summary: "Unidades consulares móviles en zonas agrícolas.", objectives: [14] });
  await getDb().insertInto("proposal_code").values({ proposal_id: first, scheme: "guiding_principle", code: "whole-of-government", source: "rapporteur", created_at: new Date().toISOString(), created_by: null }).execute();
  return { meetingId, consultationId, first, second };
}

async function snapshot() {
  const db = getDb();
  return {
    proposals: await db.selectFrom("proposal").selectAll().orderBy("id").execute(),
    codes: await db.selectFrom("proposal_code").selectAll().orderBy("proposal_id").orderBy("scheme").orderBy("code").orderBy("source").execute(),
    audit: await db.selectFrom("audit_event").select(({ fn }) => fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
  };
}

const auditOf = (targetId: string) => getDb().selectFrom("audit_event").selectAll().where("target_id", "=", targetId).orderBy("created_at").execute();

describe("merging duplicate proposals", () => {
  it("makes a merged proposal in the first source's consultation with every source's codes, marks the sources merged and audits each; undo restores every source exactly with its coding", async () => {
    const { consultationId, first, second } = await pair();
    const user = await rapporteur();
    const before = await snapshot();
    const result = await mergeProposals(getDb(), user, { proposalIds: [first, second], title: " Mobile consular units ", summary: "Both propose mobile consular units." }, ctx);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const merged = await getDb().selectFrom("proposal").selectAll().where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(merged).toMatchObject({ kind: "merged", response_id: null, consultation_id: consultationId, title: "Mobile consular units", language: "en", status: "received", attribution: null });
    const codes = await getDb().selectFrom("proposal_code").select(["scheme", "code", "source", "created_by"]).where("proposal_id", "=", result.id).orderBy("scheme").orderBy("code").execute();
    expect(codes).toEqual([
      { scheme: "gcm_objective", code: "gcm-04", source: "rapporteur", created_by: user.id },
      { scheme: "gcm_objective", code: "gcm-14", source: "rapporteur", created_by: user.id },
      { scheme: "guiding_principle", code: "whole-of-government", source: "rapporteur", created_by: user.id },
    ]);
    const sources = await getDb().selectFrom("proposal").selectAll().where("merged_into_id", "=", result.id).orderBy("id").execute();
    expect(sources.map((row) => row.id).sort()).toEqual([first, second].sort());
    expect(sources.every((row) => row.status === "merged")).toBe(true);
    expect(sources.find((row) => row.id === first)).toMatchObject({ status_before_merge: "under_review", status_reason_before_merge: "Close to another" });
    // An English text: the translation job is asked for in the same transaction.
    expect(await getDb().selectFrom("job").select("id").where("kind", "=", TRANSLATE_JOB).where("status", "=", "pending").executeTakeFirst()).toBeDefined();

    const [mergeEvent] = await auditOf(result.id);
    expect(mergeEvent).toMatchObject({ action: "proposal.merge", actor_user_id: user.id, ip: "127.0.0.1" });
    expect(JSON.parse(mergeEvent?.detail ?? "{}")).toMatchObject({ before: null, after: { kind: "merged", title: "Mobile consular units" }, sources: [first, second] });
    const [firstEvent] = await auditOf(first);
    expect(JSON.parse(firstEvent?.detail ?? "{}")).toEqual({ before: { status: "under_review", status_reason: "Close to another", merged_into_id: null }, after: { status: "merged", status_reason: null, merged_into_id: result.id } });

    const context = await mergeContext(getDb(), result.id);
    expect(context).toMatchObject({ canUndo: true, mergedInto: null });
    expect(context?.sources.map((source) => source.id).sort()).toEqual([first, second].sort());
    expect(await mergeContext(getDb(), first)).toMatchObject({ canUndo: false, sources: [], mergedInto: { id: result.id, title: "Mobile consular units" } });

    expect(await undoMerge(getDb(), user, result.id, ctx)).toMatchObject({ ok: true });
    const after = await snapshot();
    expect(after.proposals.filter((row) => row.id !== result.id).map(({ updated_at: _u, ...row }) => row)).toEqual(before.proposals.map(({ updated_at: _u, ...row }) => row));
    expect(after.codes).toEqual(before.codes);
    expect(after.proposals.some((row) => row.id === result.id)).toBe(false);
    const undoEvents = (await auditOf(result.id)).map((event) => event.action);
    expect(undoEvents).toEqual(["proposal.merge", "proposal.merge.undo"]);
    const undone = (await auditOf(first)).at(-1);
    expect(undone?.action).toBe("proposal.unmerged");
    expect(JSON.parse(undone?.detail ?? "{}").after).toEqual({ status: "under_review", status_reason: "Close to another", merged_into_id: null });
    expect(await mergeContext(getDb(), first)).toBeNull();
  });

  it("refuses, with its reason and changing nothing: fewer than two, unknown, withdrawn, already merged, another meeting's, and a title or summary empty, too long or with unsafe characters", async () => {
    const user = await rapporteur();
    const { consultationId, first, second } = await pair();
    const withdrawn = await insertProposal({ consultationId, language: "en", title: "Gone", summary: "Removed", withdrawn: true });
    const other = await meetingWithConsultation();
    const elsewhere = await insertProposal({ consultationId: other.consultationId, language: "en", title: "Elsewhere", summary: "Another meeting" });
    const text = { title: "Merged", summary: "Merged summary" };
    const before = await snapshot();
    const merge = (proposalIds: string[], input = text) => mergeProposals(getDb(), user, { proposalIds, ...input }, ctx);
    expect(await merge([first])).toEqual({ ok: false, reason: "too-few" });
    expect(await merge([first, first])).toEqual({ ok: false, reason: "too-few" });
    expect(await merge([first, "missing"])).toEqual({ ok: false, reason: "not-found", ids: ["missing"] });
    expect(await merge([first, withdrawn])).toEqual({ ok: false, reason: "withdrawn", ids: [withdrawn] });
    expect(await merge([first, elsewhere])).toEqual({ ok: false, reason: "other-meeting" });
    expect(await merge([first, second], { title: " ", summary: "x".repeat(5_001) })).toEqual({
      ok: false,
      reason: "invalid",
      problems: [
        { field: "title", problem: "empty" },
        { field: "summary", problem: "too-long" },
      ],
    });
    expect(await merge([first, second], { title: "Bad\u202Etitle", summary: "ok" })).toMatchObject({ ok: false, problems: [{ field: "title", problem: "unsafe-characters" }] });
    expect(await snapshot()).toEqual(before);

    const done = await merge([first, second]);
    if (!done.ok) throw new Error("merge");
    const third = await insertProposal({ consultationId, language: "en", title: "Third", summary: "Third one" });
    const afterMerge = await snapshot();
    expect(await merge([first, third])).toEqual({ ok: false, reason: "already-merged", ids: [first] });
    expect(await undoMerge(getDb(), user, first, ctx)).toEqual({ ok: false, reason: "not-merged" });
    expect(await undoMerge(getDb(), user, "missing", ctx)).toEqual({ ok: false, reason: "not-found" });
    expect(await snapshot()).toEqual(afterMerge);
  });

  it("lets a merged proposal be merged further, and undoes the later merge before the earlier one", async () => {
    const user = await rapporteur();
    const { consultationId, first, second } = await pair();
    const third = await insertProposal({ consultationId, language: "fr", title: "Consulats mobiles", summary: "Des unités consulaires mobiles.", status: "retained" });
    const inner = await mergeProposals(getDb(), user, { proposalIds: [first, second], title: "Inner", summary: "Inner merge" }, ctx);
    if (!inner.ok) throw new Error("inner");
    const outer = await mergeProposals(getDb(), user, { proposalIds: [inner.id, third], title: "Outer", summary: "Outer merge", language: "fr" }, ctx);
    if (!outer.ok) throw new Error("outer");
    expect(await getDb().selectFrom("proposal").select(["status", "merged_into_id", "status_before_merge"]).where("id", "=", inner.id).executeTakeFirst()).toEqual({ status: "merged", merged_into_id: outer.id, status_before_merge: "received" });
    expect(await mergeContext(getDb(), inner.id)).toMatchObject({ canUndo: false, mergedInto: { id: outer.id }, sources: [{}, {}] });

    const before = await snapshot();
    expect(await undoMerge(getDb(), user, inner.id, ctx)).toEqual({ ok: false, reason: "merged-further" });
    expect(await snapshot()).toEqual(before);
    expect(await undoMerge(getDb(), user, outer.id, ctx)).toMatchObject({ ok: true });
    expect(await getDb().selectFrom("proposal").select("status").where("id", "=", third).executeTakeFirst()).toEqual({ status: "retained" });
    expect(await undoMerge(getDb(), user, inner.id, ctx)).toMatchObject({ ok: true });
    expect(await getDb().selectFrom("proposal").select(["id", "status"]).where("id", "in", [first, second]).orderBy("id").execute()).toEqual(
      [
        { id: first, status: "under_review" },
        { id: second, status: "received" },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  it("keeps a key message's citation of a merged-away proposal working, with the proposal's title", async () => {
    const user = await rapporteur();
    const { meetingId, consultationId } = await meetingWithConsultation();
    const consultation = await getDb().selectFrom("consultation").selectAll().where("id", "=", consultationId).executeTakeFirstOrThrow();
    const organisation = await getDb().selectFrom("organisation").select("id").where("type", "!=", "state").orderBy("id").executeTakeFirstOrThrow();
    const responseId = await insertResponse(consultation, organisation.id, "submitted", new Date().toISOString());
    const cited = await insertProposal({ consultationId, language: "en", title: "Cited proposal", summary: "Mobile consular units.", responseId, organisationId: organisation.id });
    const other = await insertProposal({ consultationId, language: "en", title: "Other", summary: "Mobile consular units too." });
    const stamp = new Date().toISOString();
    const messageId = newId();
    await getDb().insertInto("key_message").values({ id: messageId, meeting_id: meetingId, position: 1, title: "Consular", body: "Mobile units.", language: "en", status: "draft", agreed_by: null, agreed_at: null, created_by: user.id, created_at: stamp, updated_by: user.id, updated_at: stamp }).execute();
    await getDb().insertInto("key_message_citation").values({ id: newId(), key_message_id: messageId, position: 1, response_id: responseId, proposal_id: cited, question: null, quote: null, created_by: user.id, created_at: stamp }).execute();
    const merged = await mergeProposals(getDb(), user, { proposalIds: [cited, other], title: "Merged", summary: "Merged" }, ctx);
    expect(merged.ok).toBe(true);
    const [message] = await listKeyMessages(getDb(), meetingId, { language: "en" });
    expect(message?.citations.map((citation) => citation.source.proposal)).toEqual(["Cited proposal"]);
  });
});
