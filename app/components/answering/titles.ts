/** Question titles by name from a resolved definition, in a language, for messages in the browser. */
export function questionTitles(definition: object, language: string): Map<string, string> {
  const titles = new Map<string, string>();
  const pick = (title: unknown, name: string) => {
    if (typeof title === "string") return title;
    if (title && typeof title === "object") {
      const record = title as Record<string, unknown>;
      const text = record[language] ?? record.default;
      if (typeof text === "string") return text;
    }
    return name;
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record.name === "string" && typeof record.type === "string") titles.set(record.name, pick(record.title, record.name));
    for (const key of ["pages", "elements", "templateElements"]) if (key in record) walk(record[key]);
  };
  walk(definition);
  return titles;
}
