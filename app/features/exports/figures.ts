import type { Db } from "#db/connect.ts";
import type { Consultation } from "#db/schema.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { groupName } from "#app/features/figures/answer-values.ts";
import {
  choiceDistribution,
  COUNTERS,
  counterText,
  needsByCode,
  needsByObjective,
  participation,
  proposalsByStatus,
  rankingSummary,
  ratingSummary,
  type CounterName,
  type FigureFilters,
  type QuestionRef,
} from "#app/features/figures/counters.ts";
import { surveyModel, type ModelQuestion, type ModelQuestions } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { texts } from "./answer-columns.ts";
import { codedCell, ownColumn } from "./columns.ts";
import { sourceMeta, type EntriesExportOptions } from "./entry-sources.ts";
import { noneOmitted, textCell, type ExportCell, type ExportColumn, type ExportSource } from "./source.ts";

/** One value of a counter: for what (a question, a code) it counts. */
interface Figure {
  counter: CounterName;
  question: string | null;
  group: string | null;
  value: number | null;
}

const CHOICES = new Set(["radiogroup", "dropdown", "boolean", "checkbox", "tagbox", "matrix"]);

/** The counters of one question, as its type has them. */
async function questionFigures(db: Db, consultations: Consultation[], question: ModelQuestion, panel: string, filters: FigureFilters): Promise<Figure[]> {
  const ref: QuestionRef = { panel, question: question.name };
  const name = panel ? `${panel}.${question.name}` : question.name;
  const figure = (counter: CounterName, group: string | null, value: number | null): Figure => ({ counter, question: name, group, value });
  if (CHOICES.has(question.type)) {
    const { answered, counts } = await choiceDistribution(db, consultations, ref, filters);
    const group = (row: string, value: string) => (row ? `${row}: ${value}` : value);
    return [figure("answered", null, answered), ...counts.flatMap((count) => [figure("choiceCount", group(count.row, count.value), count.count), figure("choiceShare", group(count.row, count.value), count.share)])];
  }
  if (question.type === "rating") {
    const { answered, mean } = await ratingSummary(db, consultations, ref, filters);
    return [figure("answered", null, answered), figure("ratingMean", null, mean)];
  }
  if (question.type === "ranking") {
    const { answered, choices } = await rankingSummary(db, consultations, ref, filters);
    return [figure("answered", null, answered), ...choices.flatMap((choice) => [figure("choiceCount", choice.value, choice.count), figure("rankMean", choice.value, choice.meanRank)])];
  }
  return [];
}

/** Every figure of a consultation within the filters, counter by counter, computed with the figures' own functions. */
async function figuresOf(db: Db, consultation: Consultation, filters: FigureFilters): Promise<Figure[]> {
  const consultations = [consultation];
  const whole = (counter: CounterName, group: string | null, value: number | null): Figure => ({ counter, question: null, group, value });
  const counts = await participation(db, consultations, filters);
  const figures: Figure[] = [whole("audience", null, counts.audience), whole("submitted", null, counts.submitted), whole("responseRate", null, counts.rate)];
  for (const [status, n] of Object.entries(await proposalsByStatus(db, consultations, filters))) figures.push(whole("proposalsByStatus", status, n));
  for (const objective of await needsByObjective(db, consultations, filters)) {
    figures.push(whole("priorityNeeds", objective.objective, objective.needs), whole("firstPriority", objective.objective, objective.first), whole("meanPriorityRank", objective.objective, objective.meanRank));
  }
  for (const scheme of ["capacity_gap", "support_modality"] as const) {
    for (const code of await needsByCode(db, consultations, scheme, filters)) figures.push(whole("needsByCode", `${scheme}: ${code.code}`, code.needs));
  }
  const version = await getSurveyVersion(db, consultation.survey_version_id);
  if (!version) throw new Error(`survey version ${consultation.survey_version_id} is missing`);
  for (const { question, panel } of closedPlaces(surveyModel(version).questions)) figures.push(...(await questionFigures(db, consultations, question, panel, filters)));
  return figures;
}

/** Each question with the panel its values are counted under: a repeated panel, or a table (its columns counted as a panel's questions, ADR 0025). */
function closedPlaces(questions: ModelQuestions, panel = ""): { question: ModelQuestion; panel: string }[] {
  return questions.list.flatMap((question) => {
    if (question.panels) return closedPlaces(question.panels.questions, question.name);
    if (question.table) return closedPlaces(question.table.columns, groupName(panel, question.name));
    return [{ question, panel }];
  });
}

/**
 * The figures of a consultation as an export source: one row per value of each counter of
 * `app/features/figures/counters.ts` (its label, its definition, the question and the group it
 * counts, the value), as the summary pages show them for the export's filters (region,
 * stakeholder type, use). Figures count every submitted answer within them, count-only ones
 * included (what "count only" allows): nothing is left out, under any profile.
 * Null for someone who may not read every answer.
 */
export async function figuresExport(db: Db, user: CurrentUser, consultation: Consultation, options: EntriesExportOptions): Promise<ExportSource | null> {
  if (!can(user, "response.readAll")) return null;
  const { language, values } = options;
  const figures = await figuresOf(db, consultation, options.filters ?? {});
  const counterColumn: ExportColumn = {
    ...ownColumn("counter", "exportFile.column.counter", "code"),
    codes: COUNTERS.map((counter) => ({ value: counter, labels: texts((each) => counterText(counter, each).label) })),
  };
  const columns = [
    counterColumn,
    ownColumn("definition", "exportFile.column.definition", "text"),
    ownColumn("question", "exportFile.codebook.question", "text"),
    ownColumn("group", "exportFile.column.group", "text"),
    ownColumn("value", "exportFile.column.value", "number"),
  ];
  async function* rows(): AsyncIterable<ExportCell[]> {
    for (const figure of figures) {
      yield [codedCell(counterColumn, figure.counter, values, language), textCell(counterText(figure.counter, language).definition), textCell(figure.question), textCell(figure.group), figure.value];
    }
  }
  return { meta: await sourceMeta(db, consultation, "figures", options), columns, expectedRows: figures.length, rows, omitted: noneOmitted() };
}
