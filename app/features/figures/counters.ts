import { sql, type ExpressionBuilder } from "kysely";
import type { Db } from "#db/connect.ts";
import { PROPOSAL_STATUSES, type Attribution, type CodeScheme, type Consultation, type Database, type ProposalStatus, type TallyFigure } from "#db/schema.ts";
import { audienceOf } from "#app/features/consultations/consultations.ts";
import { continentOf, subregionsOf } from "#app/features/organisations/countries.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";

/**
 * Every counter of the summary pages and reports, defined once (docs/decisions/0025): a function
 * over typed rows (organisations, responses' columns, proposals, answer values; never an
 * answer's JSON) with the summary's filters, and the sentence that defines it, shown beside it.
 */

/** The filters every figure honours; none means all. */
export interface FigureFilters {
  /** An M49 area: the organisations (or answers) in it or in any area under it, as the inbox filters. */
  region?: string;
  stakeholderType?: string;
  /** The use an answer allows: counts the answers given with it (and, for participation, their organisations). */
  attribution?: Attribution;
}

/** The counters; each has its name in a figure and its definition under `figures.counters.<name>` in the catalogues. */
export const COUNTERS = [
  "audience",
  "submitted",
  "responseRate",
  "proposalsByStatus",
  "answered",
  "choiceCount",
  "choiceShare",
  "ratingMean",
  "rankMean",
  "priorityNeeds",
  "firstPriority",
  "meanPriorityRank",
  "needsByCode",
] as const;

export type CounterName = (typeof COUNTERS)[number];

/** A counter's name and definition in a language, to show beside its figure. */
export function counterText(counter: CounterName, language: Language): { label: string; definition: string } {
  const t = translator(language);
  return { label: t(`figures.counters.${counter}.label`), definition: t(`figures.counters.${counter}.definition`) };
}

/** The M49 areas a region filter selects: the area and every area under it. */
export function areasOf(region: string): string[] {
  return [region, ...subregionsOf(region)];
}

const count = (value: unknown): number => Number(value ?? 0);

/** submitted / audience; null when there is no audience to divide by. */
export function rateOf(submitted: number, audience: number): number | null {
  return audience === 0 ? null : submitted / audience;
}

export interface Participation {
  /** counter `audience` */
  audience: number;
  /** counter `submitted` */
  submitted: number;
  /** counter `responseRate` */
  rate: number | null;
}

export type ParticipationGroup = "stakeholder_type" | "region" | "continent";

/**
 * The organisations of the consultations' audiences (those whose stakeholder type one of them is
 * addressed to, as the progress page lists them), and those of them that submitted an answer to
 * a consultation whose audience they are in, counted once however many they answered: with an
 * organisation's type and region as they are now, by type and area (the cells a page groups). An answer reopened for amendment
 * counts with its last submission. The attribution filter narrows the submissions, not the audience.
 *
 * The audience is counted from the organisations' index by type and area; the submissions of one
 * consultation from its tallies (one organisation answers a consultation once), those of several
 * from the submitted answers' index, where an organisation is counted once (ADR 0033).
 */
