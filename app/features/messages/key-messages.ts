import type { Db } from "#db/connect.ts";
import type { Attribution, KeyMessage, KeyMessageStatus } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { foldText, hasUnsafeCharacters } from "#app/features/text.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { isLanguage, localized, type Language } from "#app/i18n/languages.ts";
import { surveyModel, questionNamed, type SurveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { ITEM_ID_KEY } from "#app/features/responses/item-key.ts";
import { messageBlocks, type MessageBlock } from "./body.ts";
import { BODY_MAX_LENGTH, QUOTE_MAX_LENGTH, TITLE_MAX_LENGTH } from "./limits.ts";

export interface Actor {
  id: string;
}

interface Context {
  ip: string | null;
  now?: Date;
}

export interface KeyMessageInput {
  title: string;
  body: string;
  language: Language;
}

/** Why a key message's text was refused, field by field. */
export type TextProblem = { field: "title" | "body"; problem: "empty" | "too-long" | "unsafe-characters" };

export type MessageResult = { ok: true; id: string } | { ok: false; reason: "not-found" } | { ok: false; reason: "invalid"; problems: TextProblem[] };

/** Why a citation was refused: each has its own message for the rapporteur. */
export const CITATION_REFUSALS = [
  "message-not-found",
  "source-not-found",
  // The answer was never submitted: a draft is not a source.
  "not-submitted",
  // The answer belongs to another meeting's consultation.
  "other-meeting",
  // Its organisation chose "count only": it may be counted, never quoted.
  "count-only",
  // A passage is quoted only from a question answered in writing.
  "question-not-found",
  // The passage is not in the answer, word for word.
  "quote-not-found",
  "quote-too-long",
  "already-cited",
] as const;
export type CitationRefusal = (typeof CITATION_REFUSALS)[number];

export type CitationResult = { ok: true; id: string } | { ok: false; reason: CitationRefusal };

/** Where a citation comes from, as a reader may see it: the organisation only when its author allowed it. */
export interface CitationSource {
  responseId: string;
  reference: string | null;
  /** Null when the organisation asked to be quoted without its name. */
  organisation: string | null;
  organisationType: string;
  regionM49: string | null;
  consultation: string;
  attribution: Attribution;
  question: string | null;
  /** The title of the proposal quoted, when the passage comes from one; null for count-only sources. */
  proposal: string | null;
}

export interface CitationView {
  id: string;
  /** The passage quoted; null when the source is only cited, or its quote is withheld (see `withheld`). */
  quote: string | null;
  /** Set when a quote was stored but the source's organisation has since chosen "count only". */
  withheld: "count-only" | null;
  source: CitationSource;
}

export interface KeyMessageView {
  id: string;
  position: number;
  title: string;
  blocks: MessageBlock[];
  body: string;
  language: Language;
  status: KeyMessageStatus;
  agreedAt: string | null;
  agreedBy: string | null;
  updatedAt: string;
  citations: CitationView[];
}

function textProblems(input: Pick<KeyMessageInput, "title" | "body">): TextProblem[] {
  const problems: TextProblem[] = [];
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) problems.push({ field: "title", problem: "empty" });
  else if (title.length > TITLE_MAX_LENGTH) problems.push({ field: "title", problem: "too-long" });
  else if (hasUnsafeCharacters(title)) problems.push({ field: "title", problem: "unsafe-characters" });
  if (!body) problems.push({ field: "body", problem: "empty" });
  else if (body.length > BODY_MAX_LENGTH) problems.push({ field: "body", problem: "too-long" });
  else if (hasUnsafeCharacters(body, { multiline: true })) problems.push({ field: "body", problem: "unsafe-characters" });
  return problems;
}

