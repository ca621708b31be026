import type { ActionFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { isId } from "#app/features/ids.ts";
import { addCitation, createKeyMessage } from "#app/features/messages/key-messages.ts";
import { CODING_INTENTS, CODING_SCHEMES, CODING_STATUSES, TAG_MAX_LENGTH, type CodingScheme } from "#app/features/proposals/coding-rules.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { action as citeAction } from "#app/routes/consultations.$id.responses.$responseId.tsx";
import { action as keyMessagesAction } from "#app/routes/meetings.$id.key-messages.tsx";
import { action as matchesAction } from "#app/routes/meetings.$id.matches.tsx";
import { matchingOverview } from "#app/features/matching/matching.ts";
import { action as codingAction } from "#app/routes/proposals.coding.tsx";
import { action as mergeAction } from "#app/routes/proposals.merge.tsx";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { insertProposal, meetingWithConsultation } from "#tests/duplicates.ts";
import { checkProperty, expectSafeText, formBody, formValue, hostileText, postBody, printTallyAfterAll, storableText, urlSegment, type Answered, type Body } from "#tests/fuzz.ts";
import { context, cookieFor, currentUserFor, demoEmail } from "#tests/helpers.ts";
import { freshMeeting, proposalsConsultation, submitProposals } from "#tests/published.ts";

/*
 * Hostile input for the rapporteurs' workspace (issue 9): coding proposals one by one or in bulk,
 * merging them and undoing a merge, writing key messages and removing their sources. Row ids a
 * form names change as the run goes (a merge makes a proposal, an undo removes it), so the
 * generated forms name them by placeholders (`@open:2`) that each case resolves against the rows
 * of the moment.
 */

type Handler = (args: ActionFunctionArgs) => Promise<unknown>;

let rapporteur: CurrentUser;
let rapporteurCookie: string;
/** Ids of other kinds of rows, and of nothing: never a proposal or key message of the forms. */
let strangers: fc.Arbitrary<string>;

beforeAll(async () => {
  rapporteur = await currentUserFor(demoEmail("rapporteur"));
  rapporteurCookie = await cookieFor(rapporteur.email);
  const db = getDb();
  const ids = [
    ...(await db.selectFrom("meeting").select("id").limit(3).execute()),
    ...(await db.selectFrom("user").select("id").limit(3).execute()),
    ...(await db.selectFrom("consultation").select("id").limit(3).execute()),
  ].map((row) => row.id);
  strangers = fc.oneof(fc.constantFrom(...ids), hostileText, fc.uuid());
});

printTallyAfterAll("fuzzed rapporteurs' forms");

function call(handler: Handler, path: string, body: Body, cookie: string, params: Record<string, string> = {}) {
  return () => handler({ request: postBody(path, body, { Cookie: cookie }), context, params });
}

/** A placeholder, or a stranger's id now and then. */
function placeholderOr(kind: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 5, arbitrary: fc.nat(7).map((index) => `@${kind}:${index}`) }, { weight: 1, arbitrary: strangers });
}

/** Mostly one of the values a field takes, sometimes one it must refuse. */
function usually<T>(values: readonly T[], refused: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...refused) });
}

/** Text a rapporteur writes: mostly storable, sometimes empty, too long, or hostile. */
function writtenText(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: storableText },
    { weight: 1, arbitrary: fc.constantFrom("", "   ", "x".repeat(max + 1), ` ${"é".repeat(max)} `, "a\u0000b", "\u202eevil", "line\u0007bell") },
    { weight: 1, arbitrary: hostileText },
  );
}

/** The body with every placeholder replaced by the row it names now (the last row when there are fewer). */
function resolved(body: Body, rows: Record<string, readonly string[]>): Body {
  if (body.kind === "raw") return body;
  const resolve = (value: string) =>
    value.replace(/^@([a-z]+):(\d+)$/, (placeholder, kind: string, index: string) => {
      const list = rows[kind] ?? [];
      return list[Math.min(Number(index), list.length - 1)] ?? placeholder;
    });
  const pairs = body.pairs.map(([name, value]): [string, string] => [name, resolve(value)]);
  return body.kind === "urlencoded" ? { kind: "urlencoded", pairs } : { kind: "multipart", pairs, files: body.files };
}

/** Every value a form gives a field, as the app reads them (none from a raw body it cannot parse). */
function formValues(body: Body, name: string): string[] {
  if (body.kind !== "raw") return body.pairs.filter(([key]) => key === name).map(([, value]) => value);
  const value = formValue(body, name);
  return value === undefined ? [] : [value];
}

