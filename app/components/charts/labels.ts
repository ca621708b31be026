const ELLIPSIS = "…";

/**
 * Advance widths of DejaVu Sans, the charts' font, in em, by kind of character: an average
 * lowercase letter is about 0.6 em, capitals wider, "m" and "W" nearly 1 em, "i" and punctuation
 * narrow. Labels are measured in average letters so that a line of capitals or of "W"s cannot run
 * past the edge where a line of ordinary words would not.
 */
const AVERAGE_EM = 0.6;
const WIDE = /[mwMW@%ÆŒæœ]/u;
const NARROW = /[ijlrtfI.,:;'’!|()[\]\s-]/u;
const CAPITAL_OR_DIGIT = /[\p{Lu}\p{Nd}]/u;
const LATIN = /[\p{Script=Latin}\p{P}\p{S}]/u;

/** Widths already found: a page's labels use few distinct characters, each tested once. */
const widths = new Map<string, number>();

function characterWidth(character: string): number {
  let width = widths.get(character);
  if (width === undefined) {
    width = widthOf(character);
    if (widths.size < 10_000) widths.set(character, width);
  }
  return width;
}

function widthOf(character: string): number {
  if (WIDE.test(character)) return 1 / AVERAGE_EM;
  if (NARROW.test(character)) return 0.35 / AVERAGE_EM;
  // Other scripts (Cyrillic "Ж" is 1.3 em), emoji and symbols from other fonts: counted very wide, to be safe.
  if (!LATIN.test(character) && character.codePointAt(0)! > 0x2ff) return 1.4 / AVERAGE_EM;
  if (CAPITAL_OR_DIGIT.test(character)) return 0.75 / AVERAGE_EM;
  return 1;
}

/** A text's width in average letters of the charts' font. */
export function labelWidth(text: string): number {
  return widthAfter(0, text);
}

/** `start` plus the text's width, added character by character as `labelWidth` adds them. */
function widthAfter(start: number, text: string): number {
  let width = start;
  for (const character of text) width += characterWidth(character);
  return width;
}

/**
 * A label cut into at most `maxLines` lines, each at most `maxWidth` average letters wide
 * (`labelWidth`), at spaces where it can, inside over-long words where it must; what does not fit
 * ends with an ellipsis. The full label is always in the chart's table, so a cut label loses
 * nothing.
 */
export function wrapLabel(label: string, maxWidth: number, maxLines: number): string[] {
  const words = label.trim().split(/\s+/).filter(Boolean).flatMap((word) => pieces(word, maxWidth));
  const lines: string[] = [];
  let index = 0;
  while (index < words.length && lines.length < maxLines) {
    let line = words[index++]!;
    // The line's width is carried along rather than measured again for every word it takes.
    let width = labelWidth(line);
    while (index < words.length) {
      const wider = widthAfter(width, ` ${words[index]!}`);
      if (wider > maxWidth) break;
      line += ` ${words[index++]}`;
      width = wider;
    }
    lines.push(line);
  }
  if (index < words.length) lines[lines.length - 1] = withEllipsis(lines[lines.length - 1]!, maxWidth);
  return lines;
}

/** A label on one line, cut with an ellipsis. */
export function truncateLabel(label: string, maxWidth: number): string {
  return wrapLabel(label, maxWidth, 1)[0] ?? "";
}

/** The line with an ellipsis at its end, shortened by whole characters (never half an emoji) until both fit. */
function withEllipsis(line: string, maxWidth: number): string {
  const characters = Array.from(line);
  while (characters.length > 0 && labelWidth(`${characters.join("")}${ELLIPSIS}`) > maxWidth) characters.pop();
  return `${characters.join("").trimEnd()}${ELLIPSIS}`;
}

/** A word cut into pieces that each fit a line. */
function pieces(word: string, maxWidth: number): string[] {
  const result: string[] = [];
  let piece = "";
  let width = 0;
  for (const character of word) {
    if (piece && width + characterWidth(character) > maxWidth) {
      result.push(piece);
      piece = "";
      width = 0;
    }
    piece += character;
    width += characterWidth(character);
  }
  if (piece) result.push(piece);
  return result;
}
