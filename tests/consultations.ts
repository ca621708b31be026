import { getDb } from "#app/db.server.ts";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { createConsultation, type ConsultationInput } from "#app/features/consultations/consultations.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { newId } from "#app/features/ids.ts";
import type { Consultation, ResponseRow } from "#db/schema.ts";

export const OPENS = "2026-09-01T08:00:00.000Z";
export const CLOSES = "2026-09-30T22:00:00.000Z";
export const DURING = new Date("2026-09-10T12:00:00Z");
export const AFTER = new Date("2026-10-01T12:00:00Z");

/** What the secretariat's form gives for a published capacity-needs consultation for States. */
export function capacityConsultationInput(input: { meetingId: string; surveyVersionId: string; slug: string; opensAt: string; closesAt: string }): ConsultationInput {
  return {
    ...input,
    phase: "pre",
    kind: "capacity_survey",
    audience: ["state"],
    surveySlug: "capacity-needs",
    title: { en: "Capacity needs", fr: "Besoins en capacités", es: "Necesidades de capacidad" },
    description: { en: "Before the meeting", fr: "Avant la réunion", es: "Antes de la reunión" },
    publish: true,
  };
}

/** A published capacity-needs consultation for States, open in September 2026. */
export async function capacityConsultation(
  { opensAt = OPENS, closesAt = CLOSES }: { opensAt?: string; closesAt?: string } = {},
  slug = `capacity-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
): Promise<Consultation> {
  const db = getDb();
  const versions = await registerSurveyVersions(db);
  const version = versions.find((survey) => survey.slug === "capacity-needs");
  // The demo meeting by name (a test may have added others), or, where a test renamed it (the
  // fuzzing of the meeting form does), the oldest meeting.
  const meeting =
    (await db.selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirst()) ??
    (await db.selectFrom("meeting").select("id").orderBy("created_at").orderBy("id").executeTakeFirstOrThrow());
  const id = await createConsultation(
    db,
    null,
    capacityConsultationInput({ meetingId: meeting.id, surveyVersionId: version?.versionId ?? "", slug, opensAt, closesAt }),
    { ip: null, now: new Date("2026-08-01T00:00:00Z") },
  );
  return db.selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** The least a State must answer for capacity-needs to be submitted. */
export const MINIMAL_CAPACITY_ANSWERS = {
  coordinating_institution: "Secretaría de Relaciones Exteriores",
  whole_of_government_consultation: "partly",
  wog_mechanism: "none",
  priority_objectives: [{ objective: "gcm-01", current_capacity: 2, capacity_gaps: ["data-evidence"], support_modalities: ["technical-assistance"] }],
};

/** A capacity-needs consultation open now, by the real clock, for route tests. */
export function openNow(): Promise<Consultation> {
  const day = 24 * 60 * 60 * 1000;
  return capacityConsultation({ opensAt: new Date(Date.now() - day).toISOString(), closesAt: new Date(Date.now() + 30 * day).toISOString() });
}

/** A response written straight into the table, as another engineer's code or a migration could leave it; its id. */
export async function insertResponse(consultation: Consultation, organisationId: string, status: ResponseRow["status"], at: string, overrides: Partial<ResponseRow> = {}): Promise<string> {
  const id = newId();
  await getDb()
    .insertInto("response")
    .values({
      id,
      consultation_id: consultation.id,
      organisation_id: organisationId,
      survey_version_id: consultation.survey_version_id,
      status,
      data: "{}",
      revision: 1,
      current_page: 0,
      attribution: status === "draft" ? null : "attributable",
      reference: status === "draft" ? null : `REF-${newId().slice(0, 8)}`,
      submitted_at: status === "draft" ? null : at,
      submitted_by: null,
      created_at: at,
      updated_at: at,
      updated_by: null,
      ...overrides,
    })
    .execute();
  return id;
}