export async function participationCells(db: Db, consultations: readonly Consultation[], filters: FigureFilters = {}): Promise<ParticipationCell[]> {
  const addressed = consultations.filter((consultation) => audienceOf(consultation).length > 0);
  const types = [...new Set(addressed.flatMap(audienceOf))].filter((type) => !filters.stakeholderType || type === filters.stakeholderType);
  if (types.length === 0) return [];
  let audience = db.selectFrom("organisation").where("organisation.type", "in", types);
  if (filters.region) audience = audience.where("organisation.region_m49", "in", areasOf(filters.region));
  const inAudience = <T extends "figure_tally" | "submitted_answer">(table: T) => {
    const ref = (name: string) => sql.ref<string>(`${table}.${name}`);
    return (eb: ExpressionBuilder<Database, T>) => eb.or(addressed.map((consultation) => eb.and([eb(ref("consultation_id"), "=", consultation.id), eb(ref("stakeholder_type"), "in", audienceOf(consultation))])));
  };
  const [only] = addressed;
  const submissions =
    addressed.length === 1 && only
      ? talliesOf(db, addressed, filters, "submitted")
          .where(inAudience("figure_tally"))
          .select(["figure_tally.stakeholder_type as type", "figure_tally.region_m49 as region", (eb) => eb.fn.sum<number | string>("figure_tally.answers").as("n")])
          .groupBy(["figure_tally.stakeholder_type", "figure_tally.region_m49"])
      : db
          .selectFrom("submitted_answer")
          .where(withinFilters("submitted_answer", addressed, filters))
          .where(inAudience("submitted_answer"))
          .select(["submitted_answer.stakeholder_type as type", "submitted_answer.region_m49 as region", (eb) => eb.fn.count("submitted_answer.organisation_id").distinct().as("n")])
          .groupBy(["submitted_answer.stakeholder_type", "submitted_answer.region_m49"]);
  const [audienceRows, submittedRows] = await Promise.all([
    audience.select(["organisation.type", "organisation.region_m49 as region", (eb) => eb.fn.countAll().as("n")]).groupBy(["organisation.type", "organisation.region_m49"]).execute(),
    submissions.execute(),
  ]);
  // The tallies hold '' for an organisation placed in no area, where the organisation has null.
  const cellKey = (type: string, region: string | null) => `${type}\u0000${region ?? ""}`;
  const submitted = new Map(submittedRows.map((row) => [cellKey(row.type, row.region), count(row.n)]));
  return audienceRows.map((row) => ({ type: row.type, region: row.region, audience: count(row.n), submitted: submitted.get(cellKey(row.type, row.region)) ?? 0 }));
}

function counted(audience: number, submitted: number): Participation {
  return { audience, submitted, rate: rateOf(submitted, audience) };
}

/** counters `audience`, `submitted` and `responseRate` of participation cells: their sums. */
export function participationOf(cells: readonly ParticipationCell[]): Participation {
  return counted(
    cells.reduce((sum, cell) => sum + cell.audience, 0),
    cells.reduce((sum, cell) => sum + cell.submitted, 0),
  );
}

/** counters `audience`, `submitted` and `responseRate` over the consultations (one, or a meeting's), filtered. */
export async function participation(db: Db, consultations: readonly Consultation[], filters: FigureFilters = {}): Promise<Participation> {
  return participationOf(await participationCells(db, consultations, filters));
}

/** Participation by stakeholder type and M49 area, as one query gives it: `participationBy` groups it. */
export interface ParticipationCell {
  type: string;
  region: string | null;
  audience: number;
  submitted: number;
}

/**
 * The same counters by stakeholder type, by M49 area (as organisations are placed: a subregion or
 * an intermediate region) or by continent; `null` gathers organisations placed nowhere. Groups
 * are in the order of their keys; the groups' counts add up to `participation`'s. Each
 * organisation has one type and one area, so that the cells' counts of organisations add up.
 */
export function groupParticipation(cells: readonly ParticipationCell[], group: ParticipationGroup): { key: string | null; counts: Participation }[] {
  const totals = new Map<string | null, { audience: number; submitted: number }>();
  for (const cell of cells) {
    const key = group === "stakeholder_type" ? cell.type : group === "continent" && cell.region !== null ? (continentOf(cell.region) ?? null) : cell.region;
    const total = totals.get(key) ?? { audience: 0, submitted: 0 };
    totals.set(key, { audience: total.audience + cell.audience, submitted: total.submitted + cell.submitted });
  }
  return [...totals]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([key, total]) => ({ key, counts: counted(total.audience, total.submitted) }));
}

/** `groupParticipation` of the consultations' cells, read for one grouping. */
export async function participationBy(db: Db, consultations: readonly Consultation[], group: ParticipationGroup, filters: FigureFilters = {}): Promise<{ key: string | null; counts: Participation }[]> {
  return groupParticipation(await participationCells(db, consultations, filters), group);
}

/** The tables of rows derived from answers, which carry the answer's consultation, type, region and use. */
type AnswerRows = "proposal" | "answer_value" | "capacity_need" | "free_text_answer" | "figure_tally" | "submitted_answer";

/**
 * The condition that puts a figure's filters on rows derived from answers: within the
 * consultations, in the region (or an area under it), of the type and the use asked for.
 */
