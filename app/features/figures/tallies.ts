import type { Db } from "#db/connect.ts";
import type { AnswerGroupColumns, FigureTallyTable, TallyFigure } from "#db/schema.ts";

/**
 * The figures' sums kept in step with the rows they count (docs/decisions/0033): an answer's
 * contribution is read from its derived rows before and after they change, and the difference
 * is added to the tallies in the same transaction. A summary then sums the tallies of the groups
 * its filters select, a few thousand rows whatever the number of answers.
 */

type TallyKey = Omit<FigureTallyTable, "answers" | "number_sum">;
type Contribution = Map<string, { key: TallyKey; answers: number; numberSum: number | null }>;

/** The columns of an answer's rows that say which group a filter may select it in. */
type Grouped = Pick<AnswerGroupColumns, "consultation_id" | "stakeholder_type" | "region_m49" | "attribution">;

const keyText = (key: TallyKey) =>
  [key.consultation_id, key.figure, key.panel, key.question, key.row_key, key.value_code, key.stakeholder_type, key.region_m49, key.attribution].join("\u0000");

function add(found: Contribution, group: Grouped, figure: TallyFigure, place: { panel: string; question: string; row_key: string; value_code: string }, number: number | null): void {
  const key: TallyKey = { consultation_id: group.consultation_id, figure, panel: place.panel, question: place.question, row_key: place.row_key, value_code: place.value_code, stakeholder_type: group.stakeholder_type, region_m49: group.region_m49 ?? "", attribution: group.attribution ?? "" };
  const text = keyText(key);
  const current = found.get(text);
  if (current) {
    current.answers += 1;
    if (number !== null) current.numberSum = (current.numberSum ?? 0) + number;
  } else {
    found.set(text, { key, answers: 1, numberSum: number });
  }
}

const valueColumns = ["response_id", "consultation_id", "stakeholder_type", "region_m49", "attribution", "panel", "entry_id", "question", "row_key", "value_code", "value_number"] as const;
const needColumns = [
  "capacity_need.id",
  "capacity_need.consultation_id",
  "capacity_need.stakeholder_type",
  "capacity_need.region_m49",
  "capacity_need.attribution",
  "capacity_need.objective",
  "capacity_need.position",
  "capacity_need_code.scheme",
  "capacity_need_code.code",
] as const;

/** What the derived rows of the answers named, as they stand, add to the tallies: into `found`. The answers that have such rows. */
async function addContributions(db: Db, responseIds: readonly string[], found: Contribution): Promise<Set<string>> {
  const counted = new Set<string>();
  const values = await db.selectFrom("answer_value").select(valueColumns).where("response_id", "in", responseIds).execute();
  const answered = new Set<string>();
  for (const value of values) {
    counted.add(value.response_id);
    add(found, value, "value", value, value.value_number);
    const question = `${value.response_id}\u0000${value.panel}\u0000${value.entry_id}\u0000${value.question}`;
    if (answered.has(question)) continue;
    answered.add(question);
    add(found, value, "answered", { panel: value.panel, question: value.question, row_key: "", value_code: "" }, null);
  }
  const needs = await db
    .selectFrom("capacity_need")
    .leftJoin("capacity_need_code", "capacity_need_code.need_id", "capacity_need.id")
    .select([...needColumns, "capacity_need.response_id"])
    .where("capacity_need.response_id", "in", responseIds)
    .where("capacity_need.withdrawn_at", "is", null)
    .execute();
  const needsSeen = new Set<string>();
  for (const need of needs) {
    if (need.response_id) counted.add(need.response_id);
    if (!needsSeen.has(need.id)) {
      needsSeen.add(need.id);
      const objective = { panel: "", question: "", row_key: "", value_code: need.objective };
      add(found, need, "need", objective, need.position ?? 0);
      if (need.position === 0) add(found, need, "need_first", objective, null);
    }
    if (need.scheme !== null && need.code !== null) add(found, need, "need_code", { panel: "", question: "", row_key: need.scheme, value_code: need.code }, null);
  }
  const texts = await db
    .selectFrom("free_text_answer")
    .select(["response_id", "consultation_id", "stakeholder_type", "region_m49", "attribution", "panel", "question", "part"])
    .where("response_id", "in", responseIds)
    .execute();
  for (const text of texts) {
    counted.add(text.response_id);
    add(found, text, "text", { panel: text.panel, question: text.question, row_key: text.part, value_code: "" }, null);
  }
  const submissions = await db.selectFrom("submitted_answer").select(["response_id", "consultation_id", "stakeholder_type", "region_m49", "attribution"]).where("response_id", "in", responseIds).execute();
  for (const submission of submissions) {
    counted.add(submission.response_id);
    add(found, submission, "submitted", { panel: "", question: "", row_key: "", value_code: "" }, null);
  }
  return counted;
}

