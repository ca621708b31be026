import { sql } from "kysely";
import { foldText } from "#app/features/text.ts";
import type { Language } from "#app/i18n/languages.ts";
import { countryName, listStates } from "./countries.ts";

interface StateName {
  code: string;
  name: string;
  /** The name folded for search, as partners' names are in organisation.name_key. */
  nameKey: string;
}

const cache = new Map<Language, StateName[]>();

function stateNames(language: Language): StateName[] {
  let names = cache.get(language);
  if (!names) {
    names = listStates().map((state) => {
      const name = countryName(state.code, language);
      return { code: state.code, name, nameKey: foldText(name) };
    });
    cache.set(language, names);
  }
  return names;
}

/**
 * The States' names in a language as a table for a query to join on organisation.country_code:
 * States are named from their country code by the app (never stored), so that a list can search
 * and sort them in SQL like partners, whose names are in the table. Column names of VALUES
 * (column1…) are the same in SQLite and PostgreSQL.
 */
export function stateNamesTable(language: Language) {
  const rows = stateNames(language).map((state) => sql`(${state.code}, ${state.name}, ${state.nameKey})`);
  return sql<{ code: string; name: string; name_key: string }>`(select v.column1 as code, v.column2 as name, v.column3 as name_key from (values ${sql.join(rows)}) as v)`.as("state_name");
}