const auditCount = async () => Number((await getDb().selectFrom("audit_event").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

const REDIRECTS = ["/proposals", "/proposals?view=mine#list", "//evil.example", "https://evil.example/proposals", "/\\evil.example", "/meetings", ""];

/** A proposal's coding as the forms change it, for the proposals of one consultation. */
async function codingRows(consultationIds: readonly string[]) {
  const db = getDb();
  const proposals = await db
    .selectFrom("proposal")
    .select(["id", "kind", "title", "summary", "status", "status_reason", "merged_into_id", "status_before_merge", "status_reason_before_merge", "withdrawn_at"])
    .where("consultation_id", "in", [...consultationIds])
    .orderBy("id")
    .execute();
  const ids = proposals.map((row) => row.id);
  const codes = ids.length === 0 ? [] : await db.selectFrom("proposal_code").select(["proposal_id", "scheme", "code", "source"]).where("proposal_id", "in", ids).orderBy("proposal_id").orderBy("scheme").orderBy("code").orderBy("source").execute();
  const tags = ids.length === 0 ? [] : await db.selectFrom("proposal_tag").select(["proposal_id", "tag"]).where("proposal_id", "in", ids).orderBy("proposal_id").orderBy("tag").execute();
  return { proposals, codes, tags };
}

/** Proposals of a meeting of their own: some with the author's codes, one withdrawn, as the inbox holds them. */
async function proposalsOf(consultationId: string, count: number, withdrawn = false): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    ids.push(await insertProposal({ consultationId, language: (["en", "fr", "es"] as const)[index % 3] ?? "en", title: `Proposal ${index}`, summary: `Summary ${index}`, objectives: index % 2 === 0 ? [index + 1] : [], withdrawn: withdrawn && index === 0 }));
  }
  return ids;
}

const SCHEMES = Object.keys(CODING_SCHEMES) as CodingScheme[];
const ALL_CODES = SCHEMES.flatMap((scheme) => CODING_SCHEMES[scheme].map((term) => term.value));

const schemeAndCode = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...SCHEMES).chain((scheme) =>
      fc.record({ scheme: fc.constant<string>(scheme), code: usually(CODING_SCHEMES[scheme].map((term) => term.value), ["gcm-99", "", "GCM-01", ...ALL_CODES.filter((code) => !CODING_SCHEMES[scheme].some((term) => term.value === code)).slice(0, 3)]) }),
    ),
  },
  { weight: 1, arbitrary: fc.record({ scheme: fc.constantFrom("author", "gcm", "__proto__", "toString"), code: fc.constantFrom(...ALL_CODES) }) },
);

const tagKey = (tag: string) => tag.normalize("NFC").toLocaleLowerCase("und");

