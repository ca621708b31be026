import type { Token } from "./text.ts";

/** A stretch of a text to highlight: character offsets into the compared text, and the words. */
export interface Passage {
  start: number;
  end: number;
  text: string;
}

// A sentence or clause boundary between two matching words ends a passage.
const BOUNDARY = /[.;:!?\n]/;

/**
 * The passages of a text made of terms the other text has too: runs of consecutive matching
 * words, stop words between them included, cut at sentence boundaries.
 */
export function passagesOf(text: string, tokens: readonly Token[], shared: ReadonlySet<string>): Passage[] {
  const passages: Passage[] = [];
  let current: { start: number; end: number } | undefined;
  for (const token of tokens) {
    if (!shared.has(token.term)) {
      current = undefined;
      continue;
    }
    if (current && !BOUNDARY.test(text.slice(current.end, token.start))) {
      current.end = token.end;
      (passages[passages.length - 1] as Passage).end = token.end;
      continue;
    }
    current = { start: token.start, end: token.end };
    passages.push({ ...current, text: "" });
  }
  return passages.map((passage) => ({ ...passage, text: text.slice(passage.start, passage.end) }));
}
