import { isUniqueViolation, type Db } from "#db/connect.ts";
import type { Attribution, Consultation, ResponseRevision, ResponseRow } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { organisationIdsOf } from "#app/features/auth/current-user.ts";
import { readsAllOrganisations } from "#app/features/auth/permissions.ts";
import { generateToken } from "#app/features/auth/tokens.ts";
import { consultationStatus } from "#app/features/consultations/status.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { validateAnswers, type AnswerProblem } from "#app/features/surveys/validate.ts";
import type { Language } from "#app/i18n/languages.ts";

export type Answers = Record<string, unknown>;

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
  ip: string | null;
  now?: Date;
}

export interface CurrentState {
  revision: number;
  status: ResponseRow["status"];
  answers: Answers;
  updatedAt: string;
  updatedBy: string | null;
}

export type SaveResult =
  | { ok: true; revision: number; status: ResponseRow["status"]; updatedAt: string; reference: string | null }
  | { ok: false; reason: "conflict"; current: CurrentState }
  | { ok: false; reason: "invalid"; problems: AnswerProblem[] }
  | { ok: false; reason: "closed" | "submitted" | "not-draft" };

/** The question names whose answers differ between two sets. */
export function changedKeys(before: Answers, after: Answers): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

function parseAnswers(text: string): Answers {
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Answers) : {};
}

async function currentState(db: Db, response: ResponseRow): Promise<CurrentState> {
  const editor = response.updated_by ? await db.selectFrom("user").select("name").where("id", "=", response.updated_by).executeTakeFirst() : undefined;
  return { revision: response.revision, status: response.status, answers: parseAnswers(response.data), updatedAt: response.updated_at, updatedBy: editor?.name ?? null };
}

/**
 * Saves a draft. Every change makes a new revision; a save based on an older revision than the
 * stored one is refused as a conflict with the stored answers, so that two focal points of one
 * State never overwrite each other silently. Drafts are checked for shape and size only.
 */
export async function saveDraft(db: Db, input: SaveInput): Promise<SaveResult> {
  return write(db, input, "save");
}

/** Submits: the answers must pass every check of the survey version; a receipt reference is given. */
export async function submitResponse(db: Db, input: SaveInput & { attribution: Attribution }): Promise<SaveResult> {
  return write(db, input, "submit");
}

async function write(db: Db, input: SaveInput & { attribution?: Attribution }, action: "save" | "submit"): Promise<SaveResult> {
  const now = input.now ?? new Date();
  if (consultationStatus(input.consultation, now) !== "open") return { ok: false, reason: "closed" };
  const existing = await findResponse(db, input.consultation.id, input.organisationId);
  if (existing && existing.status === "submitted") {
    if (input.baseRevision === existing.revision) return { ok: false, reason: "submitted" };
    // A request sent again after its answer was lost (a submission stored, then a save or the
    // same submission retried from the device): the answers are already there, as submitted.
    if (alreadySubmitted(existing, input, action)) return { ok: true, revision: existing.revision, status: "submitted", updatedAt: existing.updated_at, reference: existing.reference };
    // Submitted meanwhile (by a colleague, or on another device): shown like any other conflict.
    return { ok: false, reason: "conflict", current: await currentState(db, existing) };
  }
  const version = await getSurveyVersion(db, existing?.survey_version_id ?? input.consultation.survey_version_id);
  if (!version) throw new Error("The survey version of this consultation is missing");
  const checked = validateAnswers(version, input.answers, { mode: action === "submit" ? "submit" : "draft", language: input.language });
  if (!checked.ok) return { ok: false, reason: "invalid", problems: checked.problems };
  const answers = checked.data;

  try {
    return await writeChecked(db, input, action, version.id, answers, now);
  } catch (error) {
    // Two first saves for one organisation at the same moment: the second sees the first.
    if (!isUniqueViolation(error)) throw error;
    const stored = await findResponse(db, input.consultation.id, input.organisationId);
    if (!stored) throw error;
    return { ok: false, reason: "conflict", current: await currentState(db, stored) };
  }
}

