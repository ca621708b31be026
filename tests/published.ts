import { getDb } from "#app/db.server.ts";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { createPartnerOrganisation } from "#app/features/organisations/organisations.ts";
import { submitResponse } from "#app/features/responses/responses.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { Attribution, Consultation } from "#db/schema.ts";
import { CLOSES, DURING, OPENS } from "./consultations.ts";
import { createMember, currentUserFor, demoEmail } from "./helpers.ts";

/** A meeting of its own, so that a test counts only the proposals it made. */
export async function freshMeeting(): Promise<string> {
  const id = newId();
  const stamp = isoNow(DURING);
  await getDb()
    .insertInto("meeting")
    .values({
      id,
      slug: `meeting-${id}`.toLowerCase(),
      title_en: `Meeting ${id}`,
      title_fr: `Réunion ${id}`,
      title_es: `Reunión ${id}`,
      theme_en: "Partnerships",
      theme_fr: "Partenariats",
      theme_es: "Alianzas",
      description_en: "A meeting.",
      description_fr: "Une réunion.",
      description_es: "Una reunión.",
      place_en: "Geneva",
      place_fr: "Genève",
      place_es: "Ginebra",
      starts_on: "2026-10-08",
      ends_on: "2026-10-09",
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return id;
}

/** A published call for partnership proposals of a meeting, open in September 2026. */
export async function proposalsConsultation(meetingId: string): Promise<Consultation> {
  const db = getDb();
  const version = (await registerSurveyVersions(db)).find((survey) => survey.slug === "partnership-proposals");
  const id = await createConsultation(
    db,
    null,
    {
      meetingId,
      surveyVersionId: version?.versionId ?? "",
      slug: `proposals-${newId()}`.toLowerCase(),
      opensAt: OPENS,
      closesAt: CLOSES,
      phase: "pre",
      kind: "call_for_proposals",
      audience: ["ngo", "diaspora"],
      surveySlug: "partnership-proposals",
      title: { en: "Call for proposals", fr: "Appel à propositions", es: "Convocatoria de propuestas" },
      description: { en: "Before the meeting", fr: "Avant la réunion", es: "Antes de la reunión" },
      publish: true,
    },
    { ip: null, now: new Date("2026-08-01T00:00:00Z") },
  );
  return db.selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

export interface ProposalEntry {
  title: string;
  summary: string;
  gcm_objectives: string[];
  consent_to_publish: boolean;
  [name: string]: unknown;
}

/** A new non-governmental organisation that submits the given proposals (and other answers) with the given use; its id and member. */
export async function submitProposals(
  consultation: Consultation,
  input: { name?: string; attribution: Attribution; language?: Language; proposals: ProposalEntry[]; answers?: Record<string, unknown> },
) {
  const db = getDb();
  const admin = await currentUserFor(demoEmail("admin"));
  const created = await createPartnerOrganisation(db, admin, { type: "ngo", name: input.name ?? `Partner ${newId()}`, regionM49: "013" }, { ip: null });
  if (!created.ok) throw new Error(created.reason);
  const user = await createMember(created.id, "partner");
  const result = await submitResponse(db, {
    consultation,
    organisationId: created.id,
    user,
    answers: { stakeholder_type: "ngo", proposals: input.proposals, ...input.answers },
    baseRevision: 0,
    page: 0,
    language: input.language ?? "en",
    ip: null,
    now: DURING,
    attribution: input.attribution,
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  const response = await db.selectFrom("response").select("id").where("consultation_id", "=", consultation.id).where("organisation_id", "=", created.id).executeTakeFirstOrThrow();
  return { organisationId: created.id, user, responseId: response.id };
}