describe("the rapporteurs' forms", () => {
  it("coding one proposal or a selection: status and reason, tags, codes", async () => {
    const { consultationId } = await meetingWithConsultation();
    const open = await proposalsOf(consultationId, 6, true);
    const merged = await insertProposal({ consultationId, language: "en", title: "Merged away", summary: "Kept aside", status: "merged" });
    const rows = { open, merged: [merged] };
    const fields = fc
      .record({
        intent: usually(CODING_INTENTS, ["merge", "", "Status", "status "]),
        status: usually(CODING_STATUSES, ["merged", "Retained", "withdrawn", ""]),
        reason: fc.oneof(writtenText(500), fc.constant("")),
        tag: fc.oneof(writtenText(TAG_MAX_LENGTH), fc.constantFrom("Financing", "financing", "FINANCING", "Cafe\u0301", "Café")),
        proposal: fc.oneof({ weight: 6, arbitrary: placeholderOr("open") }, { weight: 1, arbitrary: fc.constant("@merged:0") }),
        redirectTo: fc.constantFrom(...REDIRECTS),
      })
      .chain((form) => schemeAndCode.map((code) => ({ ...form, ...code })));
    const selection = fc.array(fc.oneof({ weight: 8, arbitrary: placeholderOr("open") }, { weight: 1, arbitrary: fc.constant("@merged:0") }), { maxLength: 4 });
    let auditBefore = 0;
    await checkProperty<[Body, string[]]>({
      name: "proposals/coding",
      runs: 100,
      input: fc.tuple(formBody(["proposal", "intent", "status", "reason", "tag", "scheme", "code", "redirectTo"], fields), selection),
      uiMessage: (data) => codingMessage(data),
      prepare: async ([body, more]) => {
        const withSelection: Body = body.kind === "raw" ? body : { ...body, pairs: [...body.pairs, ...more.map((id): [string, string] => ["proposal", id])] };
        const sent = resolved(withSelection, rows);
        auditBefore = await auditCount();
        return { run: call(codingAction, "/proposals/coding", sent, rapporteurCookie), watch: () => codingRows([consultationId]) };
      },
      accepted: async (answered, [body, more]) => {
        const sent = resolved(body.kind === "raw" ? body : { ...body, pairs: [...body.pairs, ...more.map((id): [string, string] => ["proposal", id])] }, rows);
        expect(answered.status).toBe(302);
        const location = new URL(answered.headers.get("Location") ?? "", "http://local");
        expect(location.pathname.startsWith("/proposals")).toBe(true);
        const changed = Number(location.searchParams.get("coded"));
        expect(await auditCount()).toBe(auditBefore + changed);
        await expectCoded(sent, rapporteur.id);
      },
    });
  });

  it("merging a selection into one proposal, and undoing a merge", async () => {
    const { consultationId } = await meetingWithConsultation();
    const other = await meetingWithConsultation();
    await proposalsOf(consultationId, 6, true);
    const elsewhere = await proposalsOf(other.consultationId, 2);
    const consultations = [consultationId, other.consultationId];
    const fields = fc.record({
      intent: fc.oneof({ weight: 5, arbitrary: fc.constant("merge") }, { weight: 2, arbitrary: fc.constant("undo") }, { weight: 1, arbitrary: fc.constantFrom("", "Undo", "delete") }),
      proposals: fc.array(fc.oneof({ weight: 12, arbitrary: fc.nat(7).map((index) => `@open:${index}`) }, { weight: 1, arbitrary: strangers }, { weight: 1, arbitrary: fc.constantFrom("@withdrawn:0", "@sources:0", "@elsewhere:0") }), { minLength: 1, maxLength: 4 }),
      merged: fc.oneof({ weight: 6, arbitrary: placeholderOr("merges") }, { weight: 1, arbitrary: fc.constantFrom("@open:0", "@sources:0", "@further:0") }),
      title: fc.oneof({ weight: 3, arbitrary: storableText }, { weight: 1, arbitrary: writtenText(300) }),
      summary: fc.oneof({ weight: 3, arbitrary: storableText }, { weight: 1, arbitrary: writtenText(5_000) }),
      language: usually(LANGUAGES, ["de", "", "EN"]),
      redirectTo: fc.constantFrom(...REDIRECTS),
      draft: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 4, arbitrary: fc.constant(false) }),
    });
    const valid = fields.map(({ intent, proposals, merged, title, summary, language, redirectTo, draft }) => {
      const form: Record<string, string> = { redirectTo };
      if (intent !== "merge") Object.assign(form, { intent, merged });
      proposals.forEach((id, index) => (form[`proposal${"\u200b".repeat(index)}`] = id));
      if (!draft) Object.assign(form, { title, summary, language });
      return form;
    });
    let before: Rows;
    let sent: Body;
    let auditBefore = 0;
    await checkProperty<Body>({
      name: "proposals/merge",
      runs: 150,
      input: formBody(["proposal", "intent", "merged", "title", "summary", "language", "redirectTo"], valid),
      prepare: async (body) => {
        const rows = await mergeRows(consultationId, elsewhere);
        // A run of merges uses the proposals up: new ones keep the form busy.
        if (rows.open.length < 3) await proposalsOf(consultationId, 3);
        sent = asRepeatedProposals(resolved(body, await mergeRows(consultationId, elsewhere)));
        before = await codingRows(consultations);
        auditBefore = await auditCount();
        return { run: call(mergeAction, "/proposals/merge", sent, rapporteurCookie), watch: () => codingRows(consultations) };
      },
      accepted: (answered) => expectMerged(answered, sent, before, auditBefore),
    });
  });

  it("key messages: writing, agreeing, ordering, deleting, removing a cited source", async () => {
    const meetingId = await freshMeeting();
    const otherMeeting = await freshMeeting();
    const consultation = await proposalsConsultation(meetingId);
    const entry = { title: "Shared data", summary: "A shared register", gcm_objectives: ["gcm-01"], consent_to_publish: true };
    const responses = await Promise.all(["attributable", "non_attributable"].map(async (attribution) => (await submitProposals(consultation, { attribution: attribution as "attributable", proposals: [entry] })).responseId));
    const stock = { title: "A key message", body: "What the rapporteurs retained.", language: "en" as const };
    /** Keeps a few messages with sources on both meetings, whatever the run deleted. */
    const replenish = async (meeting: string) => {
      const db = getDb();
      const held = await db.selectFrom("key_message").select("id").where("meeting_id", "=", meeting).execute();
      for (let index = held.length; index < 3; index += 1) {
        const created = await createKeyMessage(db, rapporteur, meeting, stock, { ip: null });
        if (!created.ok) throw new Error(created.reason);
        for (const responseId of responses) await addCitation(db, rapporteur, created.id, { responseId }, { ip: null });
      }
    };
    const fields = fc.record({
      intent: usually(["create", "edit", "agree", "reopen", "up", "down", "delete", "uncite"], ["", "Delete", "move", "cite"]),
      messageId: fc.oneof({ weight: 8, arbitrary: placeholderOr("message") }, { weight: 1, arbitrary: fc.constant("@foreign:0") }),
      citationId: fc.oneof({ weight: 8, arbitrary: placeholderOr("citation") }, { weight: 1, arbitrary: fc.constant("@foreignCitation:0") }),
      title: fc.oneof({ weight: 3, arbitrary: storableText }, { weight: 1, arbitrary: writtenText(200) }),
      body: fc.oneof({ weight: 3, arbitrary: storableText }, { weight: 1, arbitrary: writtenText(10_000) }),
      language: usually(LANGUAGES, ["de", "", "EN"]),
    });
    // Now and then the other meeting's page, or a demo meeting's, posts this meeting's ids.
    const meeting = fc.oneof({ weight: 8, arbitrary: fc.constant(meetingId) }, { weight: 1, arbitrary: fc.constant(otherMeeting) }, { weight: 1, arbitrary: strangers });
    let before: MessageRows;
    let page: string;
    let sent: Body;
    let auditBefore = 0;
    await checkProperty<[Body, string]>({
      name: "meetings/$id/key-messages",
      runs: 150,
      uiMessage: (data) => firstFieldError(data),
      input: fc.tuple(formBody(["intent", "messageId", "citationId", "title", "body", "language"], fields), meeting),
      prepare: async ([body, id]) => {
        await replenish(meetingId);
        await replenish(otherMeeting);
        const [own, foreign] = await Promise.all([messageRows(meetingId), messageRows(otherMeeting)]);
        sent = resolved(body, { message: own.messages.map((row) => row.id), citation: own.citations.map((row) => row.id), foreign: foreign.messages.map((row) => row.id), foreignCitation: foreign.citations.map((row) => row.id) });
        page = id;
        // Ids the app refuses before it reads (PostgreSQL would refuse a NUL in one, as its text).
        before = await messageRows(isId(id) ? id : meetingId);
        auditBefore = await auditCount();
        return {
          run: call(keyMessagesAction, `/meetings/${urlSegment(id)}/key-messages`, sent, rapporteurCookie, { id }),
          watch: async () => [await messageRows(meetingId), await messageRows(otherMeeting)],
        };
      },
      accepted: async (answered) => expectMessagesChanged(answered, sent, before, await messageRows(isId(page) ? page : meetingId), auditBefore),
    });
  });

  it("citing an answer in a key message, from the answer reader", async () => {
    const db = getDb();
    const meetingId = await freshMeeting();
    const otherMeeting = await freshMeeting();
    const consultation = await proposalsConsultation(meetingId);
    const summary = "Pooled funds help local authorities.\nThey share data across borders.";
    const entry = { title: "Shared data", summary, gcm_objectives: ["gcm-01"], consent_to_publish: true };
    const responses = await Promise.all((["attributable", "aggregate_only"] as const).map(async (attribution) => (await submitProposals(consultation, { attribution, proposals: [entry] })).responseId));
    const messages = await Promise.all([meetingId, meetingId, otherMeeting].map(async (meeting) => {
      const created = await createKeyMessage(db, rapporteur, meeting, { title: "Financing", body: "Pooled funds.", language: "en" }, { ip: null });
      return created.ok ? created.id : "";
    }));
    const fields = fc.record({
      messageId: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...messages) }, { weight: 1, arbitrary: strangers }),
      question: usually(["proposals[0].summary", "proposals[0].summary", "proposals[0].title"], ["proposals[0].gcm_objectives", "stakeholder_type", "proposals[9].summary", "", "summary"]),
      quote: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("Pooled funds", "  share data\nacross ", "They share data across borders.", "Shared data", "") },
        { weight: 1, arbitrary: fc.constantFrom("pooled FUNDS", "x".repeat(1_501), "Pooled funds help local authorities.\n\nThey") },
        { weight: 1, arbitrary: hostileText },
      ),
    });
    let before: unknown;
    let auditBefore = 0;
    await checkProperty<[Body, string]>({
      name: "consultations/$id/responses/$responseId (cite)",
      runs: 150,
      input: fc.tuple(formBody(["messageId", "question", "quote"], fields), fc.oneof({ weight: 6, arbitrary: fc.constant(responses[0] ?? "") }, { weight: 2, arbitrary: fc.constant(responses[1] ?? "") }, { weight: 1, arbitrary: strangers })),
      uiMessage: (data) => {
        const refusal = (data as { refusal?: unknown } | null)?.refusal;
        return typeof refusal === "string" ? `keyMessages.cite.refused.${refusal}` : undefined;
      },
      prepare: async ([body, responseId]) => {
        before = await db.selectFrom("key_message_citation").select("id").where("key_message_id", "in", messages).execute();
        auditBefore = await auditCount();
        const path = `/consultations/${consultation.id}/responses/${urlSegment(responseId)}`;
        return {
          run: call(citeAction, path, body, rapporteurCookie, { id: consultation.id, responseId }),
          watch: () => db.selectFrom("key_message_citation").selectAll().where("key_message_id", "in", messages).orderBy("id").execute(),
        };
      },
      accepted: async (answered, [body, responseId]) => {
        expect(answered.data).toEqual({ cited: true, refusal: null });
        const value = (name: string) => formValues(body, name)[0] ?? "";
        const known = new Set((before as { id: string }[]).map((row) => row.id));
        const added = (await db.selectFrom("key_message_citation").selectAll().where("key_message_id", "in", messages).execute()).filter((row) => !known.has(row.id));
        expect(added).toHaveLength(1);
        const quote = value("quote").trim() || null;
        expect(added[0]).toMatchObject({ key_message_id: value("messageId"), response_id: responseId, quote, question: quote ? value("question").trim() : null, created_by: rapporteur.id });
        expect(value("messageId")).not.toBe(messages[2]);
        if (quote) {
          expect(responseId).toBe(responses[0]);
          expect(summary.replace(/\s+/g, " ").includes(quote.replace(/\s+/g, " ")) || "Shared data".includes(quote)).toBe(true);
        }
        expect(await auditCount()).toBe(auditBefore + 1);
      },
    });
  });

  it("matching needs and offers: confirming, dismissing and undoing", async () => {
    const db = getDb();
    const meeting = await db.selectFrom("meeting").select("id").orderBy("starts_on").executeTakeFirstOrThrow();
    const otherMeeting = await freshMeeting();
    const overview = await matchingOverview(db, meeting.id, "en");
    // The pairs the page offers (suggested or decided), and needs and candidates to mix across pairs.
    const pairs = overview.needs.flatMap(({ need, matches }) => matches.map((match) => ({ needId: need.id, kind: match.candidate.kind, candidateId: match.candidate.id }))).slice(0, 8);
    if (pairs.length < 2) throw new Error("the demo suggests matches");
    // Every pair that fits (suggested, confirmed or dismissed): the only ones a decision may name.
    const fitting = new Set(overview.needs.flatMap(({ need, matches, dismissed }) => [...matches.map((match) => match.candidate), ...dismissed].map((candidate) => `${need.id} ${candidate.kind} ${candidate.id}`)));
    const pair = fc.constantFrom(...pairs);
    const fields = fc.record({
      intent: usually(["confirm", "dismiss", "undo"], ["", "Confirm", "delete"]),
      needId: fc.oneof({ weight: 6, arbitrary: fc.constant("@pair") }, { weight: 1, arbitrary: pair.map((other) => other.needId) }, { weight: 1, arbitrary: strangers }),
      kind: fc.oneof({ weight: 6, arbitrary: fc.constant("@pair") }, { weight: 1, arbitrary: fc.constantFrom("offer", "proposal", "need", "") }),
      candidateId: fc.oneof({ weight: 6, arbitrary: fc.constant("@pair") }, { weight: 1, arbitrary: pair.map((other) => other.candidateId) }, { weight: 1, arbitrary: strangers }),
    });
    const page = fc.oneof({ weight: 8, arbitrary: fc.constant(meeting.id) }, { weight: 1, arbitrary: fc.constant(otherMeeting) });
    const decisions = () => db.selectFrom("capacity_match").select(["meeting_id", "need_id", "offer_id", "proposal_id", "status"]).orderBy("id").execute();
    let sent: Body;
    let before: Awaited<ReturnType<typeof decisions>>;
    let auditBefore = 0;
    await checkProperty<[Body, (typeof pairs)[number], string]>({
      name: "meetings/$id/matches",
      runs: 120,
      input: fc.tuple(formBody(["intent", "needId", "kind", "candidateId"], fields), pair, page),
      prepare: async ([body, one, id]) => {
        sent = body.kind === "raw" ? body : { ...body, pairs: body.pairs.map(([name, value]): [string, string] => [name, value === "@pair" ? String(one[name as keyof typeof one]) : value]) };
        before = await decisions();
        auditBefore = await auditCount();
        return { run: call(matchesAction, `/meetings/${id}/matches`, sent, rapporteurCookie, { id }), watch: decisions };
      },
      accepted: async (answered) => {
        const [intent, needId, kind, candidateId] = ["intent", "needId", "kind", "candidateId"].map((name) => formValues(sent, name)[0]);
        // Undoing what was never decided changes nothing and is answered as done (an undo is idempotent).
        if (intent !== "undo") expect(fitting.has(`${needId} ${kind} ${candidateId}`), `a decision on a pair that does not fit: ${intent} ${needId} ${kind} ${candidateId}`).toBe(true);
        const isPair = (row: (typeof before)[number]) => row.need_id === needId && (kind === "offer" ? row.offer_id : row.proposal_id) === candidateId;
        const after = await decisions();
        expect(after.filter((row) => !isPair(row)), "no other decision changed").toEqual(before.filter((row) => !isPair(row)));
        const decided = after.find(isPair);
        if (intent === "undo") expect(decided).toBeUndefined();
        else expect(decided).toMatchObject({ meeting_id: expect.any(String), status: intent === "confirm" ? "confirmed" : "dismissed" });
        const changed = JSON.stringify(before.find(isPair)) !== JSON.stringify(decided);
        expect(await auditCount(), JSON.stringify(answered.data)).toBe(auditBefore + (changed ? 1 : 0));
      },
    });
  });

  it("a partner or a focal point posting any rapporteur's form: refused, nothing changed", async () => {
    const { consultationId } = await meetingWithConsultation();
    const meetingId = await freshMeeting();
    const open = await proposalsOf(consultationId, 3);
    const created = await createKeyMessage(getDb(), rapporteur, meetingId, { title: "Agreed text", body: "Body", language: "en" }, { ip: null });
    // Other people's posts name rows that exist, so that only their role refuses them.
    if (!created.ok) throw new Error(created.reason);
    const consultation = await proposalsConsultation(meetingId);
    const { responseId } = await submitProposals(consultation, { attribution: "attributable", proposals: [{ title: "Data", summary: "A register", gcm_objectives: ["gcm-01"], consent_to_publish: true }] });
    const cookies = await Promise.all((["partner", "focal_point"] as const).map((role) => cookieFor(demoEmail(role))));
    const forms = {
      coding: { handler: codingAction, path: "/proposals/coding", params: {} },
      merge: { handler: mergeAction, path: "/proposals/merge", params: {} },
      keyMessages: { handler: keyMessagesAction, path: `/meetings/${meetingId}/key-messages`, params: { id: meetingId } },
      cite: { handler: citeAction, path: `/consultations/${consultation.id}/responses/${responseId}`, params: { id: consultation.id, responseId } },
      matches: { handler: matchesAction, path: `/meetings/${meetingId}/matches`, params: { id: meetingId } },
    };
    const fields = fc.record({
      proposal: fc.constantFrom(...open),
      intent: fc.constantFrom("status", "add-tag", "add-code", "undo", "create", "edit", "delete", "agree", "confirm", "dismiss"),
      status: fc.constantFrom(...CODING_STATUSES),
      reason: storableText,
      tag: storableText,
      scheme: fc.constant("gcm_objective"),
      code: fc.constant("gcm-02"),
      title: storableText,
      summary: storableText,
      body: storableText,
      language: fc.constantFrom(...LANGUAGES),
      messageId: fc.constant(created.id),
      merged: fc.constantFrom(...open),
      question: fc.constant("proposals[0].summary"),
      quote: fc.constant("A register"),
    });
    await checkProperty<[Body, keyof typeof forms, number]>({
      name: "rapporteurs' forms posted by others",
      runs: 80,
      input: fc.tuple(formBody(Object.keys(fields), fields as unknown as fc.Arbitrary<Record<string, string>>), fc.constantFrom(...(Object.keys(forms) as (keyof typeof forms)[])), fc.nat(1)),
      prepare: async ([body, form, who]) => {
        const { handler, path, params } = forms[form];
        const send = (request: Body) => () => handler({ request: postBody(path, request, { Cookie: cookies[who] ?? "" }), context, params });
        const extra: Body = body.kind === "raw" ? body : { ...body, pairs: [...body.pairs, ["proposal", open[1] ?? ""]] };
        return { run: send(extra), watch: async () => [await codingRows([consultationId]), await messageRows(meetingId), await getDb().selectFrom("capacity_match").selectAll().orderBy("id").execute()] };
      },
      accepted: (answered) => {
        throw new Error(`a ${answered.status} for someone who is not a rapporteur`);
      },
    });
  });
});

