import type { Db } from "#db/connect.ts";
import type { Consultation, ConsultationKind, Phase } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { readsAllOrganisations } from "#app/features/auth/permissions.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { consultationStatus, type ConsultationStatus } from "./status.ts";

export function audienceOf(consultation: Pick<Consultation, "audience">): string[] {
  const parsed: unknown = JSON.parse(consultation.audience);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
}

/** The organisation a person answers for in a consultation: the first of theirs in its audience. */
export function answeringOrganisation(user: CurrentUser, consultation: Pick<Consultation, "audience">): string | null {
  const audience = new Set(audienceOf(consultation));
  const membership = user.memberships.find((m) => (m.role === "focal_point" || m.role === "partner") && audience.has(m.organisationType));
  return membership?.organisationId ?? null;
}

/**
 * The consultations a person may see, as a query restricted to them: the secretariat sees all;
 * others see published ones whose audience includes one of their organisations' types.
 */
function visibleConsultations(db: Db, user: CurrentUser) {
  const query = db.selectFrom("consultation");
  if (readsAllOrganisations(user)) return query;
  const types = [...new Set(user.memberships.filter((m) => m.role === "focal_point" || m.role === "partner").map((m) => m.organisationType))];
  if (types.length === 0) return query.where(({ lit }) => lit(false));
  return query
    .where((eb) => eb.or([eb("published_at", "is not", null), eb("opened_early_at", "is not", null)]))
    .where((eb) => eb.or(types.map((type) => eb("audience", "like", `%"${type}"%`))));
}

export interface ConsultationListItem {
  consultation: Consultation;
  status: ConsultationStatus;
}

export async function listConsultations(db: Db, user: CurrentUser, now: Date = new Date()): Promise<ConsultationListItem[]> {
  const rows = await visibleConsultations(db, user).selectAll().orderBy("opens_at", "desc").execute();
  return rows.filter((row) => readsAllOrganisations(user) || answeringOrganisation(user, row)).map((consultation) => ({ consultation, status: consultationStatus(consultation, now) }));
}

export async function getConsultation(db: Db, user: CurrentUser, id: string): Promise<Consultation | undefined> {
  const row = await visibleConsultations(db, user).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return readsAllOrganisations(user) || answeringOrganisation(user, row) ? row : undefined;
}

/** A meeting's consultations that a person may see, in the order they opened. */
export async function meetingConsultations(db: Db, user: CurrentUser, meetingId: string): Promise<Consultation[]> {
  const rows = await visibleConsultations(db, user).selectAll().where("meeting_id", "=", meetingId).orderBy("opens_at").orderBy("id").execute();
  return rows.filter((row) => readsAllOrganisations(user) || answeringOrganisation(user, row));
}

export interface ConsultationInput {
  meetingId: string;
  slug: string;
  phase: Phase;
  kind: ConsultationKind;
  audience: string[];
  surveySlug: string;
  surveyVersionId: string;
  title: { en: string; fr: string; es: string };
  description: { en: string; fr: string; es: string };
  opensAt: string;
  closesAt: string;
  publish: boolean;
}

/** The columns a consultation form sets, on create and on update alike. */
function formColumns(input: ConsultationInput) {
  return {
    meeting_id: input.meetingId,
    slug: input.slug,
    phase: input.phase,
    kind: input.kind,
    audience: JSON.stringify(input.audience),
    survey_slug: input.surveySlug,
    title_en: input.title.en,
    title_fr: input.title.fr,
    title_es: input.title.es,
    description_en: input.description.en,
    description_fr: input.description.fr,
    description_es: input.description.es,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
  };
}

export async function createConsultation(db: Db, actor: CurrentUser | null, input: ConsultationInput, context: { ip: string | null; now?: Date }): Promise<string> {
  const id = newId();
  const stamp = isoNow(context.now);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("consultation")
      .values({
        id,
        ...formColumns(input),
        survey_version_id: input.surveyVersionId,
        published_at: input.publish ? stamp : null,
        opened_early_at: null,
        closed_early_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await recordAudit(trx, { action: "consultation.created", actorUserId: actor?.id ?? null, targetType: "consultation", targetId: id, ip: context.ip, now: context.now });
  });
  return id;
}

