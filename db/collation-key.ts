/**
 * Sort keys that order text as a language's collator (Intl.Collator) does, compared byte by byte:
 * what SQLite, which has no collations of its own for en, fr or es, sorts names by in SQL.
 *
 * The weights are read from the collator itself, one code point at a time, over the scripts that
 * names are written in (Latin, Greek, Cyrillic, punctuation): a primary weight for the letter
 * (equal at `base` sensitivity), a secondary one for its accent, a tertiary one for its case.
 * A key is every primary weight, then every secondary one, then every tertiary one, as in the
 * Unicode Collation Algorithm. Letters that a collator reads as two (æ as "ae", ß as "ss") are
 * expanded first. Characters outside those scripts sort after them by code point.
 */

const REPERTOIRE: readonly [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x300, 0x36f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x1e00, 0x1eff],
  [0x2010, 0x205e],
];

/** Four hex digits a weight: enough for the repertoire; what lies outside starts with "f". */
const WIDTH = 4;
const OUTSIDE = "f";
/** Below every digit of a weight: a shorter key sorts first, and the levels stay apart. */
const LEVEL_SEPARATOR = " ";

interface Weights {
  primary: number;
  secondary: number;
  tertiary: number;
}

interface Table {
  weights: Map<string, Weights>;
  expansions: Map<string, string>;
}

const tables = new Map<string, Table>();

function repertoire(): string[] {
  const chars: string[] = [];
  for (const [from, to] of REPERTOIRE) {
    for (let code = from; code <= to; code += 1) {
      const char = String.fromCodePoint(code);
      if (char.normalize("NFC") === char) chars.push(char);
    }
  }
  return chars;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz".split("");

/** A character the collator reads as two letters (æ, œ, ß): those two letters, else undefined. */
function expansionOf(char: string, base: Intl.Collator): string | undefined {
  if (LETTERS.some((letter) => base.compare(char, letter) === 0)) return undefined;
  const before = LETTERS.filter((letter) => base.compare(letter, char) < 0).at(-1);
  if (!before || before === "z") return undefined;
  const pair = LETTERS.map((second) => before + second).find((candidate) => base.compare(char, candidate) === 0);
  if (!pair) return undefined;
  return char === char.toLowerCase() ? pair : pair.toUpperCase();
}

function buildTable(language: string): Table {
  const base = new Intl.Collator(language, { sensitivity: "base" });
  const accent = new Intl.Collator(language, { sensitivity: "accent" });
  const full = new Intl.Collator(language, { sensitivity: "variant" });
  const weights = new Map<string, Weights>();
  const expansions = new Map<string, string>();
  const chars = repertoire();
  const ignorable = chars.filter((char) => base.compare(char, "") === 0);
  const letters = chars.filter((char) => base.compare(char, "") !== 0);
  for (const char of letters) {
    const expansion = expansionOf(char, base);
    if (expansion) expansions.set(char, expansion);
  }
  // Sorted fully, characters equal at a level sit next to each other: weights count the steps.
  const ordered = letters.filter((char) => !expansions.has(char)).sort(full.compare);
  let primary = 0;
  let secondary = 0;
  let tertiary = 0;
  ordered.forEach((char, index) => {
    const previous = ordered[index - 1];
    if (previous === undefined || base.compare(previous, char) !== 0) {
      primary += 1;
      secondary = 0;
      tertiary = 0;
    } else if (accent.compare(previous, char) !== 0) {
      secondary += 1;
      tertiary = 0;
    } else if (full.compare(previous, char) !== 0) tertiary += 1;
    weights.set(char, { primary, secondary, tertiary });
  });
  // Accents on their own weigh nothing at the first level; their order is read on a letter.
  const marks = ignorable.sort((a, b) => accent.compare(`a${a}`, `a${b}`) || full.compare(`a${a}`, `a${b}`));
  let markWeight = 0;
  marks.forEach((mark, index) => {
    const previous = marks[index - 1];
    if (previous === undefined || accent.compare(`a${previous}`, `a${mark}`) !== 0) markWeight += 1;
    weights.set(mark, { primary: 0, secondary: markWeight, tertiary: 0 });
  });
  return { weights, expansions };
}

function tableFor(language: string): Table {
  let table = tables.get(language);
  if (!table) {
    table = buildTable(language);
    tables.set(language, table);
  }
  return table;
}

/** The accent level of an expanded letter's first half: after every accent (æ after "ae" and "aé"). */
const EXPANDED = 0xfff;

/** Each character with whether it opens an expansion: æ gives ["a", true], ["e", false]. */
function expand(expansions: Map<string, string>) {
  return (char: string): [string, boolean][] => {
    const expansion = expansions.get(char);
    return expansion ? [...expansion].map((letter, index) => [letter, index === 0]) : [[char, false]];
  };
}

function hex(weight: number): string {
  return weight.toString(16).padStart(WIDTH, "0");
}

/** The key of a text in a language: keys compared as plain strings order texts as the collator does. */
export function collationKey(text: string, language: string): string {
  const { weights, expansions } = tableFor(language);
  const primaries: string[] = [];
  const secondaries: string[] = [];
  const tertiaries: string[] = [];
  for (const [char, expanded] of [...text.normalize("NFC")].flatMap(expand(expansions))) {
    const weight = expanded ? { ...(weights.get(char) as Weights), secondary: EXPANDED } : weights.get(char);
    if (!weight) {
      primaries.push(OUTSIDE + (char.codePointAt(0) ?? 0).toString(16).padStart(6, "0"));
      continue;
    }
    if (weight.primary > 0) primaries.push(hex(weight.primary));
    secondaries.push(hex(weight.secondary));
    if (weight.primary > 0) tertiaries.push(hex(weight.tertiary));
  }
  return [primaries.join(""), secondaries.join(""), tertiaries.join("")].join(LEVEL_SEPARATOR);
}
