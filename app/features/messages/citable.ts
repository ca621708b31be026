import type { Db } from "#db/connect.ts";
import { isEmptyAnswer, type SurveyModel } from "#app/features/surveys/survey-model.ts";
import type { Language } from "#app/i18n/languages.ts";
import { FREE_TEXT_TYPES } from "./key-messages.ts";

/** A written answer a key message can quote from: its path in the answers and its title for the reader. */
export interface CitableQuestion {
  path: string;
  title: string;
  /** For an entry of a repeated panel: its number, from 1. */
  entry: number | null;
}

/** The free-text questions of a submitted answer that hold text, in the survey's order, panel entries included. */
export function citableQuestions(model: SurveyModel, answers: Record<string, unknown>, language: Language): CitableQuestion[] {
  const citable: CitableQuestion[] = [];
  for (const question of model.questions.list) {
    const value = answers[question.name];
    if (question.panels && Array.isArray(value)) {
      value.forEach((entry: unknown, index) => {
        if (!entry || typeof entry !== "object") return;
        for (const inner of question.panels?.questions.list ?? []) {
          const text = (entry as Record<string, unknown>)[inner.name];
          if (FREE_TEXT_TYPES.has(inner.type) && typeof text === "string" && !isEmptyAnswer(text)) {
            citable.push({ path: `${question.name}[${index}].${inner.name}`, title: `${question.titles[language]} – ${inner.titles[language]}`, entry: index + 1 });
          }
        }
      });
    } else if (FREE_TEXT_TYPES.has(question.type) && typeof value === "string" && !isEmptyAnswer(value)) {
      citable.push({ path: question.name, title: question.titles[language], entry: null });
    }
  }
  return citable;
}

/** The key messages of a meeting to cite into, in their order: for the form beside an answer. */
export async function messagesToCiteInto(db: Db, meetingId: string): Promise<{ id: string; title: string; position: number }[]> {
  return db.selectFrom("key_message").select(["id", "title", "position"]).where("meeting_id", "=", meetingId).orderBy("position").execute();
}