/** Opens now (before the scheduled time) or closes now (before the closing time). */
export async function openOrCloseNow(db: Db, actor: CurrentUser, id: string, which: "open" | "close", context: { ip: string | null; now?: Date }): Promise<boolean> {
  const stamp = isoNow(context.now);
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("consultation")
      .set(which === "open" ? { opened_early_at: stamp, closed_early_at: null, updated_at: stamp } : { closed_early_at: stamp, updated_at: stamp })
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { action: which === "open" ? "consultation.opened_early" : "consultation.closed_early", actorUserId: actor.id, targetType: "consultation", targetId: id, ip: context.ip, now: context.now });
    return true;
  });
}

export interface ConsultationProgress {
  eligible: number;
  notStarted: number;
  draft: number;
  /** Submitted answers, those being amended included: their last submitted version stands. */
  submitted: number;
  /** Submitted answers reopened, an amendment being drafted. */
  amending: number;
}

/** How many organisations of the audience have not started, have a draft, have submitted (amending or not). */
export async function consultationProgress(db: Db, consultation: Consultation): Promise<ConsultationProgress> {
  const audience = audienceOf(consultation);
  if (audience.length === 0) return { eligible: 0, notStarted: 0, draft: 0, submitted: 0, amending: 0 };
  const byStatus = await db
    .selectFrom("organisation")
    .leftJoin("response", (join) => join.onRef("response.organisation_id", "=", "organisation.id").on("response.consultation_id", "=", consultation.id))
    .select((eb) => ["response.status", eb.fn.countAll<number>().as("n")])
    .where("organisation.type", "in", audience)
    .groupBy("response.status")
    .execute();
  const count = (status: string | null) => Number(byStatus.find((row) => row.status === status)?.n ?? 0);
  const amending = count("amending");
  return {
    eligible: byStatus.reduce((sum, row) => sum + Number(row.n), 0),
    notStarted: count(null),
    draft: count("draft"),
    submitted: count("submitted") + amending,
    amending,
  };
}

export type UpdateResult = { ok: true } | { ok: false; reason: "not-found" | "survey-locked" | "audience-locked" | "slug-taken" };

/**
 * Changes a consultation. Its survey cannot change once an organisation has answered: answers
 * stay tied to the version they answered (a new consultation takes a new survey).
 */
export async function updateConsultation(
  db: Db,
  actor: CurrentUser,
  id: string,
  input: ConsultationInput,
  context: { ip: string | null; now?: Date },
): Promise<UpdateResult> {
  const stamp = isoNow(context.now);
  return db.transaction().execute(async (trx): Promise<UpdateResult> => {
    const current = await trx.selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirst();
    if (!current) return { ok: false, reason: "not-found" };
    const answered = await trx.selectFrom("response").select("id").where("consultation_id", "=", id).limit(1).executeTakeFirst();
    if (answered && input.surveySlug !== current.survey_slug) return { ok: false, reason: "survey-locked" };
    // Those who answered must keep reaching their answers: the audience may grow, not shrink.
    if (answered && audienceOf(current).some((type) => !input.audience.includes(type))) return { ok: false, reason: "audience-locked" };
    const taken = await trx.selectFrom("consultation").select("id").where("slug", "=", input.slug).where("id", "!=", id).executeTakeFirst();
    if (taken) return { ok: false, reason: "slug-taken" };
    await trx
      .updateTable("consultation")
      .set({
        ...formColumns(input),
        survey_version_id: input.surveySlug === current.survey_slug ? current.survey_version_id : input.surveyVersionId,
        published_at: input.publish ? (current.published_at ?? stamp) : null,
        updated_at: stamp,
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, { action: "consultation.updated", actorUserId: actor.id, targetType: "consultation", targetId: id, ip: context.ip, now: context.now });
    return { ok: true };
  });
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return !!(await db.selectFrom("consultation").select("id").where("slug", "=", slug).executeTakeFirst());
}
