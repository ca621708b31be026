import type { Db } from "#db/connect.ts";
import { areasOf } from "./counters.ts";

/**
 * Before and after (docs/decisions/0030): what changed in the priorities and capacity ratings of
 * the States that answered both the meeting's `capacity-needs` survey (before) and its
 * `follow-up` (after). Read from the typed needs (capacity_need: one row per priority objective,
 * with the State's rating of its current capacity), never from the answers' JSON.
 */

export const BEFORE_SURVEY = "capacity-needs";
export const AFTER_SURVEY = "follow-up";

export interface BeforeAfterFilters {
  /** An M49 area: the States placed in it or in any area under it, as they are placed now. */
  region?: string;
}

export interface ObjectiveChange {
  objective: string;
  /** The paired States that named it as a priority before, and after. */
  statesBefore: number;
  statesAfter: number;
  /** Of them, those that named it at both moments. */
  statesBoth: number;
  /** The paired States that rated their capacity on it at both moments, and their mean ratings (1–5); null when none did. */
  ratedBoth: number;
  capacityBefore: number | null;
  capacityAfter: number | null;
}

export interface BeforeAfterSummary {
  /** The States with a submitted answer to both surveys (within the filters): the only ones counted. */
  states: number;
  /** Of them, those whose set of priority objectives differs between the two answers. */
  statesChanged: number;
  /** The mean number of priority objectives per paired State, before and after; null without paired States. */
  prioritiesBefore: number | null;
  prioritiesAfter: number | null;
  /** Over every objective a paired State rated at both moments: how many such ratings, and their means. */
  ratedBoth: number;
  capacityBefore: number | null;
  capacityAfter: number | null;
  /** Every objective named by a paired State at either moment: most named first, then by code. */
  objectives: ObjectiveChange[];
}

type Moment = "before" | "after";

/** One State's priorities at one moment: each objective with its ratings (several if it answered the survey in two consultations of the meeting). */
type Priorities = Map<string, number[]>;

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

/** The meeting's consultations of each survey. */
async function consultationsOf(db: Db, meetingId: string): Promise<Record<Moment, string[]>> {
  const rows = await db.selectFrom("consultation").select(["id", "survey_slug"]).where("meeting_id", "=", meetingId).where("survey_slug", "in", [BEFORE_SURVEY, AFTER_SURVEY]).execute();
  return {
    before: rows.filter((row) => row.survey_slug === BEFORE_SURVEY).map((row) => row.id),
    after: rows.filter((row) => row.survey_slug === AFTER_SURVEY).map((row) => row.id),
  };
}

/** The States (within the region) with a submitted answer to one of the consultations. */
async function statesAnswering(db: Db, consultationIds: readonly string[], filters: BeforeAfterFilters): Promise<Set<string>> {
  if (consultationIds.length === 0) return new Set();
  let query = db
    .selectFrom("response")
    .innerJoin("organisation", "organisation.id", "response.organisation_id")
    .select("response.organisation_id")
    .distinct()
    .where("response.consultation_id", "in", consultationIds)
    .where("response.submitted_data", "is not", null)
    .where("organisation.type", "=", "state");
  if (filters.region) query = query.where("organisation.region_m49", "in", areasOf(filters.region));
  return new Set((await query.execute()).map((row) => row.organisation_id));
}

/** The priorities the paired States stated in the consultations, by State. */
async function prioritiesOf(db: Db, consultationIds: readonly string[], states: ReadonlySet<string>): Promise<Map<string, Priorities>> {
  const byState = new Map<string, Priorities>([...states].map((state) => [state, new Map()]));
  const rows = await db
    .selectFrom("capacity_need")
    .select(["organisation_id", "objective", "current_capacity"])
    .where("consultation_id", "in", consultationIds)
    .where("organisation_id", "in", [...states])
    .where("withdrawn_at", "is", null)
    .execute();
  for (const row of rows) {
    const priorities = byState.get(row.organisation_id);
    if (!priorities) continue;
    const ratings = priorities.get(row.objective) ?? [];
    if (row.current_capacity !== null) ratings.push(Number(row.current_capacity));
    priorities.set(row.objective, ratings);
  }
  return byState;
}

const sameObjectives = (a: Priorities, b: Priorities) => a.size === b.size && [...a.keys()].every((objective) => b.has(objective));

/** What changed between the two answers of the meeting's paired States, per objective and overall. */
export async function beforeAfter(db: Db, meetingId: string, filters: BeforeAfterFilters = {}): Promise<BeforeAfterSummary> {
  const consultations = await consultationsOf(db, meetingId);
  const answeredBefore = await statesAnswering(db, consultations.before, filters);
  const answeredAfter = await statesAnswering(db, consultations.after, filters);
  const paired = new Set([...answeredBefore].filter((state) => answeredAfter.has(state)));
  if (paired.size === 0) return { states: 0, statesChanged: 0, prioritiesBefore: null, prioritiesAfter: null, ratedBoth: 0, capacityBefore: null, capacityAfter: null, objectives: [] };
  const before = await prioritiesOf(db, consultations.before, paired);
  const after = await prioritiesOf(db, consultations.after, paired);

  const objectives = new Map<string, { before: number; after: number; both: number; ratingsBefore: number[]; ratingsAfter: number[] }>();
  const allRatingsBefore: number[] = [];
  const allRatingsAfter: number[] = [];
  for (const state of paired) {
    const then = before.get(state) ?? new Map<string, number[]>();
    const now = after.get(state) ?? new Map<string, number[]>();
    for (const objective of new Set([...then.keys(), ...now.keys()])) {
      const figures = objectives.get(objective) ?? { before: 0, after: 0, both: 0, ratingsBefore: [], ratingsAfter: [] };
      const ratedThen = mean(then.get(objective) ?? []);
      const ratedNow = mean(now.get(objective) ?? []);
      figures.before += then.has(objective) ? 1 : 0;
      figures.after += now.has(objective) ? 1 : 0;
      figures.both += then.has(objective) && now.has(objective) ? 1 : 0;
      // A rating's change is read on the same States only, so that who answered does not pass for what changed.
      if (ratedThen !== null && ratedNow !== null) {
        figures.ratingsBefore.push(ratedThen);
        figures.ratingsAfter.push(ratedNow);
        allRatingsBefore.push(ratedThen);
        allRatingsAfter.push(ratedNow);
      }
      objectives.set(objective, figures);
    }
  }
  const states = [...paired];
  const countOf = (priorities: Map<string, Priorities>) => states.reduce((sum, state) => sum + (priorities.get(state)?.size ?? 0), 0);
  return {
    states: paired.size,
    statesChanged: states.filter((state) => !sameObjectives(before.get(state) ?? new Map(), after.get(state) ?? new Map())).length,
    prioritiesBefore: countOf(before) / paired.size,
    prioritiesAfter: countOf(after) / paired.size,
    ratedBoth: allRatingsBefore.length,
    capacityBefore: mean(allRatingsBefore),
    capacityAfter: mean(allRatingsAfter),
    objectives: [...objectives]
      .map(([objective, figures]) => ({
        objective,
        statesBefore: figures.before,
        statesAfter: figures.after,
        statesBoth: figures.both,
        ratedBoth: figures.ratingsBefore.length,
        capacityBefore: mean(figures.ratingsBefore),
        capacityAfter: mean(figures.ratingsAfter),
      }))
      .sort((a, b) => b.statesBefore + b.statesAfter - (a.statesBefore + a.statesAfter) || a.objective.localeCompare(b.objective)),
  };
}
