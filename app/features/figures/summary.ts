import type { Db } from "#db/connect.ts";
import { ATTRIBUTIONS, type Consultation } from "#db/schema.ts";
import { audienceOf } from "#app/features/consultations/consultations.ts";
import { oneOf } from "#app/features/lists/paging.ts";
import { m49Areas, regionName } from "#app/features/organisations/countries.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { attributedTo, quotable } from "#app/features/proposals/attribution.ts";
import { surveyModel, type LabelledValue, type ModelQuestion, type ModelQuestions } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { CAPACITY_GAPS, GCM_OBJECTIVES, GOVERNANCE_LEVELS, SUPPORT_MODALITIES, type Term } from "#app/features/taxonomy/taxonomy.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import {
  choicesOf,
  needsByCode,
  needsByObjective,
  needsByObjectiveAndContinent,
  groupParticipation,
  participationCells,
  participationOf,
  questionTallies,
  rankingOf,
  ratingOf,
  withinFilters,
  type ChoiceCount,
  type FigureFilters,
  type ObjectiveNeeds,
  type Participation,
  type QuestionRef,
  type RankedChoice,
  type RatingSummary,
} from "./counters.ts";
import { writtenAnswers, type WrittenAnswerGroup } from "./written-answers.ts";
import { partsGroup } from "./answer-values.ts";

/**
 * A consultation's or a meeting's summary (docs/decisions/0028): every figure of the summary
 * pages for one set of filters, read from the typed rows through the counters of counters.ts in
 * a fixed number of grouped queries, however many answers and questions there are.
 */

/** The filters of a summary page, as named in its address. */
export const SUMMARY_FILTERS = ["region", "type", "attribution", "consultation"] as const;
export type SummaryFilter = (typeof SUMMARY_FILTERS)[number];

export interface SummaryView extends FigureFilters {
  /** On a meeting's summary: one of its consultations. */
  consultation?: string;
}

/**
 * The view a summary's address asks for, and the filters whose values cannot be used (an unknown
 * region or type): those are named to the reader rather than silently widened to "all".
 */
export function summaryViewOf(params: URLSearchParams, choices: { types: readonly string[]; consultations: readonly string[] }): { view: SummaryView; problems: SummaryFilter[] } {
  const problems: SummaryFilter[] = [];
  const pick = <T extends string>(name: SummaryFilter, accept: (value: string) => T | undefined): T | undefined => {
    const value = (params.get(name) ?? "").trim();
    if (!value) return undefined;
    const accepted = accept(value);
    if (accepted === undefined) problems.push(name);
    return accepted;
  };
  const view: SummaryView = {
    region: pick("region", (value) => oneOf(m49Areas(), value)),
    stakeholderType: pick("type", (value) => oneOf(choices.types, value)),
    attribution: pick("attribution", (value) => oneOf(ATTRIBUTIONS, value)),
    consultation: pick("consultation", (value) => oneOf(choices.consultations, value)),
  };
  return { view, problems };
}

/** The address parameters of a view: for links and forms that keep it. */
export function summaryViewParams(view: SummaryView): Record<SummaryFilter, string | undefined> {
  return { region: view.region, type: view.stakeholderType, attribution: view.attribution, consultation: view.consultation };
}

/** The stakeholder types a summary may be filtered by: those its consultations are addressed to. */
export function summaryTypes(consultations: readonly Consultation[]): string[] {
  return [...new Set(consultations.flatMap(audienceOf))].sort();
}

/** A figure's category: its code and its name in the reader's language. */
export interface Labelled {
  key: string;
  label: string;
}

export interface ParticipationRow extends Labelled {
  counts: Participation;
}

export interface QuestionFigure {
  /** Unique within the summary: the survey version, the panel and the question. */
  id: string;
  title: string;
  /** The repeated panel's title when the question is asked for each of its entries. */
  panelTitle: string | null;
  kind: "choice" | "matrix" | "rating" | "ranking";
  answered: number;
  /** The values the question offers, in its order (a matrix's columns, a rating's scale). */
  options: Labelled[];
  /** A matrix's rows; none for other questions. */
  rows: Labelled[];
  /** Choices and matrices: each (row, value) chosen. */
  counts: ChoiceCount[];
  /** Ratings: counter `ratingMean` and answers per value. */
  rating: RatingSummary | null;
  /** Rankings: each choice's answers and counter `rankMean`, best placed first. */
  ranking: RankedChoice[];
}

export interface QuestionGroup {
  /** The consultations that asked these questions (one survey version). */
  consultations: string[];
  questions: QuestionFigure[];
}

export interface FreeText {
  id: string;
  consultation: string;
  title: string | null;
  summary: string;
  /** The language it was written in. */
  language: string | null;
  /** Null where its author asked not to be named. */
  organisation: string | null;
}

