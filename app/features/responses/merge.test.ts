import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ITEM_ID_KEY } from "./item-key.ts";
import { differingKeys, mergeAnswers, sameValue, type Answers } from "./merge.ts";

const PANELS = new Map<string, string | null>([["proposals", null], ["priority_objectives", "objective"]]);

function merge(base: Answers | null, theirs: Answers, mine: Answers, own?: string[]) {
  return mergeAnswers({ base, theirs, mine, panels: PANELS, own: own ? new Set(own) : undefined });
}

describe("merging answers question by question", () => {
  it("entries with stable ids pair up by id: one side removes an entry and edits another while the other edits a third, whatever moved", () => {
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const entry = (n: number, title: string) => ({ [ITEM_ID_KEY]: id(n), title });
    const base = { proposals: [entry(1, "one"), entry(2, "two"), entry(3, "three")] };
    const theirs = { proposals: [entry(2, "two"), entry(3, "three, theirs")] };
    const mine = { proposals: [entry(1, "one"), entry(2, "two, mine"), entry(3, "three")] };
    expect(merge(base, theirs, mine)).toEqual({ merged: { proposals: [entry(2, "two, mine"), entry(3, "three, theirs")] }, conflicts: [] });
    // An entry edited on both sides is one entry disputed, also when one side removed another
    // (by content alone, the edited entry would count as removed and added: a duplicate).
    const disputed = merge({ proposals: [entry(1, "one"), entry(2, "two")] }, { proposals: [entry(1, "one"), entry(2, "two, theirs")] }, { proposals: [entry(2, "two, mine")] });
    expect(disputed.merged).toEqual({ proposals: [entry(2, "two, theirs")] });
    expect(disputed.conflicts.map((conflict) => conflict.parts)).toEqual([[{ mine: entry(2, "two, mine"), theirs: entry(2, "two, theirs") }]]);
  });

  it("changes to different questions merge by themselves", () => {
    const base = { a: "1", b: ["x"] };
    expect(merge(base, { a: "2", b: ["x"] }, { a: "1", b: ["x", "y"], c: true })).toEqual({ merged: { a: "2", b: ["x", "y"], c: true }, conflicts: [] });
  });

  it("an answer cleared on one side and untouched on the other stays cleared", () => {
    expect(merge({ a: "1", b: "2" }, { a: "1" }, { a: "1", b: "2", c: "3" })).toEqual({ merged: { a: "1", c: "3" }, conflicts: [] });
  });

  it("the same change on both sides is no conflict; different ones to the same question are, with the other's latest value kept until chosen", () => {
    expect(merge({ a: "1" }, { a: "2" }, { a: "2" })).toEqual({ merged: { a: "2" }, conflicts: [] });
    expect(merge({ a: "1", b: "x" }, { a: "2", b: "y" }, { a: "3", b: "x" })).toEqual({
      merged: { a: "2", b: "y" },
      conflicts: [{ name: "a", mine: "3", theirs: "2", parts: [{ mine: "3", theirs: "2" }] }],
    });
  });

  it("a question answered by one side and cleared by the other is a conflict", () => {
    expect(merge({ a: "1" }, {}, { a: "3" }).conflicts).toEqual([{ name: "a", mine: "3", theirs: undefined, parts: [{ mine: "3", theirs: undefined }] }]);
  });

  it("without the base, every difference is a conflict", () => {
    expect(merge(null, { a: "1", b: "2" }, { a: "1", b: "3", c: "4" }).conflicts.map((conflict) => conflict.name)).toEqual(["b", "c"]);
  });

  it("answers changed meanwhile only by the same sender (saves whose answer was lost) take the latest sent", () => {
    expect(merge({ a: "1" }, { a: "2", b: "z" }, { a: "3" }, ["a"])).toEqual({ merged: { a: "3", b: "z" }, conflicts: [] });
  });

  it("compares values whatever the order of their keys, and an absent answer like a null one", () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: null }, {})).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(differingKeys({ a: 1, b: { x: 1, y: 2 } }, { b: { y: 2, x: 1 }, c: null, d: 0 })).toEqual(["a", "d"]);
  });
});