/** The catalogue key the refusal page shows for a coding problem. */
function codingMessage(data: unknown): string | undefined {
  const problem = (data as { problem?: unknown } | null)?.problem;
  return typeof problem === "string" ? `coding.problem.${problem.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}` : undefined;
}

/** What an accepted coding form must have stored on every proposal it named. */
async function expectCoded(body: Body, actorId: string): Promise<void> {
  const db = getDb();
  const ids = formValues(body, "proposal");
  expect(ids.length).toBeGreaterThan(0);
  const value = (name: string) => formValues(body, name)[0] ?? "";
  const intent = value("intent");
  const proposals = await db.selectFrom("proposal").select(["id", "status", "status_reason"]).where("id", "in", ids).execute();
  expect(proposals).toHaveLength(new Set(ids).size);
  for (const id of new Set(ids)) {
    const tags = (await db.selectFrom("proposal_tag").select("tag").where("proposal_id", "=", id).execute()).map((row) => tagKey(row.tag));
    const codes = await db.selectFrom("proposal_code").select(["scheme", "code", "created_by"]).where("proposal_id", "=", id).where("source", "=", "rapporteur").execute();
    const proposal = proposals.find((row) => row.id === id);
    if (intent === "status") {
      const reason = value("reason").trim();
      expect(proposal).toMatchObject({ status: value("status"), status_reason: reason === "" ? null : reason });
      expectSafeText(proposal?.status_reason);
    } else if (intent === "add-tag" || intent === "remove-tag") {
      const tag = value("tag").normalize("NFC").trim();
      expectSafeText(tag);
      expect(tags.includes(tagKey(tag))).toBe(intent === "add-tag");
    } else {
      expect(intent === "add-code" || intent === "remove-code").toBe(true);
      const present = codes.filter((row) => row.scheme === value("scheme") && row.code === value("code"));
      expect(present.length).toBe(intent === "add-code" ? 1 : 0);
      if (intent === "add-code") expect(present[0]?.created_by).toBe(actorId);
    }
  }
}

