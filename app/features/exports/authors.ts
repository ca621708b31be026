import { ATTRIBUTIONS, type Attribution } from "#db/schema.ts";
import { m49Areas, regionName } from "#app/features/organisations/countries.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { ORGANISATION_TYPES } from "#app/features/organisations/types.ts";
import { attributedTo } from "#app/features/proposals/attribution.ts";
import { translator } from "#app/i18n/i18n.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";
import { labelledCodes, ownColumn } from "./columns.ts";
import { textCell, type ExportCell, type ExportColumn, type ValueMode } from "./source.ts";

/**
 * Who wrote a row (an answer, or a proposal, need or offer of one) and what they allowed: the
 * same columns, in the same order, on every sheet, the organisation named only where it may be.
 */
export interface Author {
  attribution: Attribution | null;
  organisation_id: string | null;
  /** The organisation's type (or the stakeholder type the row recorded). */
  type: string | null;
  name: string | null;
  country_code: string | null;
  region_m49: string | null;
  language: string | null;
}

export function authorColumns(): ExportColumn[] {
  return [
    ownColumn("organisation", "exportFile.column.organisation", "text"),
    ownColumn("stakeholder_type", "exportFile.column.stakeholderType", "code", labelledCodes(ORGANISATION_TYPES, (value, language) => translator(language)(`organisationType.${value}`))),
    ownColumn("region", "exportFile.column.region", "code", labelledCodes(m49Areas(), regionName)),
    ownColumn("attribution", "exportFile.column.attribution", "code", labelledCodes(ATTRIBUTIONS, (value, language) => translator(language)(`reading.use.${value}`))),
    ownColumn("language", "exportFile.column.language", "code", labelledCodes(LANGUAGES, (value, language) => translator(language)(`reading.languageName.${value}`))),
  ];
}

/** Each language's labels of the codes, by catalogue key: looked up once, as every row of an export asks for the same few. */
const LABELS = new Map<Language, Map<string, string>>();

function label(language: Language, key: string): string {
  let labels = LABELS.get(language);
  if (!labels) LABELS.set(language, (labels = new Map()));
  let text = labels.get(key);
  if (text === undefined) labels.set(key, (text = translator(language)(key)));
  return text;
}

export function authorCells(row: Author, values: ValueMode, language: Language): ExportCell[] {
  const t = (key: string) => label(language, key);
  const named = attributedTo(row) !== null && row.type !== null;
  return [
    textCell(named ? organisationName({ type: row.type ?? "", name: row.name, country_code: row.country_code }, language) : null),
    textCell(row.type === null ? null : values === "codes" ? row.type : t(`organisationType.${row.type}`)),
    textCell(row.region_m49 === null ? null : values === "codes" ? row.region_m49 : regionName(row.region_m49, language)),
    textCell(row.attribution === null ? null : values === "codes" ? row.attribution : t(`reading.use.${row.attribution}`)),
    textCell(row.language),
  ];
}