export function withinFilters<T extends AnswerRows>(table: T, consultations: readonly Consultation[], filters: FigureFilters) {
  const column = (name: string) => sql.ref<string | null>(`${table}.${name}`);
  return (eb: ExpressionBuilder<Database, T>) =>
    eb.and([
      eb(
        column("consultation_id"),
        "in",
        consultations.map((consultation) => consultation.id),
      ),
      ...(filters.region ? [eb(column("region_m49"), "in", areasOf(filters.region))] : []),
      ...(filters.stakeholderType ? [eb(column("stakeholder_type"), "=", filters.stakeholderType)] : []),
      ...(filters.attribution ? [eb(column("attribution"), "=", filters.attribution)] : []),
    ]);
}

/**
 * The tallies of one kind (ADR 0033) of the groups the filters select: each counter sums them,
 * so that it reads a few thousand rows whatever the number of answers.
 */
export function talliesOf(db: Db, consultations: readonly Consultation[], filters: FigureFilters, figure: TallyFigure) {
  return db.selectFrom("figure_tally").where(withinFilters("figure_tally", consultations, filters)).where("figure_tally.figure", "=", figure);
}

/**
 * counter `proposalsByStatus`: the proposals received from answers (not the rapporteurs' merged
 * texts) that their authors have not withdrawn, by status, every status listed; type, region and
 * attribution are the answer's at its last submission.
 */
export async function proposalsByStatus(db: Db, consultations: readonly Consultation[], filters: FigureFilters = {}): Promise<Record<ProposalStatus, number>> {
  const counts = Object.fromEntries(PROPOSAL_STATUSES.map((status) => [status, 0])) as Record<ProposalStatus, number>;
  if (consultations.length === 0) return counts;
  const rows = await db
    .selectFrom("proposal")
    .where(withinFilters("proposal", consultations, filters))
    .where("proposal.kind", "!=", "merged")
    .where("proposal.withdrawn_at", "is", null)
    .select(["proposal.status", (eb) => eb.fn.countAll().as("n")]).groupBy("proposal.status").execute();
  for (const row of rows) counts[row.status] = count(row.n);
  return counts;
}

/** A question of a survey, in a repeated panel or not. */
export interface QuestionRef {
  /** The repeated panel's name; '' (or absent) for a question outside panels. */
  panel?: string;
  question: string;
}

/** What the answer values of one question hold: counter `answered`, and each value's answers and the sum of their numbers. */
export interface QuestionTally {
  answered: number;
  values: { row: string; value: string; count: number; numberSum: number | null }[];
}

const questionKey = (ref: QuestionRef): string => `${ref.panel ?? ""}\u0000${ref.question}`;
/** Code point order, as the databases' binary collation sorts codes. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The answer values of every question (or of those named) over the consultations, filtered, in two
 * grouped queries whatever the number of questions: for each question, counter `answered` (the
 * answers, or for a question in a repeated panel the entries, that gave it a value) and each
 * (matrix row, value) with its answers and the sum of their ratings or ranks.
 */
export async function questionTallies(db: Db, consultations: readonly Consultation[], filters: FigureFilters = {}, only?: readonly QuestionRef[]): Promise<(ref: QuestionRef) => QuestionTally> {
  const tallies = new Map<string, QuestionTally>();
  const tallyOf = (ref: QuestionRef) => tallies.get(questionKey(ref)) ?? { answered: 0, values: [] };
  if (consultations.length === 0 || only?.length === 0) return tallyOf;
  const sums = (figure: TallyFigure) => {
    const query = talliesOf(db, consultations, filters, figure);
    return only ? query.where((eb) => eb.or(only.map((ref) => eb.and([eb("figure_tally.panel", "=", ref.panel ?? ""), eb("figure_tally.question", "=", ref.question)])))) : query;
  };
  const answeredRows = await sums("answered")
    .select((eb) => ["figure_tally.panel", "figure_tally.question", eb.fn.sum<number | string>("figure_tally.answers").as("n")])
    .groupBy(["figure_tally.panel", "figure_tally.question"])
    .execute();
  for (const row of answeredRows) if (count(row.n) > 0) tallies.set(questionKey(row), { answered: count(row.n), values: [] });
  const valueRows = await sums("value")
    .select((eb) => [
      "figure_tally.panel",
      "figure_tally.question",
      "figure_tally.row_key",
      "figure_tally.value_code",
      eb.fn.sum<number | string>("figure_tally.answers").as("n"),
      eb.fn.sum<number | string | null>("figure_tally.number_sum").as("numbers"),
    ])
    .groupBy(["figure_tally.panel", "figure_tally.question", "figure_tally.row_key", "figure_tally.value_code"])
    .execute();
  for (const row of valueRows) {
    if (count(row.n) === 0) continue;
    tallyOf(row).values.push({ row: row.row_key, value: row.value_code, count: count(row.n), numberSum: row.numbers === null ? null : Number(row.numbers) });
  }
  for (const tally of tallies.values()) tally.values.sort((a, b) => byCode(a.row, b.row) || byCode(a.value, b.value));
  return tallyOf;
}