export interface Summary {
  participation: Participation;
  byType: ParticipationRow[];
  byRegion: ParticipationRow[];
  objectives: (ObjectiveNeeds & { label: string })[];
  /** Objectives (the rows, as `objectives`) by continent (the columns): counter `priorityNeeds`. */
  heatMap: { rows: Labelled[]; columns: Labelled[]; values: number[][] };
  gaps: (Labelled & { needs: number })[];
  modalities: (Labelled & { needs: number })[];
  /** Counter `choiceCount` of each governance level over the questions that ask at which levels partnerships are wanted. */
  governanceLevels: (Labelled & { count: number })[];
  questions: QuestionGroup[];
  freeText: { shown: FreeText[]; total: number; countOnly: number };
  /** The answers to every other written question, question by question (ADR 0036). */
  writtenAnswers: WrittenAnswerGroup[];
}

/** How many free-text answers a summary lists; the proposals inbox pages through the rest. */
export const FREE_TEXT_LIMIT = 50;

/** The questions in which the surveys ask at which levels of governance partnerships are wanted (ADR 0025). */
export const GOVERNANCE_QUESTIONS: readonly QuestionRef[] = [{ question: "partnership_levels" }, { question: "governance_levels" }, { panel: "proposals", question: "governance_levels" }];

const termLabel = (terms: readonly Term[], code: string, language: Language) => terms.find((term) => term.value === code)?.text[language] ?? code;

const QUESTION_KINDS: Record<string, QuestionFigure["kind"]> = {
  radiogroup: "choice",
  dropdown: "choice",
  boolean: "choice",
  checkbox: "choice",
  tagbox: "choice",
  matrix: "matrix",
  rating: "rating",
  ranking: "ranking",
};

const labelled = (values: readonly LabelledValue[], language: Language): Labelled[] => values.map((value) => ({ key: value.value, label: value.labels[language] }));

/** A rating's scale: the values it lists, else min to max by its step. */
function ratingOptions(question: ModelQuestion, language: Language): Labelled[] {
  const scale = question.rating;
  if (!scale) return [];
  if (scale.values) return labelled(scale.values, language);
  const options: Labelled[] = [];
  for (let value = scale.min; value <= scale.max; value += scale.step || 1) options.push({ key: String(value), label: String(value) });
  return options;
}

/** The closed questions of a survey (those inside repeated panels and a table's columns too), in its order, with where they sit. */
function closedQuestions(questions: ModelQuestions, panel: ModelQuestion | null = null): { question: ModelQuestion; panel: ModelQuestion | null }[] {
  return questions.list.flatMap((question) => {
    if (question.panels) return closedQuestions(question.panels.questions, question);
    if (question.table) return closedQuestions(question.table.columns, partsGroup(question, panel));
    return QUESTION_KINDS[question.type] ? [{ question, panel }] : [];
  });
}

async function questionGroups(db: Db, consultations: readonly Consultation[], filters: FigureFilters, language: Language): Promise<QuestionGroup[]> {
  const byVersion = new Map<string, Consultation[]>();
  for (const consultation of consultations) byVersion.set(consultation.survey_version_id, [...(byVersion.get(consultation.survey_version_id) ?? []), consultation]);
  const groups: QuestionGroup[] = [];
  for (const [versionId, asked] of byVersion) {
    const version = await getSurveyVersion(db, versionId);
    if (!version) continue;
    const tallyOf = await questionTallies(db, asked, filters);
    groups.push({
      consultations: asked.map((consultation) => localized(consultation, "title", language)),
      questions: closedQuestions(surveyModel(version).questions).map(({ question, panel }) => {
        const tally = tallyOf({ panel: panel?.name ?? "", question: question.name });
        const kind = QUESTION_KINDS[question.type] ?? "choice";
        return {
          id: `${versionId}-${panel?.name ?? ""}-${question.name}`,
          title: question.titles[language],
          panelTitle: panel ? panel.titles[language] : null,
          kind,
          answered: tally.answered,
          options: kind === "rating" ? ratingOptions(question, language) : labelled(question.matrix?.columns ?? question.choices, language),
          rows: labelled(question.matrix?.rows ?? [], language),
          counts: kind === "choice" || kind === "matrix" ? choicesOf(tally).counts : [],
          rating: kind === "rating" ? ratingOf(tally) : null,
          ranking: kind === "ranking" ? rankingOf(tally).choices : [],
        };
      }),
    });
  }
  return groups;
}

/**
 * The free-text answers a summary may list: the texts of proposals, commitments and offers (their
 * typed rows), not withdrawn, under the answer reader's rules: a count-only answer's text is never
 * shown, only counted, and an organisation is named only where its answer is attributable.
 */