/** Whether a submitted response already holds exactly these answers (and, for a submission, this attribution). */
function alreadySubmitted(existing: ResponseRow, input: SaveInput & { attribution?: Attribution }, action: "save" | "submit"): boolean {
  const answers = input.answers;
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) return false;
  if (action === "submit" && input.attribution !== existing.attribution) return false;
  return changedKeys(parseAnswers(existing.data), answers as Answers).length === 0;
}

async function writeChecked(db: Db, input: SaveInput & { attribution?: Attribution }, action: "save" | "submit", versionId: string, answers: Answers, now: Date): Promise<SaveResult> {
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const stamp = isoNow(now);
    const current = await findResponse(trx, input.consultation.id, input.organisationId);
    const before = current ? parseAnswers(current.data) : {};
    const changes = changedKeys(before, answers);
    let base = input.baseRevision;
    if ((current?.revision ?? 0) !== base) {
      if (current && changes.length === 0 && action === "save") return { ok: true, revision: current.revision, status: current.status, updatedAt: current.updated_at, reference: current.reference };
      // Submitting the very answers already stored (a save that landed first) is not a conflict.
      if (current && changes.length === 0 && action === "submit" && current.status === "draft") base = current.revision;
      else if (current) return { ok: false, reason: "conflict", current: await currentState(trx, current) };
      else return { ok: false, reason: "conflict", current: { revision: 0, status: "draft", answers: {}, updatedAt: stamp, updatedBy: null } };
    }
    if (current && action === "save" && changes.length === 0) {
      await trx.updateTable("response").set({ current_page: input.page }).where("id", "=", current.id).execute();
      return { ok: true, revision: current.revision, status: current.status, updatedAt: current.updated_at, reference: current.reference };
    }
    const revision = (current?.revision ?? 0) + 1;
    const status = action === "submit" ? "submitted" : "draft";
    const reference = action === "submit" ? (current?.reference ?? newReference(input.consultation)) : (current?.reference ?? null);
    const responseId = current?.id ?? newId();
    if (!current) {
      await insertResponse(trx, {
        id: responseId,
        consultationId: input.consultation.id,
        organisationId: input.organisationId,
        versionId,
        status,
        answers,
        revision,
        page: input.page,
        attribution: input.attribution ?? null,
        reference,
        userId: input.user.id,
        at: stamp,
      });
    } else {
      const updated = await trx
        .updateTable("response")
        .set({
          status,
          data: JSON.stringify(answers),
          revision,
          current_page: input.page,
          reference,
          updated_at: stamp,
          updated_by: input.user.id,
          ...(action === "submit" ? { attribution: input.attribution ?? null, submitted_at: stamp, submitted_by: input.user.id } : {}),
        })
        .where("id", "=", current.id)
        .where("revision", "=", base)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "conflict", current: await currentState(trx, current) };
    }
    await insertRevision(trx, {
      responseId,
      revision,
      action,
      status,
      data: JSON.stringify(answers),
      changedKeys: changes,
      attribution: input.attribution ?? null,
      userId: input.user.id,
      byProxy: !!input.byProxy,
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
      detail: { revision, changed: changes.length, byProxy: !!input.byProxy },
    });
    return { ok: true, revision, status, updatedAt: stamp, reference };
  });
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
 * Reopens a submitted response for amendment, until the closing time. The reference stays; the
 * next submission makes a new revision.
 */
export async function reopenResponse(db: Db, input: ReviseInput): Promise<SaveResult> {
  return reviseSubmitted(db, input, { action: "reopen", status: "draft", audit: "response.reopened" });
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
  change: { action: "reopen" | "attribution"; status: "draft" | "submitted"; attribution?: Attribution; audit: string },
): Promise<SaveResult> {
  const now = input.now ?? new Date();
  if (consultationStatus(input.consultation, now) !== "open") return { ok: false, reason: "closed" };
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const current = await findResponse(trx, input.consultation.id, input.organisationId);
    if (!current || current.status !== "submitted") return { ok: false, reason: "not-draft" };
    const stamp = isoNow(now);
    const revision = current.revision + 1;
    const attribution = change.attribution ?? current.attribution;
    const updated = await trx
      .updateTable("response")
      .set({ status: change.status, attribution, revision, updated_at: stamp, updated_by: input.user.id })
      .where("id", "=", current.id)
      .where("revision", "=", current.revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "conflict", current: await currentState(trx, current) };
    await insertRevision(trx, { responseId: current.id, revision, action: change.action, status: change.status, data: current.data, changedKeys: [], attribution, userId: input.user.id, byProxy: !!input.byProxy, at: stamp });
    await recordAudit(trx, { action: change.audit, actorUserId: input.user.id, targetType: "response", targetId: current.id, organisationId: input.organisationId, ip: input.ip, now, detail: change.attribution ? { attribution } : undefined });
    return { ok: true, revision, status: change.status, updatedAt: stamp, reference: current.reference };
  });
}