/** Writes a new key message at the end of the meeting's list, as a draft. */
export async function createKeyMessage(db: Db, actor: Actor, meetingId: string, input: KeyMessageInput, context: Context): Promise<MessageResult> {
  const problems = textProblems(input);
  if (problems.length > 0) return { ok: false, reason: "invalid", problems };
  const stamp = isoNow(context.now);
  const id = newId();
  return db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom("meeting").select("id").where("id", "=", meetingId).executeTakeFirst();
    if (!meeting) return { ok: false, reason: "not-found" } as const;
    const last = await trx
      .selectFrom("key_message")
      .select((eb) => eb.fn.max<number | null>("position").as("position"))
      .where("meeting_id", "=", meetingId)
      .executeTakeFirst();
    const values = {
      id,
      meeting_id: meetingId,
      position: Number(last?.position ?? 0) + 1,
      title: input.title.trim(),
      body: input.body.trim(),
      language: input.language,
      status: "draft" as const,
      agreed_by: null,
      agreed_at: null,
      created_by: actor.id,
      created_at: stamp,
      updated_by: actor.id,
      updated_at: stamp,
    };
    await trx.insertInto("key_message").values(values).execute();
    await recordAudit(trx, { action: "key_message.created", actorUserId: actor.id, targetType: "key_message", targetId: id, ip: context.ip, now: context.now, detail: { after: { title: values.title, body: values.body } } });
    return { ok: true, id } as const;
  });
}

/**
 * A message as a meeting's page names it. A page changes only its own meeting's messages: the id
 * of another meeting's message (or citation) is unknown to it, and a message never moves to
 * another meeting, so the check holds for the change made in the same transaction.
 */
export interface MessageRef {
  meetingId: string;
  id: string;
}

function ofMeeting(db: Db, message: MessageRef) {
  return db.selectFrom("key_message").where("id", "=", message.id).where("meeting_id", "=", message.meetingId);
}

/**
 * Changes a key message's text. An agreed message goes back to draft: what was agreed was its
 * earlier text, and it is agreed again once read again.
 */
export async function updateKeyMessage(db: Db, actor: Actor, message: MessageRef, input: KeyMessageInput, context: Context): Promise<MessageResult> {
  const { id } = message;
  const problems = textProblems(input);
  if (problems.length > 0) return { ok: false, reason: "invalid", problems };
  return db.transaction().execute(async (trx) => {
    const before = await ofMeeting(trx, message).selectAll().executeTakeFirst();
    if (!before) return { ok: false, reason: "not-found" } as const;
    const after = { title: input.title.trim(), body: input.body.trim(), language: input.language };
    const changed = after.title !== before.title || after.body !== before.body || after.language !== before.language;
    if (!changed) return { ok: true, id } as const;
    await trx
      .updateTable("key_message")
      .set({ ...after, status: "draft", agreed_by: null, agreed_at: null, updated_by: actor.id, updated_at: isoNow(context.now) })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      action: "key_message.edited",
      actorUserId: actor.id,
      targetType: "key_message",
      targetId: id,
      ip: context.ip,
      now: context.now,
      detail: { before: { title: before.title, body: before.body, status: before.status }, after: { ...after, status: "draft" } },
    });
    return { ok: true, id } as const;
  });
}

/** Records that the rapporteurs agreed a message (who and when), or takes the agreement back. */
export async function setKeyMessageStatus(db: Db, actor: Actor, message: MessageRef, status: KeyMessageStatus, context: Context): Promise<boolean> {
  const { id } = message;
  return db.transaction().execute(async (trx) => {
    const before = await ofMeeting(trx, message).select(["status"]).executeTakeFirst();
    if (!before) return false;
    if (before.status === status) return true;
    const stamp = isoNow(context.now);
    await trx
      .updateTable("key_message")
      .set(status === "agreed" ? { status, agreed_by: actor.id, agreed_at: stamp } : { status, agreed_by: null, agreed_at: null })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, { action: status === "agreed" ? "key_message.agreed" : "key_message.reopened", actorUserId: actor.id, targetType: "key_message", targetId: id, ip: context.ip, now: context.now, detail: { before: before.status, after: status } });
    return true;
  });
}

