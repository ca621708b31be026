import { isUniqueViolation, type Db } from "#db/connect.ts";
import type { Updateable } from "kysely";
import type { Attribution, Consultation, ResponseRevision, ResponseRow, ResponseStatus, ResponseTable } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { organisationIdsOf } from "#app/features/auth/current-user.ts";
import { readsAllOrganisations } from "#app/features/auth/permissions.ts";
import { generateToken } from "#app/features/auth/tokens.ts";
import { consultationStatus } from "#app/features/consultations/status.ts";
import { forgetPublicOutcomes } from "#app/features/messages/public.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { getSurveyVersion, type LoadedSurveyVersion } from "#app/features/surveys/versions.ts";
import type { AnswerProblem } from "#app/features/surveys/validate.ts";
import { deriveRows, foreignItemIds } from "#app/features/proposals/derivation.ts";
import type { Language } from "#app/i18n/languages.ts";
import { giveItemIds, itemIdProblem, itemIdsIn, validateWithItemIds, validateWithItemIdsOffThread } from "./item-ids.ts";
import { differingKeys, mergeAnswers, type Answers, type MergeConflict } from "./merge.ts";
import { changesSince, trailOf, type ChangesBy } from "./news.ts";
import { conflictViews, newsViews, panelsOf, type ConflictView, type NewsView } from "./views.ts";

export type { Answers } from "./merge.ts";

export interface SaveInput {
  consultation: Consultation;
  organisationId: string;
  user: CurrentUser;
  answers: unknown;
  /** The revision the browser's answers were based on: 0 for a first save. */
  baseRevision: number;
  page: number;
  language: Language;
  /** The secretariat entering an answer received on paper or by e-mail. */
  byProxy?: boolean;
  /** The copy of the answering page sending this (random, chosen by the browser), to recognise its own earlier saves. */
  clientId?: string | null;
  ip: string | null;
  now?: Date;
}

export interface CurrentState {
  revision: number;
  status: ResponseStatus;
  answers: Answers;
  updatedAt: string;
  updatedBy: string | null;
}

/** A save merged with what others saved since its base revision: the answers now stored, and who changed what. */
export interface MergedSave {
  answers: Answers;
  news: NewsView[];
}

/**
 * Answers that could not be merged by themselves: the answers stored now, every change merged
 * but the disputed ones (`merged`), and each disputed question with both sides' answers.
 */
export interface ConflictResult {
  ok: false;
  reason: "conflict";
  current: CurrentState;
  merged: Answers;
  conflicts: ConflictView[];
  news: NewsView[];
}

export type SaveResult =
  | { ok: true; revision: number; status: ResponseStatus; updatedAt: string; reference: string | null; merged?: MergedSave }
  | ConflictResult
  | { ok: false; reason: "invalid"; problems: AnswerProblem[] }
  | { ok: false; reason: "closed" | "submitted" | "not-draft" };

/** The answers of a response's JSON column (an object; anything else reads as no answers). */
export function parseAnswers(text: string | null): Answers {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Answers) : {};
}

async function currentState(db: Db, response: ResponseRow): Promise<CurrentState> {
  const editor = response.updated_by ? await db.selectFrom("user").select("name").where("id", "=", response.updated_by).executeTakeFirst() : undefined;
  return { revision: response.revision, status: response.status, answers: parseAnswers(response.data), updatedAt: response.updated_at, updatedBy: editor?.name ?? null };
}

/**
 * Saves a draft (or an amendment of a submitted answer). Every change makes a new revision. A
 * save based on an older revision than the stored one is merged question by question with what
 * was saved since (docs/decisions/0011-merging-answers.md): only a question changed on both
 * sides is a conflict, for the person to resolve. Drafts are checked for shape and size only.
 */
export async function saveDraft(db: Db, input: SaveInput): Promise<SaveResult> {
  return write(db, input, "save");
}

/**
 * Submits: the answers must pass every check of the survey version; a receipt reference is given.
 * A submission based on an older revision is never merged silently: what others saved meanwhile
 * comes back to be read before submitting again.
 */
