import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ATTRIBUTIONS, ROLES } from "#db/schema.ts";
import { ORGANISATION_TYPES } from "#app/features/organisations/types.ts";
import { PROGRESS_SORTS, PROGRESS_STATES } from "#app/features/consultations/progress.ts";
import { ANSWER_FILTERS, ANSWER_SORTS } from "#app/features/responses/reader.ts";
import { INBOX_FILTERS, INBOX_SORTS, WITHDRAWN_CHOICES } from "#app/features/proposals/inbox-choices.ts";
import { SUMMARY_FILTERS } from "#app/features/figures/summary.ts";
import { CITATION_REFUSALS } from "#app/features/messages/key-messages.ts";
import { COUNTERS } from "#app/features/figures/counters.ts";
import { ANNEX_KEYS, OMISSIONS, REPORT_FIGURES, REPORT_SCOPES } from "#app/features/reports/report-input.ts";
import { MATCH_INTENTS } from "#app/features/matching/decisions.ts";
import { MATCH_REASONS } from "#app/features/matching/rules.ts";
import { EXPORT_FAILURES, EXPORT_REQUEST_FIELDS } from "#app/features/exports/export-jobs.ts";
import { EXPORT_FILTERS } from "#app/features/exports/filters.ts";
import { EXPORT_FORMAT_NAMES } from "#app/features/exports/formats.ts";
import { LOCALIZABLE } from "#app/features/surveys/check.ts";
import { TRANSLATION_WORKBOOK_REFUSALS } from "#app/features/surveys/translation-workbook.ts";
import { UPLOAD_STATUSES } from "#app/features/surveys/uploads.ts";
import { catalogues } from "./i18n.ts";
import { LANGUAGES } from "./languages.ts";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

/** Keys built at run time from a fixed list: each family and the values it is built from. */
const DYNAMIC_FAMILIES: Record<string, readonly string[]> = {
  role: ROLES,
  "inbox.withdrawnChoice": WITHDRAWN_CHOICES,
  "inbox.sortBy": INBOX_SORTS,
  "inbox.problem": INBOX_FILTERS,
  "summary.problem": SUMMARY_FILTERS,
  organisationType: ORGANISATION_TYPES,
  "error.400": ["title", "body"],
  "error.403": ["title", "body"],
  "error.404": ["title", "body"],
  "error.405": ["title", "body"],
  "error.413": ["title", "body"],
  "error.500": ["title", "body"],
  "error.503": ["title", "body"],
  "invite.status": ["unknown", "accepted", "expired", "revoked"],
  "signInLink.status": ["unknown", "used", "expired"],
  "invitations.statusName": ["pending", "accepted", "expired", "revoked"],
  "invitations.error": ["unknown-organisation", "role-not-allowed", "already-member"],
  "outbox.statusName": ["logged", "pending", "sending", "sent", "failed", "withdrawn"],
  "attribution.attributable": ["label", "help"],
  "consultations.phaseName": ["pre", "post"],
  "consultations.statusName": ["draft", "scheduled", "open", "closed"],
  "consultations.responseStatus": ["draft", "submitted", "amending"],
  "receipt.action": ["save", "submit", "reopen", "attribution"],
  "consultations.kindName": ["capacity_survey", "call_for_proposals", "follow_up"],
  meetings: ["title", "theme", "place", "description"],
  "attribution.non_attributable": ["label", "help"],
  "attribution.aggregate_only": ["label", "help"],
  "progress.statusName": PROGRESS_STATES,
  "figures.counters": COUNTERS.flatMap((counter) => [`${counter}.label`, `${counter}.definition`]),
  "progress.sortBy": PROGRESS_SORTS,
  "reading.use": ATTRIBUTIONS,
  "reading.languageName": LANGUAGES,
  "reading.sortBy": ANSWER_SORTS,
  "reading.problem": [...ANSWER_FILTERS, "range"],
  "keyMessages.cite.refused": CITATION_REFUSALS,
  "matching.reason": MATCH_REASONS,
  "matching.done": MATCH_INTENTS,
  "peopleManage.error": ["not-found", "self", "last-admin", "role-not-allowed", "unchanged"],
  "report.title": REPORT_SCOPES,
  "report.figure": REPORT_FIGURES,
  "report.figureCategory": REPORT_FIGURES,
  "report.annexField": ANNEX_KEYS,
  "report.omitted": OMISSIONS,
  "exports.field": EXPORT_REQUEST_FIELDS,
  "exports.problem": [...EXPORT_REQUEST_FIELDS, ...EXPORT_FILTERS],
  "exports.format": EXPORT_FORMAT_NAMES,
  "exports.failure": EXPORT_FAILURES,
  surveyTexts: [...LOCALIZABLE, "validatorText"],
  "surveys.status": UPLOAD_STATUSES,
  "surveys.check": ["error", "warning"],
  "surveys.workbook": TRANSLATION_WORKBOOK_REFUSALS,
};