/** Moves a message one place up or down in its meeting's list (swapping with its neighbour). */
export async function moveKeyMessage(db: Db, actor: Actor, ref: MessageRef, direction: "up" | "down", context: Context): Promise<boolean> {
  const { id } = ref;
  return db.transaction().execute(async (trx) => {
    const message = await ofMeeting(trx, ref).select(["id", "meeting_id", "position"]).executeTakeFirst();
    if (!message) return false;
    const neighbour = await trx
      .selectFrom("key_message")
      .select(["id", "position"])
      .where("meeting_id", "=", message.meeting_id)
      .where("position", direction === "up" ? "<" : ">", message.position)
      .orderBy("position", direction === "up" ? "desc" : "asc")
      .limit(1)
      .executeTakeFirst();
    if (!neighbour) return true;
    await trx.updateTable("key_message").set({ position: neighbour.position }).where("id", "=", message.id).execute();
    await trx.updateTable("key_message").set({ position: message.position }).where("id", "=", neighbour.id).execute();
    await recordAudit(trx, { action: "key_message.moved", actorUserId: actor.id, targetType: "key_message", targetId: id, ip: context.ip, now: context.now, detail: { before: message.position, after: neighbour.position } });
    return true;
  });
}

/** Deletes a draft message and its citations; an agreed one must be taken back to draft first. */
export async function deleteKeyMessage(db: Db, actor: Actor, message: MessageRef, context: Context): Promise<"deleted" | "not-found" | "agreed"> {
  const { id } = message;
  return db.transaction().execute(async (trx) => {
    const before = await ofMeeting(trx, message).selectAll().executeTakeFirst();
    if (!before) return "not-found";
    if (before.status === "agreed") return "agreed";
    await trx.deleteFrom("key_message_citation").where("key_message_id", "=", id).execute();
    await trx.deleteFrom("key_message").where("id", "=", id).execute();
    await recordAudit(trx, { action: "key_message.deleted", actorUserId: actor.id, targetType: "key_message", targetId: id, ip: context.ip, now: context.now, detail: { before: { title: before.title, body: before.body } } });
    return "deleted";
  });
}

const QUESTION_PATH = /^([A-Za-z0-9_-]+)(?:\[(\d{1,4})\]\.([A-Za-z0-9_-]+))?$/;
/** Questions whose answers are written text: the only ones a passage can be quoted from. */
export const FREE_TEXT_TYPES: ReadonlySet<string> = new Set(["text", "comment"]);

/** Whether a question path (`name`, or `panel[n].question`) names a free-text question of the survey. */
export function isFreeTextQuestion(model: SurveyModel, path: string): boolean {
  const [, name = "", index, inner] = QUESTION_PATH.exec(path) ?? [];
  const question = questionNamed(model.questions, name);
  if (!question) return false;
  if (index === undefined || inner === undefined) return FREE_TEXT_TYPES.has(question.type);
  const innerQuestion = question.panels ? questionNamed(question.panels.questions, inner) : undefined;
  return !!innerQuestion && FREE_TEXT_TYPES.has(innerQuestion.type);
}

/** The text of one answer to quote from: a question's name, or `panel[n].question` inside a repeated panel. */
export function answerPassageSource(answers: Record<string, unknown>, question: string): string | null {
  const match = QUESTION_PATH.exec(question);
  if (!match) return null;
  const [, name = "", index, inner] = match;
  let value: unknown = answers[name];
  if (index !== undefined && inner !== undefined) {
    const entry: unknown = Array.isArray(value) ? value[Number(index)] : undefined;
    value = entry && typeof entry === "object" && !Array.isArray(entry) ? (entry as Record<string, unknown>)[inner] : undefined;
  }
  return typeof value === "string" ? value : null;
}

/**
 * The proposal a quoted passage belongs to, when it is quoted from an entry of a repeated panel
 * that became a proposal (a partner's proposal, a State's offer or commitment): found by the
 * entry's stable id, so that the citation follows the proposal through amendments.
 */
async function proposalOfEntry(db: Db, responseId: string, answers: Record<string, unknown>, question: string): Promise<string | null> {
  const [, name = "", index] = QUESTION_PATH.exec(question) ?? [];
  if (index === undefined) return null;
  const entries = answers[name];
  const entry: unknown = Array.isArray(entries) ? entries[Number(index)] : undefined;
  const itemId = entry && typeof entry === "object" ? (entry as Record<string, unknown>)[ITEM_ID_KEY] : undefined;
  if (typeof itemId !== "string") return null;
  const proposal = await db.selectFrom("proposal").select("id").where("response_id", "=", responseId).where("item_id", "=", itemId).executeTakeFirst();
  return proposal?.id ?? null;
}

