import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { NO_ENTRY_DETAILS } from "#app/features/proposals/rows.ts";
import type { Attribution, ProposalStatus } from "#db/schema.ts";
import { capacityConsultationInput } from "./consultations.ts";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { freshMeeting } from "./published.ts";

/** A meeting of its own with one consultation, so that a test's proposals meet no others. */
export async function meetingWithConsultation(): Promise<{ meetingId: string; consultationId: string }> {
  const db = getDb();
  const meetingId = await freshMeeting();
  const versions = await registerSurveyVersions(db);
  const version = versions.find((survey) => survey.slug === "capacity-needs");
  const consultationId = await createConsultation(db, null, capacityConsultationInput({ meetingId, surveyVersionId: version?.versionId ?? "", slug: `c-${newId()}`, opensAt: "2026-09-01T08:00:00.000Z", closesAt: "2026-09-30T22:00:00.000Z" }), { ip: null });
  return { meetingId, consultationId };
}

export interface TestProposal {
  consultationId: string;
  language: "en" | "fr" | "es";
  title: string;
  summary: string;
  pivotText?: string | null;
  objectives?: number[];
  organisationId?: string | null;
  partners?: string | null;
  attribution?: Attribution | null;
  status?: ProposalStatus;
  statusReason?: string | null;
  withdrawn?: boolean;
  responseId?: string | null;
  at?: string;
}

/** A proposal row written straight into the table (with its Spanish text as the translation job would store it); its id. */
export async function insertProposal(input: TestProposal): Promise<string> {
  const db = getDb();
  const id = newId();
  const at = input.at ?? new Date().toISOString();
  await db
    .insertInto("proposal")
    .values({
      id,
      consultation_id: input.consultationId,
      response_id: input.responseId ?? null,
      item_id: null,
      question: "proposals",
      position: 0,
      kind: "proposal",
      organisation_id: input.organisationId ?? null,
      stakeholder_type: "ngo",
      region_m49: null,
      language: input.language,
      title: input.title,
      summary: input.summary,
      partners_named: input.partners ?? null,
      ...NO_ENTRY_DETAILS,
      attribution: input.attribution === undefined ? "attributable" : input.attribution,
      consent_to_publish: 0,
      status: input.status ?? "received",
      status_reason: input.statusReason ?? null,
      merged_into_id: null,
      withdrawn_at: input.withdrawn ? at : null,
      pivot_text: input.pivotText ?? null,
      translated_at: input.pivotText ? at : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const objectives = input.objectives ?? [];
  if (objectives.length > 0) {
    await db
      .insertInto("proposal_code")
      .values(objectives.map((number) => ({ proposal_id: id, scheme: "gcm_objective" as const, code: `gcm-${String(number).padStart(2, "0")}`, source: "author" as const, created_at: at, created_by: null })))
      .execute();
  }
  return id;
}
