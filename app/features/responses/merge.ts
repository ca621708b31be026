/**
 * Three-way merge of one response's answers, question by question, against the revision both
 * sides started from (docs/decisions/0011-merging-answers.md). Pure: no database, no survey model.
 */
import { ITEM_ID_KEY, isItemId } from "./item-key.ts";

export type Answers = Record<string, unknown>;

/** One disputed answer, or one disputed entry of a repeated panel: undefined where a side has none. */
export interface ConflictPart {
  mine: unknown;
  theirs: unknown;
}

export interface MergeConflict {
  /** The question's answer key. */
  name: string;
  /**
   * The whole answer to store if one keeps one's own, or takes the other's. For a repeated panel
   * both hold every entry merged; they differ only in the disputed entries.
   */
  mine: unknown;
  theirs: unknown;
  parts: ConflictPart[];
}

export interface MergeResult {
  /** Every change merged; a disputed answer is left as the other side stored it. */
  merged: Answers;
  conflicts: MergeConflict[];
}

export interface MergeInput {
  /** The answers both sides started from; null when that revision is unknown (every difference is then disputed). */
  base: Answers | null;
  /** The answers stored now. */
  theirs: Answers;
  /** The answers sent. */
  mine: Answers;
  /** The repeated panels' answer keys, with the key question whose answer names an entry (null: none). */
  panels: ReadonlyMap<string, string | null>;
  /** Answer keys changed since the base only by this same sender (saves whose answer it never got): its value stands. */
  own?: ReadonlySet<string>;
}

/**
 * Beyond this many entry comparisons, a repeated panel changed on both sides is shown as one
 * disputed answer rather than aligned (far above any survey's panel count).
 */
const MAX_ALIGNMENT = 10_000;

/** Values compared as JSON, with object keys in any order, and an absent, undefined or null answer alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Answers)
      .filter(([, item]) => item !== undefined && item !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The answer keys whose answers differ between two sets, sorted. */
export function differingKeys(before: Answers, after: Answers): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameValue(before[key], after[key])).sort();
}

export function mergeAnswers({ base, theirs, mine, panels, own }: MergeInput): MergeResult {
  const merged: Answers = {};
  const conflicts: MergeConflict[] = [];
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])].sort();
  for (const key of keys) {
    const outcome = own?.has(key) ? { value: mine[key] } : mergeValue(key, base === null ? UNKNOWN : base[key], theirs[key], mine[key], panels);
    if ("conflict" in outcome && outcome.conflict) conflicts.push(outcome.conflict);
    if (outcome.value !== undefined && outcome.value !== null) merged[key] = outcome.value;
  }
  return { merged, conflicts };
}

const UNKNOWN = Symbol("unknown base");

function mergeValue(name: string, base: unknown, theirs: unknown, mine: unknown, panels: ReadonlyMap<string, string | null>): { value: unknown; conflict?: MergeConflict } {
  if (sameValue(theirs, mine)) return { value: theirs };
  if (base !== UNKNOWN) {
    if (sameValue(base, mine)) return { value: theirs };
    if (sameValue(base, theirs)) return { value: mine };
    if (panels.has(name)) {
      const entries = (value: unknown) => (Array.isArray(value) ? value : []);
      return mergePanel(name, entries(base), entries(theirs), entries(mine), panels.get(name) ?? null);
    }
  }
  return { value: theirs, conflict: { name, mine, theirs, parts: [{ mine, theirs }] } };
}

/**
 * A repeated panel changed on both sides: entries added, changed or removed by only one side are
 * merged; an entry changed by both, or changed by one and removed by the other, is disputed.
 * Additions of both sides are all kept (those identical on both sides once).
 */
function mergePanel(name: string, base: unknown[], theirs: unknown[], mine: unknown[], key: string | null): { value: unknown; conflict?: MergeConflict } {
  if (base.length * Math.max(theirs.length, mine.length) > MAX_ALIGNMENT) return { value: theirs, conflict: { name, mine, theirs, parts: [{ mine, theirs }] } };
  const ours = align(base, theirs, key);
  const yours = align(base, mine, key);
  const keptTheirs: unknown[] = [];
  const keptMine: unknown[] = [];
  const parts: ConflictPart[] = [];
  const both = (entry: unknown) => {
    keptTheirs.push(entry);
    keptMine.push(entry);
  };
  const additions = (anchor: number) => {
    const added = ours.added.get(anchor) ?? [];
    for (const index of added) both(theirs[index]);
    for (const index of yours.added.get(anchor) ?? []) {
      if (!added.some((other) => sameValue(theirs[other], mine[index]))) both(mine[index]);
    }
  };
  additions(-1);
  base.forEach((entry, index) => {
    const their = stateOf(entry, ours.paired[index], theirs);
    const my = stateOf(entry, yours.paired[index], mine);
    // Removed on one side and not changed on the other: stays removed.
    const removed = (their.state === "removed" && my.state !== "changed") || (my.state === "removed" && their.state !== "changed");
    if (removed) {
      additions(index);
      return;
    }
    if (my.state === "kept" || (their.state === "changed" && my.state === "changed" && sameValue(their.value, my.value))) {
      both(their.value);
    } else if (their.state === "kept") {
      both(my.value);
    } else {
      // Changed on both sides, or changed on one and removed on the other.
      parts.push({ mine: my.value, theirs: their.value });
      if (their.state !== "removed") keptTheirs.push(their.value);
      if (my.state !== "removed") keptMine.push(my.value);
    }
    additions(index);
  });
  if (parts.length === 0) return { value: keptTheirs };
  return { value: keptTheirs, conflict: { name, mine: keptMine, theirs: keptTheirs, parts } };
}