/** Whether a passage appears word for word in a text, whatever the spacing and line breaks. */
function contains(text: string, passage: string): boolean {
  const spaced = (value: string) => value.replace(/\s+/g, " ").trim();
  return spaced(text).includes(spaced(passage));
}

/** Only written text is quoted: a choice's code or a rating is counted, not a passage. */
async function quotesWrittenText(db: Db, surveyVersionId: string, question: string | null): Promise<boolean> {
  const version = await getSurveyVersion(db, surveyVersionId);
  return !version || (question !== null && isFreeTextQuestion(surveyModel(version), question));
}

/**
 * Cites an answer (or one of its proposals) in a key message, with a quoted passage or without.
 * The source must be a submitted answer to a consultation of the message's meeting. An answer
 * whose organisation chose "count only" may be cited to be counted, never quoted.
 */
export async function addCitation(
  db: Db,
  actor: Actor,
  messageId: string,
  input: { responseId: string; question?: string | null; quote?: string | null },
  context: Context,
): Promise<CitationResult> {
  const quote = input.quote?.trim() || null;
  const question = input.question?.trim() || null;
  if (quote && quote.length > QUOTE_MAX_LENGTH) return { ok: false, reason: "quote-too-long" };
  return db.transaction().execute(async (trx) => {
    const message = await trx.selectFrom("key_message").select(["id", "meeting_id"]).where("id", "=", messageId).executeTakeFirst();
    // The answer is read once, in the transaction that cites it: what is checked is what is cited.
    const source = await trx
      .selectFrom("response")
      .innerJoin("consultation", "consultation.id", "response.consultation_id")
      .select(["response.id", "response.survey_version_id", "response.submitted_data", "response.attribution", "response.organisation_id", "consultation.meeting_id"])
      .where("response.id", "=", input.responseId)
      .executeTakeFirst();
    if (quote && source && !(await quotesWrittenText(trx, source.survey_version_id, question))) return { ok: false, reason: "question-not-found" } as const;
    if (!message) return { ok: false, reason: "message-not-found" } as const;
    if (!source) return { ok: false, reason: "source-not-found" } as const;
    if (source.submitted_data === null) return { ok: false, reason: "not-submitted" } as const;
    if (source.meeting_id !== message.meeting_id) return { ok: false, reason: "other-meeting" } as const;
    let proposalId: string | null = null;
    if (quote) {
      if (source.attribution === "aggregate_only") return { ok: false, reason: "count-only" } as const;
      if (!question) return { ok: false, reason: "question-not-found" } as const;
      const answers = JSON.parse(source.submitted_data) as Record<string, unknown>;
      const text = answerPassageSource(answers, question);
      if (text === null) return { ok: false, reason: "question-not-found" } as const;
      if (!contains(text, quote)) return { ok: false, reason: "quote-not-found" } as const;
      proposalId = await proposalOfEntry(trx, source.id, answers, question);
    }
    const existing = await trx.selectFrom("key_message_citation").select(["response_id", "question", "quote"]).where("key_message_id", "=", messageId).execute();
    const same = (value: string | null, other: string | null) => (value === null ? other === null : other !== null && foldText(value) === foldText(other));
    if (existing.some((row) => row.response_id === source.id && same(row.quote, quote) && same(row.question, quote ? question : null))) return { ok: false, reason: "already-cited" } as const;
    const id = newId();
    await trx
      .insertInto("key_message_citation")
      .values({
        id,
        key_message_id: messageId,
        position: existing.length + 1,
        response_id: source.id,
        proposal_id: proposalId,
        question: quote ? question : null,
        quote,
        created_by: actor.id,
        created_at: isoNow(context.now),
      })
      .execute();
    await recordAudit(trx, {
      action: "key_message.cited",
      actorUserId: actor.id,
      targetType: "key_message",
      targetId: messageId,
      organisationId: source.organisation_id,
      ip: context.ip,
      now: context.now,
      detail: { after: { citation: id, response: source.id, question: quote ? question : null, quote } },
    });
    return { ok: true, id } as const;
  });
}