export async function submitResponse(db: Db, input: SaveInput & { attribution: Attribution }): Promise<SaveResult> {
  return publishedChange(input.consultation, await write(db, input, "submit"));
}

/**
 * A submission or a change of use changes which proposals the meeting's public page shows:
 * this process reads it again at once (after the commit, so that nothing reads the old rows in between).
 */
function publishedChange(consultation: Consultation, result: SaveResult): SaveResult {
  if (result.ok) forgetPublicOutcomes(consultation.meeting_id);
  return result;
}

/** Another save changed the response between reading and writing it: merge again with it. */
class ChangedMeanwhile extends Error {}
const ATTEMPTS = 3;

async function write(db: Db, input: SaveInput & { attribution?: Attribution }, action: "save" | "submit"): Promise<SaveResult> {
  const now = input.now ?? new Date();
  if (consultationStatus(input.consultation, now) !== "open") return { ok: false, reason: "closed" };
  const existing = await findResponse(db, input.consultation.id, input.organisationId);
  const version = await getSurveyVersion(db, existing?.survey_version_id ?? input.consultation.survey_version_id);
  if (!version) throw new Error("The survey version of this consultation is missing");
  // Checked before anything else walks them: a retry, a merge and a conflict compare checked answers only.
  const checked = await validateWithItemIdsOffThread(version, input.answers, { mode: action === "submit" ? "submit" : "draft", language: input.language });
  if (!checked.ok) return { ok: false, reason: "invalid", problems: checked.problems };
  return retried(() => writeChecked(db, input, action, version, checked.data, now));
}

/**
 * Runs a write again when the response changed under it: two first saves for one organisation
 * at the same moment (the second finds the first), or a save that landed between reading and
 * writing (PostgreSQL); the next attempt works from what is stored then.
 */
async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !(error instanceof ChangedMeanwhile || isUniqueViolation(error))) throw error;
    }
  }
}

/** Whether a submitted response already holds exactly these answers (and, for a submission, this attribution). */
function alreadySubmitted(existing: ResponseRow, answers: Answers, attribution: Attribution | undefined, action: "save" | "submit"): boolean {
  if (action === "submit" && attribution !== existing.attribution) return false;
  return differingKeys(parseAnswers(existing.data), answers).length === 0;
}

/** What was saved since the revision a save was based on, from the revisions kept. */
interface SinceBase {
  /** The answers of the base revision; null when it is unknown (newer than any stored). */
  base: Answers | null;
  others: ChangesBy[];
  own: Set<string>;
}

async function sinceBase(db: Db, current: ResponseRow, baseRevision: number, reader: { userId: string; clientId: string | null }): Promise<SinceBase> {
  if (baseRevision > current.revision) return { base: null, others: [], own: new Set() };
  const trail = await trailOf(db, current.id, current.revision);
  const { others, own } = changesSince(trail, baseRevision, reader);
  if (baseRevision === 0) return { base: {}, others, own };
  const row = await db.selectFrom("response_revision").select("data").where("response_id", "=", current.id).where("revision", "=", baseRevision).executeTakeFirst();
  return { base: row ? parseAnswers(row.data) : null, others, own };
}

