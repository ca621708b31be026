import type SQLite from "better-sqlite3";
import { SqliteAdapter, sql, type Expression, type Kysely, type RawBuilder } from "kysely";
import type { Language } from "../app/i18n/languages.ts";
import { collationKey } from "./collation-key.ts";

const KEY_FUNCTION = "consulta_collation_key";

/**
 * An expression to ORDER BY that sorts text as a reader of the language expects. PostgreSQL has
 * the language's ICU collation; SQLite knows only code points and better-sqlite3 cannot add a
 * collation, so it sorts by a key computed from the same rules as Intl.Collator (collation-key.ts).
 */
export function collated<DB>(db: Kysely<DB>, text: Expression<string | null>, language: Language): RawBuilder<unknown> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return sql`${sql.raw(KEY_FUNCTION)}(${text}, ${language})`;
  return sql`${text} collate ${sql.id(`${language}-x-icu`)}`;
}

/** Gives a SQLite connection the function `collated` calls. */
export function registerCollation(sqlite: SQLite.Database): void {
  sqlite.function(KEY_FUNCTION, { deterministic: true }, (text: unknown, language: unknown) => (typeof text === "string" && typeof language === "string" ? collationKey(text, language) : null));
}

/**
 * Whether `collated` computes a key for every row it sorts (SQLite), which costs tens of
 * microseconds a row: a caller sorting thousands of rows reads them and sorts them with
 * `new Intl.Collator(language)`, whose order the key follows, instead.
 */
export function collatesByKey<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
