import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { m49Areas, regionName } from "#app/features/organisations/countries.ts";
import { TAXONOMIES, type TaxonomyName, type Term } from "#app/features/taxonomy/taxonomy.ts";
import type { Language } from "#app/i18n/languages.ts";

/** Where the survey files live: ./surveys under the directory the app runs from. */
export function surveysDir(): string {
  return resolve(process.cwd(), "surveys");
}

export function listSurveySlugs(dir: string = surveysDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".lock.json"))
    .map((name) => name.replace(/\.json$/, ""))
    .sort();
}

export function readSurveyFile(slug: string, dir: string = surveysDir()): unknown {
  if (!/^[a-z][a-z0-9-]*$/.test(slug)) throw new Error(`Not a survey slug: ${slug}`);
  return JSON.parse(readFileSync(join(dir, `${slug}.json`), "utf8"));
}

/** A survey file's title in a language (`default` is English), or its slug when it has none. */
export function surveyTitle(raw: unknown, slug: string, language: Language): string {
  const title = raw && typeof raw === "object" ? (raw as { title?: unknown }).title : undefined;
  if (typeof title === "string") return title;
  if (title && typeof title === "object") {
    const text = (title as Record<string, unknown>)[language === "en" ? "default" : language] ?? (title as Record<string, unknown>).default;
    if (typeof text === "string" && text.trim()) return text;
  }
  return slug;
}

/** Every survey file as a choice for the consultation form: its slug, named by its title in the reader's language. */
export function surveyChoices(language: Language, dir: string = surveysDir()): { value: string; label: string }[] {
  const collator = new Intl.Collator(language);
  return listSurveySlugs(dir)
    .map((slug) => ({ value: slug, label: surveyTitle(readSurveyFile(slug, dir), slug, language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** The UN M49 continents and their subregions, by the UN's names in the three languages. */
export function regionTerms(): Term[] {
  return m49Areas().map((code) => ({
    value: `m49-${code}`,
    text: { en: regionName(code, "en"), fr: regionName(code, "fr"), es: regionName(code, "es") },
  }));
}

export function taxonomyTerms(name: string): Term[] | undefined {
  if (name === "regions") return regionTerms();
  return (TAXONOMIES as Record<string, Term[]>)[name];
}

export function isTaxonomyName(name: unknown): name is TaxonomyName {
  return typeof name === "string" && taxonomyTerms(name) !== undefined;
}

/** A SurveyJS item with localized text: `default` is English. */
function toItem(term: Term) {
  return { value: term.value, text: { default: term.text.en, fr: term.text.fr, es: term.text.es } };
}

/**
 * The definition as SurveyJS reads it: every `{ "$taxonomy": name }` replaced by the list from the
 * taxonomy module. Throws on an unknown list name.
 */
export function resolveTaxonomies<T>(json: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if ("$taxonomy" in record) {
        const terms = typeof record.$taxonomy === "string" ? taxonomyTerms(record.$taxonomy) : undefined;
        if (!terms) throw new Error(`Unknown taxonomy: ${String(record.$taxonomy)}`);
        return terms.map(toItem);
      }
      return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, walk(value)]));
    }
    return node;
  };
  return walk(json) as T;
}

/** The content hash that names a survey version. */
export function definitionHash(resolved: unknown): string {
  return createHash("sha256").update(JSON.stringify(resolved)).digest("hex");
}