async function tallyOfOne(db: Db, consultations: readonly Consultation[], ref: QuestionRef, filters: FigureFilters): Promise<QuestionTally> {
  return (await questionTallies(db, consultations, filters, [ref]))(ref);
}

export interface ChoiceCount {
  /** A matrix's row; '' for any other question. */
  row: string;
  value: string;
  /** counter `choiceCount` */
  count: number;
  /** counter `choiceShare`: count / answered. */
  share: number;
}

export interface ChoiceDistribution {
  answered: number;
  /** The values chosen at least once, by row, then by value. */
  counts: ChoiceCount[];
}

/** A question's counters `choiceCount` and `choiceShare` from its tally. */
export function choicesOf(tally: QuestionTally): ChoiceDistribution {
  const { answered } = tally;
  return { answered, counts: tally.values.map((value) => ({ row: value.row, value: value.value, count: value.count, share: answered === 0 ? 0 : value.count / answered })) };
}

/**
 * How a question's answers are distributed: for each value (and matrix row), counter `choiceCount`
 * and its share of counter `answered` (several choices of one answer each count, so shares of a
 * checkbox may add up to more than 1).
 */
export async function choiceDistribution(db: Db, consultations: readonly Consultation[], ref: QuestionRef, filters: FigureFilters = {}): Promise<ChoiceDistribution> {
  return choicesOf(await tallyOfOne(db, consultations, ref, filters));
}

export interface RatingSummary {
  answered: number;
  /** counter `ratingMean`; null when no answer rated. */
  mean: number | null;
  /** How many answers gave each value, by value. */
  distribution: { value: number; count: number }[];
}

/** A rating question's counter `ratingMean` and its distribution from its tally. */
export function ratingOf(tally: QuestionTally): RatingSummary {
  const distribution = tally.values
    .filter((value) => value.numberSum !== null && value.count > 0)
    .map((value) => ({ value: (value.numberSum ?? 0) / value.count, count: value.count }))
    .sort((a, b) => a.value - b.value);
  const answered = distribution.reduce((sum, row) => sum + row.count, 0);
  const total = distribution.reduce((sum, row) => sum + row.value * row.count, 0);
  return { answered, mean: answered === 0 ? null : total / answered, distribution };
}

/** A rating question's counter `ratingMean` and its distribution (answers per value). */
export async function ratingSummary(db: Db, consultations: readonly Consultation[], ref: QuestionRef, filters: FigureFilters = {}): Promise<RatingSummary> {
  return ratingOf(await tallyOfOne(db, consultations, ref, filters));
}

export interface RankedChoice {
  value: string;
  /** counter `choiceCount`: the answers that ranked it. */
  count: number;
  /** counter `rankMean`: 1 is the first place. */
  meanRank: number;
}

/** A ranking question's choices with counter `rankMean` from its tally, best placed first (then by value). */
export function rankingOf(tally: QuestionTally): { answered: number; choices: RankedChoice[] } {
  return {
    answered: tally.answered,
    choices: tally.values
      .filter((value) => value.numberSum !== null)
      .map((value) => ({ value: value.value, count: value.count, meanRank: (value.numberSum ?? 0) / value.count }))
      .sort((a, b) => a.meanRank - b.meanRank || byCode(a.value, b.value)),
  };
}

