/** Text folded for comparison and search: no accents, no case, single spaces. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/*
 * Characters that free text never needs and that do harm when shown: C0 and C1 controls and DEL
 * (a NUL reaches HTML raw, others break exports and e-mails), and the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reverse how the rest of a line reads
 * on every page that shows the text. The marks U+200E/U+200F stay: they change no text around them.
 * See docs/decisions/0010-unsafe-characters.md.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Text of several lines keeps its line breaks and tabs. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Whether free text holds a character it is refused for (see above); `multiline` allows tabs and line breaks. */
export function hasUnsafeCharacters(text: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  return (multiline ? UNSAFE_IN_LINES : UNSAFE_IN_A_LINE).test(text);
}
