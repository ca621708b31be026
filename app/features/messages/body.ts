/** A block of a key message as shown: a paragraph, or a list of points. */
export type MessageBlock = { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

const LIST_ITEM = /^\s*[-–•*]\s+/;

/**
 * Reads a key message as the rapporteur typed it: blocks separated by blank lines; in a block,
 * lines beginning with "- " (or –, •, *) are points of a list, other lines join into a paragraph.
 * Text is never read as markup, so nothing typed can change the page.
 */
export function messageBlocks(body: string): MessageBlock[] {
  const blocks: MessageBlock[] = [];
  for (const chunk of body.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    let paragraph: string[] = [];
    let list: string[] = [];
    const flushParagraph = () => {
      if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
      paragraph = [];
    };
    const flushList = () => {
      if (list.length > 0) blocks.push({ kind: "list", items: list });
      list = [];
    };
    for (const raw of chunk.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      if (LIST_ITEM.test(raw)) {
        flushParagraph();
        list.push(raw.replace(LIST_ITEM, "").trim());
      } else if (list.length > 0 && /^\s/.test(raw)) {
        // An indented line continues the point above it.
        list[list.length - 1] += ` ${line}`;
      } else {
        flushList();
        paragraph.push(line);
      }
    }
    flushParagraph();
    flushList();
  }
  return blocks;
}