function stateOf(entry: unknown, index: number | undefined, side: unknown[]): { state: "removed" | "kept" | "changed"; value: unknown } {
  if (index === undefined) return { state: "removed", value: undefined };
  const value = side[index];
  return { state: sameValue(value, entry) ? "kept" : "changed", value };
}

interface Alignment {
  /** For each base entry, the index of the same entry on this side (undefined: removed). */
  paired: (number | undefined)[];
  /** Entries added on this side, by the base entry they follow (-1: before the first). */
  added: Map<number, number[]>;
}

/** An entry's identity: its stable id (docs/decisions/0017), or else its answer to the panel's key question. */
const keyOf = (entry: unknown, key: string | null): unknown => {
  if (!entry || typeof entry !== "object") return undefined;
  const id = (entry as Answers)[ITEM_ID_KEY];
  if (isItemId(id)) return id;
  return key ? (entry as Answers)[key] : undefined;
};
const hasKey = (entry: unknown, key: string | null) => {
  const value = keyOf(entry, key);
  return value !== undefined && value !== null && value !== "";
};

/**
 * Which entries of one side are which entries of the base: entries left exactly as they were
 * pair up (in order); when they all stayed at their place and none is missing, nothing was
 * removed and the others pair up by position; otherwise an entry pairs up only with the one of
 * the same key (its stable id, or for entries without one the panel's key question), and the
 * rest count as removed and added. Entries with different keys never pair.
 */
function align(base: unknown[], side: unknown[], key: string | null): Alignment {
  const paired: (number | undefined)[] = new Array(base.length).fill(undefined);
  const used = new Set<number>();
  for (const [from, to] of unchangedInOrder(base, side)) {
    paired[from] = to;
    used.add(to);
  }
  const stayed = paired.every((to, from) => to === undefined || to === from);
  const compatible = (from: number, to: number) => !hasKey(base[from], key) || !hasKey(side[to], key) || sameValue(keyOf(base[from], key), keyOf(side[to], key));
  if (stayed && side.length >= base.length) {
    base.forEach((_, from) => {
      if (paired[from] === undefined && compatible(from, from)) {
        paired[from] = from;
        used.add(from);
      }
    });
  } else {
    base.forEach((entry, from) => {
      if (paired[from] !== undefined || !hasKey(entry, key)) return;
      const to = side.findIndex((candidate, index) => !used.has(index) && hasKey(candidate, key) && sameValue(keyOf(candidate, key), keyOf(entry, key)));
      if (to >= 0 && isAfterPrevious(paired, from, to)) {
        paired[from] = to;
        used.add(to);
      }
    });
  }
  const added = new Map<number, number[]>();
  side.forEach((_, to) => {
    if (used.has(to)) return;
    let anchor = -1;
    paired.forEach((other, from) => {
      if (other !== undefined && other < to) anchor = from;
    });
    added.set(anchor, [...(added.get(anchor) ?? []), to]);
  });
  return { paired, added };
}

/** Whether pairing `from` with `to` keeps the pairs in order. */
function isAfterPrevious(paired: (number | undefined)[], from: number, to: number): boolean {
  return paired.every((other, index) => other === undefined || (index < from ? other < to : other > to));
}

/** The longest run of entries left exactly as they were, in order: pairs of (base index, side index). */
function unchangedInOrder(base: unknown[], side: unknown[]): [number, number][] {
  const texts = side.map(canonical);
  const baseTexts = base.map(canonical);
  const lengths: number[][] = Array.from({ length: base.length + 1 }, () => new Array<number>(side.length + 1).fill(0));
  for (let i = base.length - 1; i >= 0; i -= 1) {
    for (let j = side.length - 1; j >= 0; j -= 1) {
      lengths[i]![j] = baseTexts[i] === texts[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < base.length && j < side.length; ) {
    if (baseTexts[i] === texts[j]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i += 1;
    else j += 1;
  }
  return pairs;
}
