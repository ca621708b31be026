import type { Db } from "#db/connect.ts";
import type { Consultation, FreeTextPart } from "#db/schema.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { attributedTo } from "#app/features/proposals/attribution.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import { talliesOf, withinFilters, type FigureFilters } from "./counters.ts";
import { writtenQuestions } from "./free-texts.ts";

/**
 * The written answers a summary lists (docs/decisions/0036), question by question: how many from
 * the tallies (ADR 0033), and the newest few of each question read from its index, whatever the
 * number of answers; under the answer reader's rules: a count-only answer's text is never shown,
 * only counted, and an organisation is named only where its answer is attributable.
 */

/** How many texts a summary lists under each question, newest first; the rest are counted. */
export const TEXTS_PER_QUESTION = 5;

export interface WrittenAnswer {
  key: string;
  text: string;
  /** The language it was written in. */
  language: string | null;
  /** Null where its author asked not to be named. */
  organisation: string | null;
  consultation: string;
}

export interface WrittenQuestionAnswers {
  /** Unique within the summary: the survey version, the panel, the question and the part. */
  id: string;
  title: string;
  /** The repeated panel's title when the question is asked for each of its entries. */
  panelTitle: string | null;
  /** Texts that may be quoted, shown or not. */
  total: number;
  /** Texts of answers given for counting only: never shown. */
  countOnly: number;
  shown: WrittenAnswer[];
}

export interface WrittenAnswerGroup {
  /** The consultations that asked these questions (one survey version). */
  consultations: string[];
  questions: WrittenQuestionAnswers[];
}

const keyOf = (version: string, panel: string, question: string, part: FreeTextPart) => `${version}-${panel}-${question}-${part}`;

/** The newest quotable texts of one question of one consultation, within the filters, read from the question's index in its order. */
function newestTexts(db: Db, consultation: Consultation, filters: FigureFilters, where: { panel: string; question: string; part: FreeTextPart }) {
  return db
    .selectFrom("free_text_answer")
    .leftJoin("organisation", "organisation.id", "free_text_answer.organisation_id")
    .where(withinFilters("free_text_answer", [consultation], filters))
    .where("free_text_answer.panel", "=", where.panel)
    .where("free_text_answer.question", "=", where.question)
    .where("free_text_answer.part", "=", where.part)
    .where((eb) => eb.or([eb("free_text_answer.attribution", "is", null), eb("free_text_answer.attribution", "!=", "aggregate_only")]))
    .select([
      "free_text_answer.response_id",
      "free_text_answer.entry_id",
      "free_text_answer.position",
      "free_text_answer.submitted_at",
      "free_text_answer.consultation_id",
      "free_text_answer.organisation_id",
      "free_text_answer.attribution",
      "free_text_answer.language",
      "free_text_answer.text",
      "organisation.type",
      "organisation.name",
      "organisation.country_code",
    ])
    .orderBy("free_text_answer.submitted_at", "desc")
    .orderBy("free_text_answer.response_id")
    .orderBy("free_text_answer.position")
    .limit(TEXTS_PER_QUESTION)
    .execute();
}

/** The written answers of the consultations, filtered, grouped by survey version and listed in each survey's order; questions nobody answered are left out. */
export async function writtenAnswers(db: Db, consultations: readonly Consultation[], filters: FigureFilters, language: Language): Promise<WrittenAnswerGroup[]> {
  if (consultations.length === 0) return [];
  const counted = await talliesOf(db, consultations, filters, "text")
    .innerJoin("consultation", "consultation.id", "figure_tally.consultation_id")
    .select((eb) => [
      "consultation.survey_version_id",
      "figure_tally.panel",
      "figure_tally.question",
      "figure_tally.row_key",
      eb.fn.sum<number | string>("figure_tally.answers").as("total"),
      eb.fn.sum<number | string>(eb.case().when("figure_tally.attribution", "=", "aggregate_only").then(eb.ref("figure_tally.answers")).else(0).end()).as("countOnly"),
    ])
    .groupBy(["consultation.survey_version_id", "figure_tally.panel", "figure_tally.question", "figure_tally.row_key"])
    .execute();
  const counts = new Map(counted.map((row) => [keyOf(row.survey_version_id, row.panel, row.question, row.row_key as FreeTextPart), { all: Number(row.total), countOnly: Number(row.countOnly ?? 0) }]));
  const titles = new Map(consultations.map((consultation) => [consultation.id, localized(consultation, "title", language)]));
  const shown = new Map<string, WrittenAnswer[]>();
  // The newest quotable texts of each question that has any, each read from the index in its order.
  for (const row of counted) {
    if (Number(row.total) - Number(row.countOnly ?? 0) <= 0) continue;
    const key = keyOf(row.survey_version_id, row.panel, row.question, row.row_key as FreeTextPart);
    const asked = consultations.filter((consultation) => consultation.survey_version_id === row.survey_version_id);
    // One query per consultation, each in its index's order (a list of consultations would sort
    // every text of the question), then the newest of them all.
    const newest = (await Promise.all(asked.map((consultation) => newestTexts(db, consultation, filters, { panel: row.panel, question: row.question, part: row.row_key as FreeTextPart }))))
      .flat()
      .sort((a, b) => (a.submitted_at !== b.submitted_at ? (a.submitted_at < b.submitted_at ? 1 : -1) : a.response_id !== b.response_id ? (a.response_id < b.response_id ? -1 : 1) : (a.position ?? 0) - (b.position ?? 0)))
      .slice(0, TEXTS_PER_QUESTION);
    shown.set(
      key,
      newest.map((text) => ({
        key: `${text.response_id}-${text.entry_id}`,
        text: text.text,
        language: text.language,
        organisation: attributedTo(text) && text.type ? organisationName({ type: text.type, name: text.name, country_code: text.country_code }, language) : null,
        consultation: titles.get(text.consultation_id) ?? "",
      })),
    );
  }

  const t = translator(language);
  const groups: WrittenAnswerGroup[] = [];
  for (const versionId of [...new Set(consultations.map((consultation) => consultation.survey_version_id))]) {
    const version = await getSurveyVersion(db, versionId);
    if (!version) continue;
    const questions = writtenQuestions(surveyModel(version).questions).flatMap(({ panel, question, part }): WrittenQuestionAnswers[] => {
      const id = keyOf(versionId, panel?.name ?? "", question.name, part);
      const count = counts.get(id);
      if (!count) return [];
      const title = question.titles[language];
      return [{ id, title: part === "comment" ? t("summary.texts.comment", { question: title }) : title, panelTitle: panel ? panel.titles[language] : null, total: count.all - count.countOnly, countOnly: count.countOnly, shown: shown.get(id) ?? [] }];
    });
    if (questions.length) groups.push({ consultations: consultations.filter((consultation) => consultation.survey_version_id === versionId).map((consultation) => titles.get(consultation.id) ?? ""), questions });
  }
  return groups;
}
