const ELLIPSIS = "…";

/**
 * A label cut into at most `maxLines` lines of at most `maxChars` characters, at spaces where it
 * can, inside over-long words where it must; what does not fit ends with an ellipsis. The full
 * label is always in the chart's table, so a cut label loses nothing.
 */
export function wrapLabel(label: string, maxChars: number, maxLines: number): string[] {
  const words = label.trim().split(/\s+/).filter(Boolean).flatMap((word) => pieces(word, maxChars));
  const lines: string[] = [];
  let index = 0;
  while (index < words.length && lines.length < maxLines) {
    let line = words[index++]!;
    while (index < words.length && line.length + 1 + words[index]!.length <= maxChars) line += ` ${words[index++]}`;
    lines.push(line);
  }
  if (index < words.length) {
    const last = lines[lines.length - 1]!;
    lines[lines.length - 1] = `${last.length < maxChars ? last : last.slice(0, maxChars - 1)}${ELLIPSIS}`;
  }
  return lines;
}

/** A label on one line, cut with an ellipsis. */
export function truncateLabel(label: string, maxChars: number): string {
  return wrapLabel(label, maxChars, 1)[0] ?? "";
}

function pieces(word: string, size: number): string[] {
  const characters = Array.from(word);
  const result: string[] = [];
  for (let start = 0; start < characters.length; start += size) result.push(characters.slice(start, start + size).join(""));
  return result;
}