/**
 * A ranking question's choices with the answers that ranked each and its mean place among them,
 * best placed first (then by value); `answered` as for any question.
 */
export async function rankingSummary(db: Db, consultations: readonly Consultation[], ref: QuestionRef, filters: FigureFilters = {}): Promise<{ answered: number; choices: RankedChoice[] }> {
  return rankingOf(await tallyOfOne(db, consultations, ref, filters));
}

export interface ObjectiveNeeds {
  objective: string;
  /** counter `priorityNeeds` */
  needs: number;
  /** counter `firstPriority` */
  first: number;
  /** counter `meanPriorityRank`: 1 is the highest priority. */
  meanRank: number;
}

/**
 * The GCM objectives that answers name as priorities (the standing capacity_need rows, which the
 * matching of needs and offers reads too, as tallied): how many answers name each, how many put it
 * first, its mean rank; most named first, then by objective.
 */
export async function needsByObjective(db: Db, consultations: readonly Consultation[], filters: FigureFilters = {}): Promise<ObjectiveNeeds[]> {
  if (consultations.length === 0) return [];
  const sums = (figure: TallyFigure) =>
    talliesOf(db, consultations, filters, figure)
      .select((eb) => ["figure_tally.value_code", eb.fn.sum<number | string>("figure_tally.answers").as("n"), eb.fn.sum<number | string | null>("figure_tally.number_sum").as("positions")])
      .groupBy("figure_tally.value_code")
      .execute();
  const [needs, firsts] = await Promise.all([sums("need"), sums("need_first")]);
  const first = new Map(firsts.map((row) => [row.value_code, count(row.n)]));
  return needs
    .filter((row) => count(row.n) > 0)
    .map((row) => ({ objective: row.value_code, needs: count(row.n), first: first.get(row.value_code) ?? 0, meanRank: count(row.positions) / count(row.n) + 1 }))
    .sort((a, b) => b.needs - a.needs || a.objective.localeCompare(b.objective));
}

/**
 * counter `priorityNeeds` by GCM objective and continent (of the answer's M49 area; `null` for
 * answers placed nowhere), for the heat map of objectives by region: the cells add up to
 * `needsByObjective`'s counts.
 */
export async function needsByObjectiveAndContinent(db: Db, consultations: readonly Consultation[], filters: FigureFilters = {}): Promise<{ objective: string; continent: string | null; needs: number }[]> {
  if (consultations.length === 0) return [];
  const rows = await talliesOf(db, consultations, filters, "need")
    .select((eb) => ["figure_tally.value_code", "figure_tally.region_m49", eb.fn.sum<number | string>("figure_tally.answers").as("needs")])
    .groupBy(["figure_tally.value_code", "figure_tally.region_m49"])
    .execute();
  const cells = new Map<string, { objective: string; continent: string | null; needs: number }>();
  for (const row of rows) {
    if (count(row.needs) === 0) continue;
    const continent = row.region_m49 === "" ? null : (continentOf(row.region_m49) ?? null);
    const key = `${row.value_code}\u0000${continent ?? ""}`;
    const cell = cells.get(key) ?? { objective: row.value_code, continent, needs: 0 };
    cells.set(key, { ...cell, needs: cell.needs + count(row.needs) });
  }
  return [...cells.values()];
}

/**
 * counter `needsByCode`: the capacity needs that name each capacity gap or support modality
 * wanted (a need naming several counts for each); most named first, then by code.
 */
export async function needsByCode(db: Db, consultations: readonly Consultation[], scheme: Extract<CodeScheme, "capacity_gap" | "support_modality">, filters: FigureFilters = {}): Promise<{ code: string; needs: number }[]> {
  if (consultations.length === 0) return [];
  const rows = await talliesOf(db, consultations, filters, "need_code")
    .where("figure_tally.row_key", "=", scheme)
    .select((eb) => ["figure_tally.value_code", eb.fn.sum<number | string>("figure_tally.answers").as("needs")])
    .groupBy("figure_tally.value_code")
    .execute();
  return rows
    .filter((row) => count(row.needs) > 0)
    .map((row) => ({ code: row.value_code, needs: count(row.needs) }))
    .sort((a, b) => b.needs - a.needs || a.code.localeCompare(b.code));
}