async function contributionOf(db: Db, responseId: string): Promise<Contribution> {
  const found: Contribution = new Map();
  await addContributions(db, [responseId], found);
  return found;
}

/** Rows per upsert: far below both databases' limits on bound parameters. */
const BATCH = 200;

/**
 * The tallies' change from one contribution to the next, written as one upsert per batch in the
 * keys' order, so that two transactions touching the same tallies take their locks in the same
 * order (PostgreSQL) and cannot deadlock.
 */
async function applyChange(db: Db, before: Contribution, after: Contribution): Promise<void> {
  const changes = new Map<string, FigureTallyTable>();
  for (const [text, item] of after) changes.set(text, { ...item.key, answers: item.answers, number_sum: item.numberSum });
  for (const [text, item] of before) {
    const change = changes.get(text) ?? { ...item.key, answers: 0, number_sum: item.numberSum === null ? null : 0 };
    changes.set(text, { ...change, answers: change.answers - item.answers, number_sum: item.numberSum === null ? change.number_sum : (change.number_sum ?? 0) - item.numberSum });
  }
  const rows = [...changes].filter(([, row]) => row.answers !== 0 || (row.number_sum ?? 0) !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (let start = 0; start < rows.length; start += BATCH) {
    await db
      .insertInto("figure_tally")
      .values(rows.slice(start, start + BATCH))
      .onConflict((conflict) =>
        conflict.columns(["consultation_id", "figure", "panel", "question", "row_key", "value_code", "stakeholder_type", "region_m49", "attribution"]).doUpdateSet((eb) => ({
          answers: eb("figure_tally.answers", "+", eb.ref("excluded.answers")),
          number_sum: eb("figure_tally.number_sum", "+", eb.ref("excluded.number_sum")),
        })),
      )
      .execute();
  }
}

/**
 * Runs a change of an answer's derived rows (inside the caller's transaction) and moves the
 * tallies by what it changed: the answer's old contribution out, its new one in.
 */
export async function withTallies(db: Db, responseId: string, change: () => Promise<void>): Promise<void> {
  const before = await contributionOf(db, responseId);
  await change();
  await applyChange(db, before, await contributionOf(db, responseId));
}

/** Answers read at once by the rebuild. */
const REBUILD_PAGE = 500;

/**
 * Every tally computed again from the rows (`figures:rebuild`, and after the migration that adds
 * them): the repair for tallies that disagree with their rows, if ever they did. The answers are
 * read in pages; the tallies, a few thousand rows, are summed in memory and written at the end.
 * The number of answers whose rows were summed.
 */
export async function rebuildTallies(db: Db): Promise<{ answers: number }> {
  const found: Contribution = new Map();
  let after = "";
  let answers = 0;
  for (;;) {
    const page = await db
      .selectFrom("response")
      .select("id")
      .where("id", ">", after)
      .orderBy("id")
      .limit(REBUILD_PAGE)
      .execute();
    if (page.length === 0) break;
    const counted = await addContributions(
      db,
      page.map((row) => row.id),
      found,
    );
    after = page[page.length - 1]?.id ?? after;
    answers += counted.size;
  }
  await db.deleteFrom("figure_tally").execute();
  await applyChange(db, new Map(), found);
  return { answers };
}