const base = (key: string) => key.replace(PLURAL, "");

describe("catalogues", () => {
  const keys = Object.fromEntries(LANGUAGES.map((language) => [language, flatten(catalogues[language])]));

  for (const language of LANGUAGES) {
    it(`${language} has every key, with the plural forms of the language`, () => {
      const own = new Set(keys[language]);
      const expected = new Set((keys.en ?? []).map(base));
      expect([...new Set((keys[language] ?? []).map(base))].sort()).toEqual([...expected].sort());
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const plural of new Set((keys.en ?? []).filter((key) => PLURAL.test(key)).map(base))) {
        for (const category of categories) {
          if (category === "zero" || category === "two" || category === "few") continue;
          expect(own.has(`${plural}_${category}`), `${language}: ${plural}_${category}`).toBe(true);
        }
      }
    });

    it(`${language} keeps the placeholders of English`, () => {
      const lookup = (catalogue: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
      for (const key of keys.en ?? []) {
        const variant = (keys[language] ?? []).includes(key) ? key : `${base(key)}_other`;
        const english = String(lookup(catalogues.en, key)).match(/\{\{\w+\}\}/g)?.sort() ?? [];
        const translated = String(lookup(catalogues[language], variant)).match(/\{\{\w+\}\}/g)?.sort() ?? [];
        expect([...new Set(translated)], `${language}: ${key}`).toEqual([...new Set(english)]);
      }
    });
  }

  it("has no unused key: every key appears in the code, or belongs to a family built from a fixed list", () => {
    const source = sourceFiles(join(process.cwd(), "app")).map((file) => readFileSync(file, "utf8")).join("\n");
    const dynamic = Object.entries(DYNAMIC_FAMILIES).flatMap(([family, values]) => values.map((value) => `${family}.${value}`));
    const unused = [...new Set((keys.en ?? []).map(base))].filter((key) => {
      if (dynamic.includes(key)) return false;
      return !source.includes(`"${key}"`) && !source.includes(`"${key}:`) && !source.includes(`\`${key}:`);
    });
    expect(unused).toEqual([]);
  });

  it("has a key for every member of each family built at run time", () => {
    const all = new Set((keys.en ?? []).map(base));
    const missing = Object.entries(DYNAMIC_FAMILIES).flatMap(([family, values]) => values.map((value) => `${family}.${value}`)).filter((key) => !all.has(key));
    expect(missing).toEqual([]);
  });

  it("has every key used literally in the code", () => {
    const source = sourceFiles(join(process.cwd(), "app")).map((file) => readFileSync(file, "utf8")).join("\n");
    const used = [...source.matchAll(/\bt\("([a-zA-Z][\w.-]*)"/g)].map((match) => match[1] as string);
    const all = new Set((keys.en ?? []).map(base));
    expect([...new Set(used)].filter((key) => !all.has(key))).toEqual([]);
  });
});
