import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "#db/schema.ts";
import { areasOf, type FigureFilters } from "#app/features/figures/counters.ts";
import { summaryViewOf, summaryViewParams } from "#app/features/figures/summary.ts";
import type { AnswersFilters } from "#app/features/responses/reader.ts";
import { regionName } from "#app/features/organisations/countries.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";

/**
 * The filters an export takes (docs/decisions/0034): the summary pages' region, stakeholder type
 * and attribution, by the names their addresses use, checked by the same rule.
 */
export const EXPORT_FILTERS = ["region", "type", "attribution"] as const;
export type ExportFilter = (typeof EXPORT_FILTERS)[number];

/** The export filters an address (or a command line) asks for, and those whose values cannot be used. */
export function exportFiltersOf(params: URLSearchParams, types: readonly string[]): { filters: FigureFilters; problems: ExportFilter[] } {
  const own = new URLSearchParams(EXPORT_FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name) ?? ""]] : [])));
  const { view, problems } = summaryViewOf(own, { types, consultations: [] });
  return { filters: { region: view.region, stakeholderType: view.stakeholderType, attribution: view.attribution }, problems: problems.filter((name): name is ExportFilter => name !== "consultation") };
}

/** The filters by their address names, without those not set: what a file's notes and an export's row hold. */
export function exportFilterParams(filters: FigureFilters): Record<string, string> {
  const { region, type, attribution } = summaryViewParams(filters);
  return Object.fromEntries(Object.entries({ region, type, attribution }).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Filters by their address names (region, type, attribution) as a reader names them ("Africa · State"), or null for none. */
export function filtersInWords(filters: Record<string, string>, language: Language): string | null {
  const t = translator(language);
  const names = [filters.region ? regionName(filters.region, language) : null, filters.type ? t(`organisationType.${filters.type}`) : null, filters.attribution ? t(`reading.use.${filters.attribution}`) : null];
  const named = names.filter((name): name is string => name !== null);
  return named.length ? named.join(" · ") : null;
}

/**
 * The filters line of a file's notes: in words, then as the address gives them, so that a reader
 * knows what was kept and a rapporteur can ask for the same file again ("Africa · State
 * (region=002&type=state)"); the word for none when there are none.
 */
export function filtersNote(filters: Record<string, string>, language: Language): string {
  const codes = Object.entries(filters).map(([name, value]) => `${name}=${value}`).join("&");
  if (!codes) return translator(language)("exportFile.notes.noFilter");
  const words = filtersInWords(filters, language);
  return words ? `${words} (${codes})` : codes;
}

/** The answers' filters that select the same answers. */
export function answersFiltersOf(filters: FigureFilters): AnswersFilters {
  return { region: filters.region, type: filters.stakeholderType, attribution: filters.attribution };
}

type EntryTable = "proposal" | "capacity_need" | "capacity_offer";

/**
 * The condition the filters put on entries of answers (proposals, needs, offers): the type,
 * region and use their rows recorded, as the figures count them and the files show them.
 */
export function entriesWithin<T extends EntryTable>(table: T, filters: FigureFilters | undefined) {
  const column = (name: string) => sql.ref<string | null>(`${table}.${name}`);
  return (eb: ExpressionBuilder<Database, T>) =>
    eb.and([
      ...(filters?.region ? [eb(column("region_m49"), "in", areasOf(filters.region))] : []),
      ...(filters?.stakeholderType ? [eb(column("stakeholder_type"), "=", filters.stakeholderType)] : []),
      ...(filters?.attribution ? [eb(column("attribution"), "=", filters.attribution)] : []),
    ]);
}
