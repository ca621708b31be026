import type { MetaFunction } from "@remix-run/node";
import { translator } from "#app/i18n/i18n.ts";
import { DEFAULT_LANGUAGE, isLanguage } from "#app/i18n/languages.ts";

type Matches = Parameters<MetaFunction>[0]["matches"];

function languageOf(matches: Matches) {
  const language = (matches.find((match) => match.id === "root")?.data as { language?: unknown } | undefined)?.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** "Page – Consulta". */
export function fullTitle(text: string): string {
  return `${text} – Consulta`;
}

/** The meta of a page titled "Page – Consulta", in the page's language. */
export function titled(text: string): { title: string }[] {
  return [{ title: fullTitle(text) }];
}

/** A meta function giving the page a translated title from a catalogue key. */
export function pageTitle(key: string): MetaFunction {
  return ({ matches }) => titled(translator(languageOf(matches))(key));
}
