import type SQLite from "better-sqlite3";
import { SqliteAdapter, sql, type AliasedRawBuilder, type Kysely, type RawBuilder } from "kysely";
import { LANGUAGES, fold, isLanguage, terms, type Language } from "../app/features/proposals/similarity/text.ts";

/**
 * Full-text search of proposals (docs/decisions/0021-searching-proposals.md): the one place where
 * the search's SQL differs between SQLite (FTS5) and PostgreSQL (tsvector). A search word matches
 * a proposal when, stemmed in the proposal's own language, it is among the stems of its title and
 * summary, or, stemmed in Spanish, among those of its Spanish translation (pivot_text); every word
 * of the search must match.
 */

const TERMS_FUNCTION = "consulta_search_terms";
// Letters and digits: everything else in a search (quotes, operators, FTS5's own syntax) only separates words.
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a search, lower case: none means there is nothing to look for. */
export function searchWords(query: string): string[] {
  return [...new Set(Array.from(query.matchAll(WORD), (match) => match[0].toLowerCase()))];
}

/** The stems a text is indexed (and a search word is looked for) by in a language; words as written, folded, in any other. */
function stemsOf(text: string, language: string | null): string[] {
  return isLanguage(language) ? terms(text, language) : searchWords(text).map(fold);
}

/** Gives a SQLite connection the function that the search triggers call to stem a proposal's text. */
export function registerSearch(sqlite: SQLite.Database): void {
  sqlite.function(TERMS_FUNCTION, { deterministic: true }, (text: unknown, language: unknown) =>
    typeof text === "string" ? stemsOf(text, typeof language === "string" ? language : null).join(" ") : "",
  );
}

const quoted = (stems: string[]) => `(${[...new Set(stems)].map((stem) => `"${stem.replaceAll('"', "")}"`).join(" AND ")})`;

/**
 * The FTS5 query: one branch per language of the proposal (its words stemmed in that language),
 * one for the Spanish translation. Built from stems only, each quoted, so no search can be read as
 * FTS5 syntax. A language where every word of the search is a stop word has no branch.
 */
function fts5Query(words: string): string | null {
  const branches: string[] = [];
  for (const language of LANGUAGES) {
    const stems = terms(words, language);
    if (stems.length) branches.push(`(lang : "${language}" AND own : ${quoted(stems)})`);
  }
  const written = stemsOf(words, null);
  if (written.length) branches.push(`(lang : "other" AND own : ${quoted(written)})`);
  const spanish = terms(words, "es");
  if (spanish.length) branches.push(`pivot : ${quoted(spanish)}`);
  return branches.length ? branches.join(" OR ") : null;
}

const CONFIGS: Record<Language, string> = { en: "english", fr: "french", es: "spanish" };

function postgresMatches(words: string): RawBuilder<MatchedProposal> {
  const inLanguage = (config: string) => sql`plainto_tsquery(${sql.lit(config)}::regconfig, ${words})`;
  const configs = [...LANGUAGES.map((language) => CONFIGS[language]), "simple"];
  // The index finds rows matching the search stemmed in any language; the CASE keeps those where
  // it matched in the proposal's own.
  const anyLanguage = sql.join(configs.map(inLanguage), sql` || `);
  const ownLanguage = sql`case lang ${sql.join(
    LANGUAGES.map((language) => sql`when ${sql.lit(language)} then ${inLanguage(CONFIGS[language])}`),
    sql` `,
  )} else ${inLanguage("simple")} end`;
  return sql<MatchedProposal>`(select proposal_id from proposal_search where (own @@ (${anyLanguage}) and own @@ ${ownLanguage}) or pivot @@ ${inLanguage("spanish")})`;
}

/** A row of the table of proposals that match a search. */
export interface MatchedProposal {
  proposal_id: string;
}

/**
 * The proposals that match a search, as a table named `matched` of one column, `proposal_id`
 * (each proposal once), to join the `proposal` table to. Null when the search holds no word at
 * all (only punctuation or operators), so that the caller can say so rather than list everything
 * or nothing. On SQLite, the full-text index's row numbers lead to the proposals through the key
 * table (an integer key, then the proposal's): a join, cheaper than reading the id stored in the
 * index for each match.
 */
export function proposalsMatching<DB>(db: Kysely<DB>, query: string): AliasedRawBuilder<MatchedProposal, "matched"> | null {
  const words = searchWords(query);
  if (!words.length) return null;
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const match = fts5Query(words.join(" "));
    if (match === null) return sql<MatchedProposal>`(select proposal_id from proposal_search_key where 1 = 0)`.as("matched");
    return sql<MatchedProposal>`(select keyed.proposal_id from proposal_search found join proposal_search_key keyed on keyed.id = found.rowid where found.proposal_search match ${match})`.as("matched");
  }
  return postgresMatches(words.join(" ")).as("matched");
}