export async function removeCitation(db: Db, actor: Actor, citation: { meetingId: string; id: string }, context: Context): Promise<boolean> {
  const citationId = citation.id;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("key_message_citation")
      .innerJoin("key_message", "key_message.id", "key_message_citation.key_message_id")
      .selectAll("key_message_citation")
      .where("key_message_citation.id", "=", citationId)
      .where("key_message.meeting_id", "=", citation.meetingId)
      .executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom("key_message_citation").where("id", "=", citationId).execute();
    await recordAudit(trx, {
      action: "key_message.uncited",
      actorUserId: actor.id,
      targetType: "key_message",
      targetId: before.key_message_id,
      ip: context.ip,
      now: context.now,
      detail: { before: { citation: before.id, response: before.response_id, question: before.question, quote: before.quote } },
    });
    return true;
  });
}

/**
 * A meeting's key messages in order with their citations, as a reader may see them: the
 * organisation is named only where its author allowed it, and a quote is withheld when the
 * source's organisation has since chosen "count only". `agreedOnly` is for readers outside the
 * rapporteurs (the public page).
 */
export async function listKeyMessages(db: Db, meetingId: string, options: { language: Language; agreedOnly?: boolean }): Promise<KeyMessageView[]> {
  let query = db
    .selectFrom("key_message")
    .leftJoin("user as agreed", "agreed.id", "key_message.agreed_by")
    .selectAll("key_message")
    .select("agreed.name as agreed_by_name")
    .where("key_message.meeting_id", "=", meetingId)
    .orderBy("key_message.position");
  if (options.agreedOnly) query = query.where("key_message.status", "=", "agreed");
  const messages = await query.execute();
  if (messages.length === 0) return [];
  const citations = await db
    .selectFrom("key_message_citation")
    .innerJoin("response", "response.id", "key_message_citation.response_id")
    .innerJoin("organisation", "organisation.id", "response.organisation_id")
    .innerJoin("consultation", "consultation.id", "response.consultation_id")
    .leftJoin("proposal", "proposal.id", "key_message_citation.proposal_id")
    .select([
      "proposal.title as proposal_title",
      "key_message_citation.id",
      "key_message_citation.key_message_id",
      "key_message_citation.quote",
      "key_message_citation.question",
      "response.id as response_id",
      "response.reference",
      "response.attribution",
      "organisation.type",
      "organisation.name",
      "organisation.country_code",
      "organisation.region_m49",
      "consultation.title_en",
      "consultation.title_fr",
      "consultation.title_es",
    ])
    .where(
      "key_message_citation.key_message_id",
      "in",
      messages.map((message) => message.id),
    )
    .orderBy("key_message_citation.key_message_id")
    .orderBy("key_message_citation.position")
    .execute();
  const byMessage = new Map<string, CitationView[]>();
  for (const row of citations) {
    const attribution: Attribution = row.attribution ?? "aggregate_only";
    const countOnly = attribution === "aggregate_only";
    const view: CitationView = {
      id: row.id,
      quote: countOnly ? null : row.quote,
      withheld: countOnly && row.quote !== null ? "count-only" : null,
      source: {
        responseId: row.response_id,
        reference: row.reference,
        organisation: attribution === "attributable" ? organisationName(row, options.language) : null,
        organisationType: row.type,
        regionM49: row.region_m49,
        consultation: localized(row, "title", options.language),
        attribution,
        question: countOnly ? null : row.question,
        proposal: countOnly ? null : row.proposal_title,
      },
    };
    byMessage.set(row.key_message_id, [...(byMessage.get(row.key_message_id) ?? []), view]);
  }
  return messages.map((message: KeyMessage & { agreed_by_name: string | null }) => ({
    id: message.id,
    position: message.position,
    title: message.title,
    body: message.body,
    blocks: messageBlocks(message.body),
    language: isLanguage(message.language) ? message.language : "en",
    status: message.status,
    agreedAt: message.agreed_at,
    agreedBy: message.agreed_by_name,
    updatedAt: message.updated_at,
    citations: byMessage.get(message.id) ?? [],
  }));
}
