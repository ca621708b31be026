import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { deriveRows } from "#app/features/proposals/derivation.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { fixtureAnswer, fixtureOrganisation } from "#tests/figures.ts";
import { ATTRIBUTIONS, type Attribution, type Consultation } from "#db/schema.ts";
import { areasOf, needsByCode, needsByObjective, questionTallies, type FigureFilters, type QuestionTally } from "./counters.ts";
import { rebuildTallies } from "./tallies.ts";

/*
 * The tallies against the rows they sum (ADR 0033): a random run of submissions, amendments and
 * changes of use, after which (1) the tallies kept step by step equal those summed again from
 * the rows, and (2) every counter read from them equals the same count made here, by hand, over
 * the answer values and needs themselves, under random filters.
 */

const TYPES = ["tally_a", "tally_b"];
const REGIONS = ["011", "015", "155", null];
const OBJECTIVES = ["gcm-01", "gcm-02", "gcm-03", "gcm-07"];
const GAPS = ["financing", "data-evidence", "law-policy"];
const LEVELS = ["local", "national", "regional", "global"];

/** A small deterministic generator (mulberry32), so that a failure can be run again. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function answersFrom(next: () => number): Record<string, unknown> {
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const some = <T,>(items: readonly T[]) => items.filter(() => next() < 0.5);
  const objectives = [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(OBJECTIVES)))];
  return {
    ...MINIMAL_CAPACITY_ANSWERS,
    whole_of_government_consultation: pick(["yes", "partly", "no"]),
    data_availability: 1 + Math.floor(next() * 5),
    partnership_levels: some(LEVELS),
    priority_objectives: objectives.map((objective) => ({ objective, current_capacity: 1 + Math.floor(next() * 5), capacity_gaps: some(GAPS), support_modalities: ["funding"] })),
  };
}

/** The tallies that hold something, in a stable order. */
async function tallies() {
  const rows = await getDb().selectFrom("figure_tally").selectAll().execute();
  return rows
    .filter((row) => row.answers !== 0 || Number(row.number_sum ?? 0) !== 0)
    .map((row) => ({ ...row, answers: Number(row.answers), number_sum: row.number_sum === null ? null : Number(row.number_sum) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function selected(row: { stakeholder_type: string; region_m49: string | null; attribution: string | null }, filters: FigureFilters): boolean {
  return (
    (!filters.region || (row.region_m49 !== null && areasOf(filters.region).includes(row.region_m49))) &&
    (!filters.stakeholderType || row.stakeholder_type === filters.stakeholderType) &&
    (!filters.attribution || row.attribution === filters.attribution)
  );
}

/** questionTallies' answer, counted over the answer values themselves. */
async function questionsByHand(consultation: Consultation, filters: FigureFilters): Promise<Map<string, QuestionTally>> {
  const values = (await getDb().selectFrom("answer_value").selectAll().where("consultation_id", "=", consultation.id).execute()).filter((row) => selected(row, filters));
  const found = new Map<string, QuestionTally & { entries: Set<string> }>();
  for (const value of values) {
    const key = `${value.panel}/${value.question}`;
    const tally = found.get(key) ?? { answered: 0, values: [], entries: new Set<string>() };
    found.set(key, tally);
    tally.entries.add(`${value.response_id}/${value.entry_id}`);
    const existing = tally.values.find((item) => item.row === value.row_key && item.value === value.value_code);
    const number = value.value_number === null ? null : Number(value.value_number);
    if (existing) {
      existing.count += 1;
      existing.numberSum = number === null ? existing.numberSum : (existing.numberSum ?? 0) + number;
    } else tally.values.push({ row: value.row_key, value: value.value_code, count: 1, numberSum: number });
  }
  return new Map(
    [...found].map(([key, tally]) => [key, { answered: tally.entries.size, values: tally.values.sort((a, b) => (a.row + "\u0000" + a.value < b.row + "\u0000" + b.value ? -1 : 1)) }]),
  );
}

describe("figure tallies", () => {
  it("stay equal to the sums of their rows through submissions, amendments and changes of use", async () => {
    const consultation = await capacityConsultation();
    const organisations: string[] = [];
    for (const [index, region] of REGIONS.entries()) {
      for (const type of TYPES) organisations.push(await fixtureOrganisation(type, region, `T${index}${type}`));
    }
    const next = generator(20181203);
    const answers = new Map<string, string>();
    for (let step = 0; step < 60; step += 1) {
      const organisation = organisations[Math.floor(next() * organisations.length)] as string;
      const responseId = answers.get(organisation);
      const attribution = ATTRIBUTIONS[Math.floor(next() * ATTRIBUTIONS.length)] as Attribution;
      if (!responseId) {
        answers.set(organisation, await fixtureAnswer(consultation, organisation, answersFrom(next), attribution));
        continue;
      }
      // An amended submission, or a change of use, derived in its own transaction as the app does.
      const change = next() < 0.6 ? { submitted_data: JSON.stringify(answersFrom(next)) } : { attribution };
      await getDb().transaction().execute(async (trx) => {
        await trx.updateTable("response").set(change).where("id", "=", responseId).execute();
        await deriveRows(trx, responseId, DURING);
      });
    }

    const kept = await tallies();
    expect(kept.length).toBeGreaterThan(20);
    await rebuildTallies(getDb());
    expect(await tallies()).toEqual(kept);

    const filterSets: FigureFilters[] = [{}, { region: "002" }, { region: "011" }, { region: "150" }, { stakeholderType: "tally_a" }, { attribution: "attributable" }, { region: "002", stakeholderType: "tally_b", attribution: "non_attributable" }];
    for (const filters of filterSets) {
      const expected = await questionsByHand(consultation, filters);
      const read = await questionTallies(getDb(), [consultation], filters);
      for (const [key, tally] of expected) {
        const [panel, question] = key.split("/") as [string, string];
        expect(read({ panel, question }), `${key} ${JSON.stringify(filters)}`).toEqual({ answered: tally.answered, values: tally.values });
      }
      const needs = (await getDb().selectFrom("capacity_need").selectAll().where("consultation_id", "=", consultation.id).where("withdrawn_at", "is", null).execute()).filter((row) => selected(row, filters));
      const byObjective = await needsByObjective(getDb(), [consultation], filters);
      expect(byObjective.reduce((sum, row) => sum + row.needs, 0)).toBe(needs.length);
      for (const row of byObjective) {
        const mine = needs.filter((need) => need.objective === row.objective);
        expect(row.needs).toBe(mine.length);
        expect(row.first).toBe(mine.filter((need) => need.position === 0).length);
        expect(row.meanRank).toBeCloseTo(mine.reduce((sum, need) => sum + (need.position ?? 0), 0) / mine.length + 1, 9);
      }
      const codes = needs.length ? await getDb().selectFrom("capacity_need_code").selectAll().where("need_id", "in", needs.map((need) => need.id)).where("scheme", "=", "capacity_gap").execute() : [];
      const gaps = await needsByCode(getDb(), [consultation], "capacity_gap", filters);
      expect(Object.fromEntries(gaps.map((row) => [row.code, row.needs]))).toEqual(codes.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.code]: (counts[row.code] ?? 0) + 1 }), {}));
    }
  });
});