/** The rows a merge form names, by kind: open proposals (merged ones among them), sources of a merge, merges that can be undone or not. */
async function mergeRows(consultationId: string, elsewhere: string[]) {
  const rows = await getDb().selectFrom("proposal").select(["id", "kind", "status", "merged_into_id", "withdrawn_at"]).where("consultation_id", "=", consultationId).orderBy("created_at").orderBy("id").execute();
  const merges = rows.filter((row) => row.kind === "merged");
  return {
    open: rows.filter((row) => row.merged_into_id === null && row.withdrawn_at === null).map((row) => row.id),
    withdrawn: rows.filter((row) => row.withdrawn_at !== null).map((row) => row.id),
    sources: rows.filter((row) => row.merged_into_id !== null).map((row) => row.id),
    merges: merges.filter((row) => row.merged_into_id === null).map((row) => row.id),
    further: merges.filter((row) => row.merged_into_id !== null).map((row) => row.id),
    elsewhere,
  };
}

/** The selection's checkboxes all have one name: the generator numbered them (with invisible suffixes) so that a form may hold several. */
function asRepeatedProposals(body: Body): Body {
  if (body.kind === "raw") return body;
  const pairs = body.pairs.map(([name, value]): [string, string] => [/^proposal\u200b*$/.test(name) ? "proposal" : name, value]);
  return body.kind === "urlencoded" ? { kind: "urlencoded", pairs } : { kind: "multipart", pairs, files: body.files };
}

