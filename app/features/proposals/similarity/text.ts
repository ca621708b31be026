import nlpEn from "@nlpjs/lang-en-min";
import nlpEs from "@nlpjs/lang-es";
import nlpFr from "@nlpjs/lang-fr";

export const LANGUAGES = ["en", "fr", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** A word of a text: where it is in the original (to highlight it) and the term it counts as. */
export interface Token {
  start: number;
  end: number;
  term: string;
}

/** Lower case and accents folded, so that "Données" and "donnees" (or a stem with and without its accent) match. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

interface LanguageTools {
  /** The term a lower-cased word counts as, or null for a stop word. */
  term(word: string): string | null;
}

// Words met so far and their terms, per language: stemming and folding every word of 50,000
// proposals is most of an index's build. Emptied past this size, so that memory stays bounded.
const MEMO_LIMIT = 200_000;

const PACKAGES: Record<Language, { pkg: typeof nlpEn; stemmer: string; stopwords: string }> = {
  en: { pkg: nlpEn, stemmer: "StemmerEn", stopwords: "StopwordsEn" },
  fr: { pkg: nlpFr, stemmer: "StemmerFr", stopwords: "StopwordsFr" },
  es: { pkg: nlpEs, stemmer: "StemmerEs", stopwords: "StopwordsEs" },
};

const tools = new Map<Language, LanguageTools>();

/** The Snowball stemmer and stop words of a language, from the @nlpjs package (made once: they cache stems). */
function toolsFor(language: Language): LanguageTools {
  const known = tools.get(language);
  if (known) return known;
  const names = PACKAGES[language];
  const Stemmer = names.pkg[names.stemmer];
  const Stopwords = names.pkg[names.stopwords];
  if (!Stemmer || !Stopwords) throw new Error(`@nlpjs has no ${names.stemmer} or ${names.stopwords}`);
  const stemmerInstance = new Stemmer() as NlpjsStemmer;
  const stopwords = new Set(Object.keys((new Stopwords() as NlpjsStopwords).dictionary).map(fold));
  const memo = new Map<string, string | null>();
  const made: LanguageTools = {
    term(word) {
      const met = memo.get(word);
      if (met !== undefined) return met;
      const term = word.length < 2 || stopwords.has(fold(word)) ? null : fold(stemmerInstance.stemWord(word));
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(word, term);
      return term;
    },
  };
  tools.set(language, made);
  return made;
}

// Letters and digits; apostrophes and hyphens split words, so that French elisions ("l’intégration")
// and compounds ("whole-of-government") give their parts.
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The words of a text that carry meaning, each with its place in the text: stop words and
 * one-letter words are dropped, the rest stemmed by the language's Snowball stemmer (which
 * expects accents, so it runs before they are folded).
 */
export function tokenize(text: string, language: Language): Token[] {
  const { term } = toolsFor(language);
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const counted = term(match[0].toLowerCase());
    if (counted === null) continue;
    const start = match.index;
    tokens.push({ start, end: start + match[0].length, term: counted });
  }
  return tokens;
}

/** The terms of a text, in order (tokenize without the places). */
export function terms(text: string, language: Language): string[] {
  return tokenize(text, language).map((token) => token.term);
}