describe("merging the entries of a repeated panel", () => {
  const p = (title: string, extra: Answers = {}) => ({ title, ...extra });

  it("entries added by both sides are all kept, theirs first", () => {
    expect(merge({ proposals: [p("A")] }, { proposals: [p("A"), p("B")] }, { proposals: [p("A"), p("C")] })).toEqual({ merged: { proposals: [p("A"), p("B"), p("C")] }, conflicts: [] });
    expect(merge({}, { proposals: [p("B")] }, { proposals: [p("C")] }).merged).toEqual({ proposals: [p("B"), p("C")] });
  });

  it("the same entry added on both sides is kept once", () => {
    expect(merge({ proposals: [p("A")] }, { proposals: [p("A"), p("B")] }, { proposals: [p("A"), p("B")] }).merged).toEqual({ proposals: [p("A"), p("B")] });
    expect(merge({ proposals: [p("A")] }, { proposals: [p("A"), p("B")] }, { proposals: [p("A"), p("B"), p("C")] }).merged).toEqual({ proposals: [p("A"), p("B"), p("C")] });
  });

  it("different entries changed on each side merge, and an entry added meanwhile stays", () => {
    const base = { proposals: [p("A"), p("B")] };
    expect(merge(base, { proposals: [p("A", { summary: "a" }), p("B")] }, { proposals: [p("A"), p("B", { summary: "b" }), p("C")] })).toEqual({
      merged: { proposals: [p("A", { summary: "a" }), p("B", { summary: "b" }), p("C")] },
      conflicts: [],
    });
  });

  it("an entry removed on one side while another is changed on the other", () => {
    const base = { proposals: [p("A"), p("B"), p("C")] };
    expect(merge(base, { proposals: [p("B"), p("C")] }, { proposals: [p("A"), p("B"), p("C", { summary: "c" })] }).merged).toEqual({ proposals: [p("B"), p("C", { summary: "c" })] });
    expect(merge(base, { proposals: [p("A"), p("B", { summary: "b" }), p("C")] }, { proposals: [p("A"), p("B")] }).merged).toEqual({ proposals: [p("A"), p("B", { summary: "b" })] });
  });

  it("the same entry changed on both sides, or changed and removed, is a conflict about that entry only", () => {
    const base = { proposals: [p("A"), p("B")] };
    const result = merge(base, { proposals: [p("A", { summary: "theirs" }), p("B")] }, { proposals: [p("A", { summary: "mine" }), p("B", { summary: "b" })] });
    expect(result.merged).toEqual({ proposals: [p("A", { summary: "theirs" }), p("B", { summary: "b" })] });
    expect(result.conflicts).toEqual([
      {
        name: "proposals",
        mine: [p("A", { summary: "mine" }), p("B", { summary: "b" })],
        theirs: [p("A", { summary: "theirs" }), p("B", { summary: "b" })],
        parts: [{ mine: p("A", { summary: "mine" }), theirs: p("A", { summary: "theirs" }) }],
      },
    ]);
    const removed = merge(base, { proposals: [p("B")] }, { proposals: [p("A", { summary: "mine" }), p("B")] });
    expect(removed.conflicts[0]).toMatchObject({ mine: [p("A", { summary: "mine" }), p("B")], theirs: [p("B")], parts: [{ mine: p("A", { summary: "mine" }), theirs: undefined }] });
  });

  it("entries of a panel named by a key question pair up by their key once entries moved", () => {
    const o = (objective: string, extra: Answers = {}) => ({ objective, ...extra });
    const base = { priority_objectives: [o("gcm-01"), o("gcm-02"), o("gcm-03")] };
    // Theirs removed the first and changed the third; mine changed the second.
    const theirs = { priority_objectives: [o("gcm-02"), o("gcm-03", { current_capacity: 2 })] };
    const mine = { priority_objectives: [o("gcm-01"), o("gcm-02", { current_capacity: 4 }), o("gcm-03")] };
    expect(merge(base, theirs, mine)).toEqual({ merged: { priority_objectives: [o("gcm-02", { current_capacity: 4 }), o("gcm-03", { current_capacity: 2 })] }, conflicts: [] });
  });

  it("never loses an answer: every change of either side is in the result or offered in a conflict", () => {
    const entry = fc.record({ title: fc.constantFrom("A", "B", "C", "D"), summary: fc.option(fc.constantFrom("x", "y"), { nil: undefined }) }, { requiredKeys: ["title"] });
    const answers = fc.record({ a: fc.option(fc.constantFrom("1", "2", "3"), { nil: undefined }), proposals: fc.option(fc.array(entry, { maxLength: 4 }), { nil: undefined }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(answers, answers, answers, (base: Answers, theirs: Answers, mine: Answers) => {
        const { merged, conflicts } = merge(base, theirs, mine);
        const disputed = new Map(conflicts.map((conflict) => [conflict.name, conflict]));
        for (const side of [theirs, mine]) {
          for (const key of differingKeys(base, side)) {
            const conflict = disputed.get(key);
            if (conflict) {
              expect(sameValue(conflict.theirs, theirs[key]) || key === "proposals").toBe(true);
              continue;
            }
            if (key !== "proposals") expect(merged[key]).toEqual(side[key]);
          }
        }
        // A panel: each entry either side added or changed is in the result, or disputed.
        const entries = (value: unknown) => (Array.isArray(value) ? value : []);
        for (const side of [theirs, mine]) {
          for (const added of entries(side.proposals).filter((item) => !entries(base.proposals).some((old) => sameValue(old, item)))) {
            const present = entries(merged.proposals).some((item) => sameValue(item, added));
            const offered = disputed.get("proposals")?.parts.some((part) => sameValue(part.mine, added) || sameValue(part.theirs, added));
            expect(present || offered).toBe(true);
          }
        }
        // Nothing disputed and one side unchanged: the result is the other side.
        if (differingKeys(base, mine).length === 0) expect(differingKeys(merged, theirs)).toEqual([]);
        if (differingKeys(base, theirs).length === 0) expect(differingKeys(merged, mine)).toEqual([]);
      }),
      { numRuns: 2_000 }
    );
  });
});