type Rows = Awaited<ReturnType<typeof codingRows>>;

/** What an accepted merge form did: a draft changes nothing, a merge marks every source, an undo gives each back its status. */
async function expectMerged(answered: Answered, body: Body, before: Rows, auditBefore: number): Promise<void> {
  const db = getDb();
  const value = (name: string) => formValues(body, name)[0];
  if (value("intent") === "undo") {
    expect(answered.status).toBe(302);
    const mergedId = value("merged") ?? "";
    const was = before.proposals.find((row) => row.id === mergedId);
    expect(was?.kind).toBe("merged");
    expect(await db.selectFrom("proposal").select("id").where("id", "=", mergedId).executeTakeFirst()).toBeUndefined();
    const sources = before.proposals.filter((row) => row.merged_into_id === mergedId);
    expect(sources.length).toBeGreaterThan(1);
    expect(answered.headers.get("Location")).toBe(`/proposals/${[...sources].sort((a, b) => a.id.localeCompare(b.id))[0]?.id ?? ""}`);
    for (const source of sources) {
      const now = await db.selectFrom("proposal").select(["status", "status_reason", "merged_into_id", "status_before_merge"]).where("id", "=", source.id).executeTakeFirstOrThrow();
      expect(now).toEqual({ status: source.status_before_merge ?? "received", status_reason: source.status_reason_before_merge, merged_into_id: null, status_before_merge: null });
    }
    expect(await auditCount()).toBe(auditBefore + sources.length + 1);
    return;
  }
  const ids = formValues(body, "proposal");
  if (answered.status === 200) {
    // The form chosen on a list: the draft to write, nothing stored.
    expect(formValues(body, "title").length + formValues(body, "summary").length).toBe(0);
    const draft = (answered.data as { draft: { chosen: { id: string }[] } }).draft;
    expect(draft.chosen.map((row) => row.id).every((id) => ids.includes(id))).toBe(true);
    expect(await auditCount()).toBe(auditBefore);
    return;
  }
  expect(answered.status).toBe(302);
  const mergedId = (answered.headers.get("Location") ?? "").replace(/^\/proposals\//, "");
  const merged = await db.selectFrom("proposal").selectAll().where("id", "=", mergedId).executeTakeFirstOrThrow();
  expect(merged).toMatchObject({ kind: "merged", title: (value("title") ?? "").trim(), summary: (value("summary") ?? "").trim(), status: "received", merged_into_id: null });
  expectSafeText({ title: merged.title, summary: merged.summary });
  const unique = [...new Set(ids)];
  expect(unique.length).toBeGreaterThan(1);
  for (const id of unique) {
    const source = before.proposals.find((row) => row.id === id);
    expect(source, "a merge of a proposal of another meeting").toBeDefined();
    expect(source?.merged_into_id ?? null).toBeNull();
    expect(source?.withdrawn_at ?? null).toBeNull();
    const now = await db.selectFrom("proposal").select(["status", "merged_into_id", "status_before_merge"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(now).toEqual({ status: "merged", merged_into_id: mergedId, status_before_merge: source?.status });
  }
  const sourceCodes = before.codes.filter((row) => unique.includes(row.proposal_id)).map((row) => `${row.scheme}/${row.code}`);
  const codes = await db.selectFrom("proposal_code").select(["scheme", "code", "source"]).where("proposal_id", "=", mergedId).execute();
  expect(codes.map((row) => `${row.scheme}/${row.code}`).sort()).toEqual([...new Set(sourceCodes)].sort());
  expect(await auditCount()).toBe(auditBefore + unique.length + 1);
}

/** A meeting's key messages and their citations, as the forms change them. */
async function messageRows(meetingId: string) {
  const db = getDb();
  const messages = await db.selectFrom("key_message").selectAll().where("meeting_id", "=", meetingId).orderBy("position").orderBy("id").execute();
  const ids = messages.map((row) => row.id);
  const citations = ids.length === 0 ? [] : await db.selectFrom("key_message_citation").selectAll().where("key_message_id", "in", ids).orderBy("key_message_id").orderBy("position").orderBy("id").execute();
  return { messages, citations };
}

type MessageRows = Awaited<ReturnType<typeof messageRows>>;

/** What an accepted key-message form did to the meeting's messages, and only to them. */
async function expectMessagesChanged(answered: Answered, body: Body, before: MessageRows, after: MessageRows, auditBefore: number): Promise<void> {
  expect(answered.status).toBe(200);
  const value = (name: string) => formValues(body, name)[0] ?? "";
  const intent = value("intent");
  const audits = (await auditCount()) - auditBefore;
  const id = value("messageId");
  const was = before.messages.find((row) => row.id === id);
  const now = after.messages.find((row) => row.id === id);
  if (intent === "uncite") {
    const cited = before.citations.find((row) => row.id === value("citationId"));
    expect(cited, "a source of another meeting's message removed").toBeDefined();
    expect(after.citations.map((row) => row.id)).not.toContain(cited?.id);
    expect(after.citations).toHaveLength(before.citations.length - 1);
    expect(audits).toBe(1);
    return;
  }
  if (intent === "create") {
    expect(after.messages).toHaveLength(before.messages.length + 1);
    const created = after.messages.find((row) => !before.messages.some((old) => old.id === row.id));
    expect(created).toMatchObject({ title: value("title").trim(), body: value("body").trim(), language: value("language"), status: "draft" });
    expect(created?.position).toBe(Math.max(0, ...before.messages.map((row) => row.position)) + 1);
    expectSafeText({ title: created?.title, body: created?.body });
    expect(audits).toBe(1);
    return;
  }
  expect(was, `"${intent}" accepted for a message not of this meeting`).toBeDefined();
  if (intent === "delete") {
    expect(now).toBeUndefined();
    expect(after.citations.some((row) => row.key_message_id === id)).toBe(false);
    expect(was?.status).toBe("draft");
  } else if (intent === "edit") {
    expect(now).toMatchObject({ title: value("title").trim(), body: value("body").trim(), language: value("language") });
    expectSafeText({ title: now?.title, body: now?.body });
  } else if (intent === "agree" || intent === "reopen") {
    expect(now?.status).toBe(intent === "agree" ? "agreed" : "draft");
  } else {
    expect(["up", "down"]).toContain(intent);
    expect(after.messages.map((row) => row.position).sort()).toEqual(before.messages.map((row) => row.position).sort());
  }
  expect(audits).toBeLessThanOrEqual(1);
}

/** The first field error of a form's reply, which the key-messages page shows beside its field. */
function firstFieldError(data: unknown): string | undefined {
  const errors = (data as { reply?: { error?: Record<string, unknown> } } | null)?.reply?.error ?? {};
  return Object.values(errors).flat().find((message): message is string => typeof message === "string");
}