async function freeText(db: Db, consultations: readonly Consultation[], filters: FigureFilters, language: Language): Promise<Summary["freeText"]> {
  if (consultations.length === 0) return { shown: [], total: 0, countOnly: 0 };
  const texts = () =>
    db
      .selectFrom("proposal")
      .where(withinFilters("proposal", consultations, filters))
      .where("proposal.kind", "!=", "merged")
      .where("proposal.withdrawn_at", "is", null);
  const counts = await texts()
    .select((eb) => [eb.fn.countAll().as("total"), eb.fn.sum(eb.case().when("proposal.attribution", "=", "aggregate_only").then(1).else(0).end()).as("countOnly")])
    .executeTakeFirst();
  const rows = await texts()
    .leftJoin("organisation", "organisation.id", "proposal.organisation_id")
    .where((eb) => eb.or([eb("proposal.attribution", "is", null), eb("proposal.attribution", "!=", "aggregate_only")]))
    .select(["proposal.id", "proposal.consultation_id", "proposal.title", "proposal.summary", "proposal.language", "proposal.attribution", "proposal.organisation_id", "organisation.type", "organisation.name", "organisation.country_code"])
    .orderBy("proposal.consultation_id")
    .orderBy("proposal.response_id")
    .orderBy("proposal.question")
    .orderBy("proposal.position")
    .limit(FREE_TEXT_LIMIT)
    .execute();
  const titles = new Map(consultations.map((consultation) => [consultation.id, localized(consultation, "title", language)]));
  const countOnly = Number(counts?.countOnly ?? 0);
  return {
    total: Number(counts?.total ?? 0) - countOnly,
    countOnly,
    shown: rows.filter(quotable).map((row) => ({
      id: row.id,
      consultation: titles.get(row.consultation_id) ?? "",
      title: row.title,
      summary: row.summary,
      language: row.language,
      organisation: attributedTo(row) && row.type ? organisationName({ type: row.type, name: row.name, country_code: row.country_code }, language) : null,
    })),
  };
}

/** Every figure of a summary over the consultations (one, or a meeting's), for the filters, labelled in the reader's language. */
export async function readSummary(db: Db, consultations: readonly Consultation[], filters: FigureFilters, language: Language): Promise<Summary> {
  const t = translator(language);
  const [participating, objectives, cells, gaps, modalities, questions, texts, written] = await Promise.all([
    participationCells(db, consultations, filters),
    needsByObjective(db, consultations, filters),
    needsByObjectiveAndContinent(db, consultations, filters),
    needsByCode(db, consultations, "capacity_gap", filters),
    needsByCode(db, consultations, "support_modality", filters),
    questionGroups(db, consultations, filters, language),
    freeText(db, consultations, filters, language),
    writtenAnswers(db, consultations, filters, language),
  ]);
  const byType = groupParticipation(participating, "stakeholder_type");
  const byContinent = groupParticipation(participating, "continent");
  const total = participationOf(participating);
  const governanceTally = await questionTallies(db, consultations, filters, GOVERNANCE_QUESTIONS);
  const levels = new Map<string, number>();
  for (const ref of GOVERNANCE_QUESTIONS) for (const value of governanceTally(ref).values) levels.set(value.value, (levels.get(value.value) ?? 0) + value.count);
  const areaLabel = (key: string | null) => (key === null ? t("summary.noRegion") : regionName(key, language));
  const continents = [...new Set(cells.map((cell) => cell.continent))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return {
    participation: total,
    byType: byType.map((row) => ({ key: row.key ?? "", label: row.key ? t(`organisationType.${row.key}`) : "", counts: row.counts })),
    byRegion: byContinent.map((row) => ({ key: row.key ?? "none", label: areaLabel(row.key), counts: row.counts })),
    objectives: objectives.map((row) => ({ ...row, label: termLabel(GCM_OBJECTIVES, row.objective, language) })),
    heatMap: {
      rows: objectives.map((row) => ({ key: row.objective, label: termLabel(GCM_OBJECTIVES, row.objective, language) })),
      columns: continents.map((continent) => ({ key: continent ?? "none", label: areaLabel(continent) })),
      values: objectives.map((row) => continents.map((continent) => cells.find((cell) => cell.objective === row.objective && cell.continent === continent)?.needs ?? 0)),
    },
    gaps: gaps.map((row) => ({ key: row.code, label: termLabel(CAPACITY_GAPS, row.code, language), needs: row.needs })),
    modalities: modalities.map((row) => ({ key: row.code, label: termLabel(SUPPORT_MODALITIES, row.code, language), needs: row.needs })),
    governanceLevels: GOVERNANCE_LEVELS.filter((level) => levels.has(level.value)).map((level) => ({ key: level.value, label: level.text[language], count: levels.get(level.value) ?? 0 })),
    questions,
    freeText: texts,
    writtenAnswers: written,
  };
}

/**
 * A summary page's view and figures: the filters its address asks for over the consultations it
 * covers (`byConsultation`: a meeting's, which may be narrowed to one), and the summary, or none
 * when a filter cannot be used.
 */
export async function summaryForAddress(db: Db, params: URLSearchParams, consultations: readonly Consultation[], language: Language, byConsultation: boolean) {
  const types = summaryTypes(consultations);
  const { view, problems } = summaryViewOf(params, { types, consultations: byConsultation ? consultations.map((consultation) => consultation.id) : [] });
  const selected = view.consultation ? consultations.filter((consultation) => consultation.id === view.consultation) : consultations;
  // A view the reader did not mean is not shown: the page says what to correct instead.
  const summary = problems.length ? null : await readSummary(db, selected, view, language);
  return {
    view,
    problems,
    filtered: Object.values(summaryViewParams(view)).some(Boolean) || problems.length > 0,
    types,
    summary,
    status: problems.length ? 400 : 200,
  };
}