async function writeChecked(db: Db, input: SaveInput & { attribution?: Attribution }, action: "save" | "submit", version: LoadedSurveyVersion, checkedAnswers: Answers, now: Date): Promise<SaveResult> {
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const stamp = isoNow(now);
    const current = await findResponse(trx, input.consultation.id, input.organisationId);
    const stored = current ? parseAnswers(current.data) : {};
    const responseId = current?.id ?? newId();
    const answers = giveItemIds(version, checkedAnswers, stored, responseId);
    const foreign = await foreignEntries(trx, version, responseId, answers, input.language);
    if (foreign.length > 0) return { ok: false, reason: "invalid", problems: foreign };
    const reader = { userId: input.user.id, clientId: input.clientId ?? null };
    let toWrite = answers;
    let merged: MergedSave | undefined;
    if (current && current.revision !== input.baseRevision) {
      // A request sent again after its answer was lost (a submission stored, then a save or the
      // same submission retried from the device): the answers are already there, as submitted.
      if (current.status === "submitted" && alreadySubmitted(current, answers, input.attribution, action)) return acknowledged(current);
      const since = await sinceBase(trx, current, input.baseRevision, reader);
      const result = mergeAnswers({ base: since.base, theirs: stored, mine: answers, panels: panelsOf(version), own: since.own });
      const conflict = (conflicts: MergeConflict[]) => conflictResult(trx, current, version, result.merged, conflicts, since.others, input);
      // Submitted meanwhile (by a colleague, or on another device): it changes only once reopened,
      // which the person decides, with what was merged and what is disputed before them.
      if (current.status === "submitted" || result.conflicts.length > 0) return conflict(result.conflicts);
      // Submitting answers the person has not seen: they read the merged answers first.
      if (action === "submit" && differingKeys(result.merged, answers).length > 0) return conflict([]);
      const recheck = validateWithItemIds(version, result.merged, { mode: "draft", language: input.language });
      if (!recheck.ok) return conflict(disputedBy(recheck.problems, stored, answers));
      toWrite = result.merged;
      if (since.others.length > 0 || differingKeys(toWrite, answers).length > 0) merged = { answers: toWrite, news: newsViews(version, since.others, input.user, input.language) };
    } else if (current?.status === "submitted") {
      return { ok: false, reason: "submitted" };
    }
    const changes = differingKeys(stored, toWrite);
    if (current && action === "save" && changes.length === 0) {
      await trx.updateTable("response").set({ current_page: input.page }).where("id", "=", current.id).execute();
      return acknowledged(current, merged);
    }
    const revision = (current?.revision ?? 0) + 1;
    const status: ResponseStatus = action === "submit" ? "submitted" : current?.status === "amending" ? "amending" : "draft";
    const reference = action === "submit" ? (current?.reference ?? newReference(input.consultation)) : (current?.reference ?? null);
    const data = JSON.stringify(toWrite);
    if (!current) {
      await insertResponse(trx, {
        id: responseId,
        consultationId: input.consultation.id,
        organisationId: input.organisationId,
        versionId: version.id,
        status,
        answers: toWrite,
        revision,
        page: input.page,
        attribution: input.attribution ?? null,
        reference,
        userId: input.user.id,
        language: input.language,
        at: stamp,
      });
    } else {
      await updateOver(trx, current, {
        status,
        data,
        revision,
        current_page: input.page,
        reference,
        updated_at: stamp,
        updated_by: input.user.id,
        ...(action === "submit" ? { submitted_data: data, attribution: input.attribution ?? null, language: input.language, submitted_at: stamp, submitted_by: input.user.id } : {}),
      });
    }
    await insertRevision(trx, {
      responseId,
      revision,
      action,
      status,
      data,
      changedKeys: changes,
      attribution: input.attribution ?? null,
      userId: input.user.id,
      byProxy: !!input.byProxy,
      clientId: input.clientId ?? null,
      at: stamp,
    });
    await recordAudit(trx, {
      action: action === "submit" ? "response.submitted" : "response.saved",
      actorUserId: input.user.id,
      targetType: "response",
      targetId: responseId,
      organisationId: input.organisationId,
      ip: input.ip,
      now,
      detail: { revision, changed: changes.length, byProxy: !!input.byProxy, ...(merged ? { merged: true } : {}) },
    });
    if (action === "submit") await deriveRows(trx, responseId, now);
    return { ok: true, revision, status, updatedAt: stamp, reference, ...(merged ? { merged } : {}) };
  });
}

/** The entries whose ids belong to another answer's proposals, needs or offers: refused, never taken over. */
async function foreignEntries(db: Db, version: LoadedSurveyVersion, responseId: string, answers: Answers, language: Language): Promise<AnswerProblem[]> {
  const entries = itemIdsIn(version, answers);
  const foreign = await foreignItemIds(db, responseId, entries.map((entry) => entry.id));
  return entries.filter((entry) => foreign.has(entry.id)).map((entry) => itemIdProblem(version, entry, language));
}

