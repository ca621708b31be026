import { fillPlaceholders } from "#app/features/surveys/placeholders.ts";

/** Question titles by name from a resolved definition, in a language, with the consultation's placeholders filled. */
export function questionTitles(definition: object, language: string, placeholders: Partial<Record<string, string>> | null = null): Map<string, string> {
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
    if (typeof record.name === "string" && typeof record.type === "string") titles.set(record.name, fillPlaceholders(pick(record.title, record.name), placeholders));
    for (const key of ["pages", "elements", "templateElements"]) if (key in record) walk(record[key]);
  };
  walk(definition);
  return titles;
}