/** The first row of an organisation's response; submitted ones carry who submitted and when. */
async function insertResponse(
  db: Db,
  row: {
    id: string;
    consultationId: string;
    organisationId: string;
    versionId: string;
    status: "draft" | "submitted";
    answers: Answers;
    revision: number;
    page: number;
    attribution: Attribution | null;
    reference: string | null;
    userId: string;
    at: string;
  },
): Promise<void> {
  const submitted = row.status === "submitted";
  await db
    .insertInto("response")
    .values({
      id: row.id,
      consultation_id: row.consultationId,
      organisation_id: row.organisationId,
      survey_version_id: row.versionId,
      status: row.status,
      data: JSON.stringify(row.answers),
      revision: row.revision,
      current_page: row.page,
      attribution: row.attribution,
      reference: row.reference,
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
  row: { responseId: string; revision: number; action: ResponseRevision["action"]; status: "draft" | "submitted"; data: string; changedKeys: string[]; attribution: Attribution | null; userId: string; byProxy: boolean; at: string },
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
): Promise<Map<string, ResponseRow["status"]>> {
  const own = new Set(organisationIdsOf(user));
  const wanted = pairs.filter((pair): pair is { consultationId: string; organisationId: string } => !!pair.organisationId && own.has(pair.organisationId));
  const statuses = new Map<string, ResponseRow["status"]>();
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
    at: Date;
  },
): Promise<{ ok: true; responseId: string } | { ok: false; problems: AnswerProblem[] }> {
  const version = await getSurveyVersion(db, input.consultation.survey_version_id);
  if (!version) throw new Error("The survey version of this consultation is missing");
  const checked = validateAnswers(version, input.answers, { mode: input.status === "submitted" ? "submit" : "draft", language: "en" });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const stamp = isoNow(input.at);
  const responseId = newId();
  const submitted = input.status === "submitted";
  await db.transaction().execute(async (trx) => {
    await insertResponse(trx, {
      id: responseId,
      consultationId: input.consultation.id,
      organisationId: input.organisationId,
      versionId: version.id,
      status: input.status,
      answers: checked.data,
      revision: 1,
      page: 0,
      attribution: submitted ? input.attribution : null,
      reference: submitted ? newReference(input.consultation) : null,
      userId: input.userId,
      at: stamp,
    });
    await insertRevision(trx, {
      responseId,
      revision: 1,
      action: submitted ? "submit" : "save",
      status: input.status,
      data: JSON.stringify(checked.data),
      changedKeys: Object.keys(checked.data).sort(),
      attribution: submitted ? input.attribution : null,
      userId: input.userId,
      byProxy: false,
      at: stamp,
    });
    await recordAudit(trx, { action: "response.imported", actorUserId: input.userId, targetType: "response", targetId: responseId, organisationId: input.organisationId, now: input.at });
  });
  return { ok: true, responseId };
}

/** Changes how a submitted answer may be used, until the closing time: a revision of its own. */
export async function changeAttribution(db: Db, input: ReviseInput & { attribution: Attribution }): Promise<SaveResult> {
  return reviseSubmitted(db, input, { action: "attribution", status: "submitted", attribution: input.attribution, audit: "response.attribution_changed" });
}

/** The answers as last submitted (a reopened response's draft may differ): what a receipt shows. */
export async function lastSubmittedAnswers(db: Db, responseId: string): Promise<Answers | null> {
  const row = await db
    .selectFrom("response_revision")
    .select("data")
    .where("response_id", "=", responseId)
    .where("action", "=", "submit")
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? parseAnswers(row.data) : null;
}