/** A save that found nothing to write: the response as it stands (with what was merged, if anything). */
function acknowledged(current: ResponseRow, merged?: MergedSave): SaveResult {
  return { ok: true, revision: current.revision, status: current.status, updatedAt: current.updated_at, reference: current.reference, ...(merged ? { merged } : {}) };
}

/**
 * Answers merged from two valid sets may still break a limit of their own (more entries than a
 * panel allows, the total size): the questions concerned are disputed instead.
 */
function disputedBy(problems: AnswerProblem[], theirs: Answers, mine: Answers): MergeConflict[] {
  const names = [...new Set(problems.map((problem) => problem.name.split(/[[.]/)[0] ?? ""))].filter((name) => name !== "");
  return names.map((name) => ({ name, mine: mine[name], theirs: theirs[name], parts: [{ mine: mine[name], theirs: theirs[name] }] }));
}

async function conflictResult(db: Db, current: ResponseRow, version: LoadedSurveyVersion, merged: Answers, conflicts: MergeConflict[], others: ChangesBy[], input: SaveInput): Promise<ConflictResult> {
  // A disputed answer is left as stored until the person chooses.
  const kept = { ...merged };
  for (const conflict of conflicts) {
    if (conflict.theirs === undefined || conflict.theirs === null) delete kept[conflict.name];
    else kept[conflict.name] = conflict.theirs;
  }
  return {
    ok: false,
    reason: "conflict",
    current: await currentState(db, current),
    merged: kept,
    conflicts: conflictViews(version, conflicts, input.language),
    news: newsViews(version, others, input.user, input.language),
  };
}

/** Receipt references: short, unambiguous, unguessable (e.g. CN-7Q4K2MZX). */
function newReference(consultation: Pick<Consultation, "survey_slug">): string {
  const prefix = consultation.survey_slug
    .split("-")
    .map((word) => word[0] ?? "")
    .join("")
    .toUpperCase();
  return `${prefix}-${generateToken(5).toUpperCase()}`;
}

/**
 * Reopens a submitted response for amendment, until the closing time. It stays submitted: the
 * answers as last submitted, their reference, attribution, time and author still count (and are
 * what rapporteurs read) until the amendment is submitted; at closing, an amendment never
 * submitted is kept but does not count.
 */
export async function reopenResponse(db: Db, input: ReviseInput): Promise<SaveResult> {
  return reviseSubmitted(db, input, { action: "reopen", audit: "response.reopened" });
}

interface ReviseInput {
  consultation: Consultation;
  organisationId: string;
  user: CurrentUser;
  byProxy?: boolean;
  ip: string | null;
  now?: Date;
}

/** A change to a submitted response other than its answers, made a revision of its own. */
async function reviseSubmitted(
  db: Db,
  input: ReviseInput,
  change: { action: "reopen" | "attribution"; attribution?: Attribution; audit: string },
): Promise<SaveResult> {
  const now = input.now ?? new Date();
  if (consultationStatus(input.consultation, now) !== "open") return { ok: false, reason: "closed" };
  return retried(() =>
    db.transaction().execute(async (trx): Promise<SaveResult> => {
      const current = await findResponse(trx, input.consultation.id, input.organisationId);
      // Reopened once, an answer is reopened; its use may change while it is amended too.
      const allowed = change.action === "reopen" ? current?.status === "submitted" : current?.status === "submitted" || current?.status === "amending";
      if (!current || !allowed) return { ok: false, reason: "not-draft" };
      const stamp = isoNow(now);
      const revision = current.revision + 1;
      const attribution = change.attribution ?? current.attribution;
      const status: ResponseStatus = change.action === "reopen" ? "amending" : current.status;
      await updateOver(trx, current, { status, attribution, revision, updated_at: stamp, updated_by: input.user.id });
      await insertRevision(trx, { responseId: current.id, revision, action: change.action, status, data: current.data, changedKeys: [], attribution, userId: input.user.id, byProxy: !!input.byProxy, clientId: null, at: stamp });
      await recordAudit(trx, { action: change.audit, actorUserId: input.user.id, targetType: "response", targetId: current.id, organisationId: input.organisationId, ip: input.ip, now, detail: change.attribution ? { attribution } : undefined });
      // The rows read across answers carry the use of the answer they came from.
      if (change.action === "attribution") await deriveRows(trx, current.id, now);
      return { ok: true, revision, status, updatedAt: stamp, reference: current.reference };
    })
  );
}

/** Writes a response over the revision read, unless another write came in between (then it is done again). */
async function updateOver(db: Db, current: ResponseRow, changes: Updateable<ResponseTable>): Promise<void> {
  const updated = await db.updateTable("response").set(changes).where("id", "=", current.id).where("revision", "=", current.revision).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ChangedMeanwhile();
}

/** The first row of an organisation's response; submitted ones carry who submitted and when. */
async function insertResponse(
  db: Db,
  row: {
    id: string;
    consultationId: string;
    organisationId: string;
    versionId: string;
    status: ResponseStatus;
    answers: Answers;
    revision: number;
    page: number;
    attribution: Attribution | null;
    reference: string | null;
    userId: string;
    language: Language;
    at: string;
  },
): Promise<void> {
  const submitted = row.status === "submitted";
  const data = JSON.stringify(row.answers);
  await db
    .insertInto("response")
    .values({
      id: row.id,
      consultation_id: row.consultationId,
      organisation_id: row.organisationId,
      survey_version_id: row.versionId,
      status: row.status,
      data,
      submitted_data: submitted ? data : null,
      revision: row.revision,
      current_page: row.page,
      attribution: row.attribution,
      reference: row.reference,
      language: submitted ? row.language : null,
      submitted_at: submitted ? row.at : null,
      submitted_by: submitted ? row.userId : null,
      created_at: row.at,
      updated_at: row.at,
      updated_by: row.userId,
    })
    .execute();
}

async function insertRevision(
  db: Db,
  row: { responseId: string; revision: number; action: ResponseRevision["action"]; status: ResponseStatus; data: string; changedKeys: string[]; attribution: Attribution | null; userId: string; byProxy: boolean; clientId: string | null; at: string },
): Promise<void> {
  await db
    .insertInto("response_revision")
    .values({
      id: newId(),
      response_id: row.responseId,
      revision: row.revision,
      action: row.action,
      status: row.status,
      data: row.data,
      changed_keys: JSON.stringify(row.changedKeys),
      attribution: row.attribution,
      user_id: row.userId,
      by_proxy: row.byProxy ? 1 : 0,
      client_id: row.clientId,
      created_at: row.at,
    })
    .execute();
}

async function findResponse(db: Db, consultationId: string, organisationId: string): Promise<ResponseRow | undefined> {
  return db.selectFrom("response").selectAll().where("consultation_id", "=", consultationId).where("organisation_id", "=", organisationId).executeTakeFirst();
}

/**
 * An organisation's response to a consultation, for someone who may read it: its members, or
 * the secretariat. The organisation is part of the query itself.
 */
export async function getResponse(db: Db, user: CurrentUser, consultationId: string, organisationId: string): Promise<ResponseRow | undefined> {
  if (!readsAllOrganisations(user) && !organisationIdsOf(user).includes(organisationId)) return undefined;
  return findResponse(db, consultationId, organisationId);
}

export interface RevisionEntry {
  revision: number;
  action: string;
  status: string;
  changedKeys: string[];
  userName: string | null;
  byProxy: boolean;
  createdAt: string;
}

export async function listRevisions(db: Db, responseId: string): Promise<RevisionEntry[]> {
  const rows = await db
    .selectFrom("response_revision")
    .leftJoin("user", "user.id", "response_revision.user_id")
    .select(["response_revision.revision", "response_revision.action", "response_revision.status", "response_revision.changed_keys", "response_revision.by_proxy", "response_revision.created_at", "user.name"])
    .where("response_revision.response_id", "=", responseId)
    .orderBy("response_revision.revision", "desc")
    .execute();
  return rows.map((row) => ({
    revision: row.revision,
    action: row.action,
    status: row.status,
    changedKeys: JSON.parse(row.changed_keys) as string[],
    userName: row.name,
    byProxy: row.by_proxy === 1,
    createdAt: row.created_at,
  }));
}

/** The status of the person's own organisation's response in each consultation listed. */
export async function responseStatuses(
  db: Db,
  user: CurrentUser,
  pairs: { consultationId: string; organisationId: string | null }[],
): Promise<Map<string, ResponseStatus>> {
  const own = new Set(organisationIdsOf(user));
  const wanted = pairs.filter((pair): pair is { consultationId: string; organisationId: string } => !!pair.organisationId && own.has(pair.organisationId));
  const statuses = new Map<string, ResponseStatus>();
  if (wanted.length === 0) return statuses;
  const rows = await db
    .selectFrom("response")
    .select(["consultation_id", "organisation_id", "status"])
    .where("organisation_id", "in", [...own])
    .where("consultation_id", "in", wanted.map((pair) => pair.consultationId))
    .execute();
  for (const pair of wanted) {
    const row = rows.find((candidate) => candidate.consultation_id === pair.consultationId && candidate.organisation_id === pair.organisationId);
    if (row) statuses.set(pair.consultationId, row.status);
  }
  return statuses;
}

/**
 * Records an answer as it stood at a past moment, outside the consultation's window: for the
 * demo data, and for answers the secretariat brings over from an earlier system. The answers are
 * checked like any other; the audit trail records the import (response.imported).
 */
export async function importResponse(
  db: Db,
  input: {
    consultation: Consultation;
    organisationId: string;
    userId: string;
    answers: Answers;
    status: "draft" | "submitted";
    attribution: Attribution | null;
    /** The language the answers are written in. */
    language: Language;
    at: Date;
  },
): Promise<{ ok: true; responseId: string } | { ok: false; problems: AnswerProblem[] }> {
  const version = await getSurveyVersion(db, input.consultation.survey_version_id);
  if (!version) throw new Error("The survey version of this consultation is missing");
  const checked = await validateWithItemIdsOffThread(version, input.answers, { mode: input.status === "submitted" ? "submit" : "draft", language: "en" });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const stamp = isoNow(input.at);
  const responseId = newId();
  const submitted = input.status === "submitted";
  const answers = giveItemIds(version, checked.data, {}, responseId);
  return db.transaction().execute(async (trx) => {
    const foreign = await foreignEntries(trx, version, responseId, answers, "en");
    if (foreign.length > 0) return { ok: false as const, problems: foreign };
    await insertResponse(trx, {
      id: responseId,
      consultationId: input.consultation.id,
      organisationId: input.organisationId,
      versionId: version.id,
      status: input.status,
      answers,
      revision: 1,
      page: 0,
      attribution: submitted ? input.attribution : null,
      reference: submitted ? newReference(input.consultation) : null,
      userId: input.userId,
      language: input.language,
      at: stamp,
    });
    await insertRevision(trx, {
      responseId,
      revision: 1,
      action: submitted ? "submit" : "save",
      status: input.status,
      data: JSON.stringify(answers),
      changedKeys: Object.keys(answers).sort(),
      attribution: submitted ? input.attribution : null,
      userId: input.userId,
      byProxy: false,
      clientId: null,
      at: stamp,
    });
    await recordAudit(trx, { action: "response.imported", actorUserId: input.userId, targetType: "response", targetId: responseId, organisationId: input.organisationId, now: input.at });
    if (submitted) await deriveRows(trx, responseId, input.at);
    return { ok: true as const, responseId };
  });
}

/** Changes how a submitted answer may be used, until the closing time: a revision of its own. */
export async function changeAttribution(db: Db, input: ReviseInput & { attribution: Attribution }): Promise<SaveResult> {
  return publishedChange(input.consultation, await reviseSubmitted(db, input, { action: "attribution", attribution: input.attribution, audit: "response.attribution_changed" }));
}

/**
 * The answers as last submitted: what counts, and what rapporteurs and receipts read, also while
 * an amendment is being drafted or after closing with one never submitted. Null if never submitted.
 */
export function submittedAnswers(response: Pick<ResponseRow, "submitted_data">): Answers | null {
  return response.submitted_data === null ? null : parseAnswers(response.submitted_data);
}
