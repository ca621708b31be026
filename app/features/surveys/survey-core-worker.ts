import type { Language } from "#app/i18n/languages.ts";
import { validateWithSurveyCore } from "./validate.ts";

/** One survey-core check, in a worker thread of the pool (survey-core-pool.ts): a fresh model per check. */
export default function check({ definition, answers, language }: { definition: object; answers: Record<string, unknown>; language: Language }) {
  return validateWithSurveyCore({ definition }, answers, language);
}
