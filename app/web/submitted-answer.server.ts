import { questionTitles } from "#app/components/answering/titles.ts";
import { getMeeting } from "#app/features/meetings/meetings.ts";
import { historyOf } from "#app/features/responses/history.ts";
import { listRevisions, submittedAnswers } from "#app/features/responses/responses.ts";
import { answersForDisplay } from "#app/features/surveys/display.ts";
import { placeholderValues } from "#app/features/surveys/placeholders.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { Db } from "#db/connect.ts";
import type { Consultation, ResponseRow } from "#db/schema.ts";

/**
 * A submitted answer as its readers see it (the receipt, the rapporteurs' reader): its answers as
 * last submitted, labelled in the reader's language with the consultation's placeholders filled,
 * its history with questions by title, and who submitted it last.
 */
export async function submittedAnswerView(db: Db, consultation: Consultation, response: ResponseRow, language: Language) {
  const [version, revisions, meeting] = await Promise.all([getSurveyVersion(db, response.survey_version_id), listRevisions(db, response.id), getMeeting(db, consultation.meeting_id)]);
  if (!version) throw new Response("Not found", { status: 404 });
  const lastSubmit = revisions.find((revision) => revision.action === "submit");
  const placeholders = meeting ? placeholderValues(meeting, consultation, language) : {};
  return {
    sections: answersForDisplay(version.definition, submittedAnswers(response) ?? {}, language, placeholders),
    history: historyOf(revisions, questionTitles(version.definition, language, placeholders), language),
    submittedBy: lastSubmit?.userName ?? null,
    byProxy: lastSubmit?.byProxy ?? false,
  };
}
