import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { capacityConsultationInput } from "./consultations.ts";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { freshMeeting } from "./published.ts";
import { proposalRow, type ProposalRowInput } from "./proposal-row.ts";

/** A meeting of its own with one consultation, so that a test's proposals meet no others. */
export async function meetingWithConsultation(): Promise<{ meetingId: string; consultationId: string }> {
  const db = getDb();
  const meetingId = await freshMeeting();
  const versions = await registerSurveyVersions(db);
  const version = versions.find((survey) => survey.slug === "capacity-needs");
  const consultationId = await createConsultation(db, null, capacityConsultationInput({ meetingId, surveyVersionId: version?.versionId ?? "", slug: `c-${newId()}`, opensAt: "2026-09-01T08:00:00.000Z", closesAt: "2026-09-30T22:00:00.000Z" }), { ip: null });
  return { meetingId, consultationId };
}

export interface TestProposal extends Omit<ProposalRowInput, "id" | "at"> {
  objectives?: number[];
  at?: string;
}

/** A proposal row written straight into the table (with its Spanish text as the translation job would store it); its id. */
export async function insertProposal(input: TestProposal): Promise<string> {
  const db = getDb();
  const id = newId();
  const at = input.at ?? new Date().toISOString();
  await db.insertInto("proposal").values(proposalRow({ ...input, id, at })).execute();
  const objectives = input.objectives ?? [];
  if (objectives.length > 0) {
    await db
      .insertInto("proposal_code")
      .values(objectives.map((number) => ({ proposal_id: id, scheme: "gcm_objective" as const, code: `gcm-${String(number).padStart(2, "0")}`, source: "author" as const, created_at: at, created_by: null })))
      .execute();
  }
  return id;
}
