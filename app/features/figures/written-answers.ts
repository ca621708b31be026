import { sql } from "kysely";
import type { Db } from "#db/connect.ts";
import type { Consultation, FreeTextPart } from "#db/schema.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { attributedTo } from "#app/features/proposals/attribution.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import { withinFilters, type FigureFilters } from "./counters.ts";
import { writtenQuestions } from "./free-texts.ts";

/**
 * The written answers a summary lists (docs/decisions/0036), question by question, from the
 * free_text_answer rows in two queries whatever the number of answers and questions, under the
 * answer reader's rules: a count-only answer's text is never shown, only counted, and an
 * organisation is named only where its answer is attributable.
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

/** The written answers of the consultations, filtered, grouped by survey version and listed in each survey's order; questions nobody answered are left out. */
export async function writtenAnswers(db: Db, consultations: readonly Consultation[], filters: FigureFilters, language: Language): Promise<WrittenAnswerGroup[]> {
  if (consultations.length === 0) return [];
  const rows = () => db.selectFrom("free_text_answer").where(withinFilters("free_text_answer", consultations, filters)).innerJoin("consultation", "consultation.id", "free_text_answer.consultation_id");
  const groupColumns = ["consultation.survey_version_id", "free_text_answer.panel", "free_text_answer.question", "free_text_answer.part"] as const;
  const counted = await rows()
    .select([...groupColumns, (eb) => eb.fn.countAll().as("total"), (eb) => eb.fn.sum(eb.case().when("free_text_answer.attribution", "=", "aggregate_only").then(1).else(0).end()).as("countOnly")])
    .groupBy([...groupColumns])
    .execute();
  const ranked = rows()
    .where((eb) => eb.or([eb("free_text_answer.attribution", "is", null), eb("free_text_answer.attribution", "!=", "aggregate_only")]))
    .select([
      ...groupColumns,
      "free_text_answer.response_id",
      "free_text_answer.entry_id",
      "free_text_answer.consultation_id",
      "free_text_answer.organisation_id",
      "free_text_answer.attribution",
      "free_text_answer.language",
      "free_text_answer.text",
      sql<number>`row_number() over (partition by ${sql.join(groupColumns.map((column) => sql.ref(column)))} order by free_text_answer.submitted_at desc, free_text_answer.response_id, free_text_answer.position)`.as("place"),
    ])
    .as("ranked");
  const listed = await db
    .selectFrom(ranked)
    .leftJoin("organisation", "organisation.id", "ranked.organisation_id")
    .selectAll("ranked")
    .select(["organisation.type", "organisation.name", "organisation.country_code"])
    .where("ranked.place", "<=", TEXTS_PER_QUESTION)
    .orderBy("ranked.place")
    .execute();

  const titles = new Map(consultations.map((consultation) => [consultation.id, localized(consultation, "title", language)]));
  const counts = new Map(counted.map((row) => [keyOf(row.survey_version_id, row.panel, row.question, row.part), { all: Number(row.total), countOnly: Number(row.countOnly ?? 0) }]));
  const shown = new Map<string, WrittenAnswer[]>();
  for (const row of listed) {
    const key = keyOf(row.survey_version_id, row.panel, row.question, row.part);
    shown.set(key, [
      ...(shown.get(key) ?? []),
      {
        key: `${row.response_id}-${row.entry_id}`,
        text: row.text,
        language: row.language,
        organisation: attributedTo(row) && row.type ? organisationName({ type: row.type, name: row.name, country_code: row.country_code }, language) : null,
        consultation: titles.get(row.consultation_id) ?? "",
      },
    ]);
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
