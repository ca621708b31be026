import type { Language } from "#app/i18n/languages.ts";

/** U+202F NARROW NO-BREAK SPACE: French puts it before ; : ? ! » and after «, so that they never wrap alone. */
export const NNBSP = "\u202F";

interface Rule {
  languages: readonly Language[];
  pattern: RegExp;
  rule: string;
}

const RULES: Rule[] = [
  { languages: ["fr"], pattern: /[ \u00A0\t]+[:;?!»]/g, rule: "an ordinary or no-break space before : ; ? ! » (use U+202F, the narrow no-break space)" },
  { languages: ["fr"], pattern: /«[ \u00A0\t]+/g, rule: "an ordinary or no-break space after « (use U+202F, the narrow no-break space)" },
  { languages: ["fr"], pattern: /[\p{L}\p{N})’]+[;?!]/gu, rule: "no space before ; ? ! (French puts U+202F there)" },
  { languages: ["fr"], pattern: /[\p{L})’]+:(?=\s|$)/gu, rule: "no space before : (French puts U+202F there)" },
  { languages: ["fr"], pattern: /«(?![\s\u202F])|[^\s\u202F]»/g, rule: "« and » without U+202F inside the quotes" },
  { languages: ["fr", "es"], pattern: /\p{L}*'\p{L}*/gu, rule: "a straight apostrophe (use the typographic ’)" },
  { languages: ["fr", "es"], pattern: /["“”]/g, rule: "English quotation marks (use « »)" },
  { languages: ["es"], pattern: /«\s|\s»/g, rule: "a space inside « » (Spanish puts none)" },
];

/** The placeholders whose text must be left alone: i18next {{x}}, SurveyJS {x}, and web addresses. */
const UNTOUCHABLE = /\{\{[^}]*\}\}|\{[a-z][a-z0-9_.]*\}|https?:\/\/\S+/g;

/** Each typographic fault of a text in its language, as "rule: …excerpt…". */
export function typographyProblems(text: string, language: Language): string[] {
  const plain = text.replace(UNTOUCHABLE, (placeholder) => "x".repeat(placeholder.length));
  const problems: string[] = [];
  for (const { languages, pattern, rule } of RULES) {
    if (!languages.includes(language)) continue;
    for (const match of plain.matchAll(pattern)) {
      const start = Math.max(0, (match.index ?? 0) - 20);
      const excerpt = text.slice(start, (match.index ?? 0) + match[0].length + 20).replace(/\n/g, "⏎");
      problems.push(`${rule}: …${excerpt}…`);
    }
  }
  return problems;
}
