import { LOCALIZABLE } from "./check.ts";

/**
 * Every text a respondent reads in a survey brought in from outside, in English, French and
 * Spanish, for the translation table: found by one walk of the SurveyJS JSON, each named by a key
 * (the JSON pointer of the text) that stays the same while translations are filled in.
 */

export const TEXT_LANGUAGES = ["en", "fr", "es"] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

export interface TranslatableText {
  /** The JSON pointer of the text in the survey: "/pages/0/elements/2/title". */
  key: string;
  /** Where a person finds it: "survey", "page ‹name›", a question's name, or "panel › question" in a repeated panel. */
  where: string;
  /** The property that holds it ("title", "placeholder", "text" for a choice...), or "validatorText" for a validator's message. */
  property: string;
  /** For an entry of a list (a choice, a row, a matrix column, a multiple-text item): its value or name. */
  item?: string;
  en: string;
  fr: string;
  es: string;
}

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** Lists whose plain-string entries are shown as they are written: a value that is its own text. */
const ITEM_LISTS = new Set(["choices", "rows", "columns", "rateValues", "items"]);

const escapePointer = (segment: string | number) => String(segment).replaceAll("~", "~0").replaceAll("/", "~1");

function textIn(value: unknown, language: TextLanguage): string {
  if (typeof value === "string") return language === "en" ? value : "";
  if (!isRecord(value)) return "";
  const keys = language === "en" ? ["default", "en"] : [language];
  for (const key of keys) if (typeof value[key] === "string" && (value[key] as string).trim()) return value[key] as string;
  return "";
}

const texts = (value: unknown) => ({ en: textIn(value, "en"), fr: textIn(value, "fr"), es: textIn(value, "es") });

/** Whether a property's value is a text to translate: a string or SurveyJS's `{ default, fr, es }`. */
const isText = (value: unknown) => typeof value === "string" || (isRecord(value) && Object.values(value).every((text) => typeof text === "string"));

/** The translatable texts of a survey, in the order they appear in its JSON. */
export function translatableTexts(raw: unknown): TranslatableText[] {
  const found: TranslatableText[] = [];
  // `list`: the property of the array a node is in; `scope`: the repeated panel whose template holds it.
  const walk = (node: unknown, pointer: string, where: string, list: string | null, scope: string | null): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        const here = `${pointer}/${index}`;
        if (typeof child === "string" && list !== null && ITEM_LISTS.has(list)) found.push({ key: here, where, property: "text", item: child, ...texts(child) });
        else walk(child, here, where, list, scope);
      });
      return;
    }
    if (!isRecord(node)) return;
    const named = typeof node.name === "string" && (node.type !== undefined || node.elements !== undefined);
    const here = !named ? where : list === "pages" ? `page ${String(node.name)}` : scope ? `${scope} › ${String(node.name)}` : String(node.name);
    for (const [property, value] of Object.entries(node)) {
      const key = `${pointer}/${escapePointer(property)}`;
      if (LOCALIZABLE.has(property) && isText(value) && !(property === "text" && list === null)) {
        // An entry of a list (a choice, a matrix column, a multiple-text item) is named by its value or name.
        const item = !named && list !== null && list !== "validators" && (node.value !== undefined || node.name !== undefined) ? String(node.value ?? node.name) : undefined;
        found.push({ key, where: here, property: list === "validators" ? "validatorText" : property, ...(item !== undefined ? { item } : {}), ...texts(value) });
      } else if (isRecord(value) || Array.isArray(value)) {
        walk(value, key, here, Array.isArray(value) ? property : list, property === "templateElements" ? here : scope);
      }
    }
  };
  walk(raw, "", "survey", null, null);
  return found;
}

/** The languages a text still lacks. */
export function missingLanguages(text: Pick<TranslatableText, TextLanguage>): TextLanguage[] {
  return TEXT_LANGUAGES.filter((language) => !text[language].trim());
}

/** How many texts lack each language, and how many lack any. */
export function translationProgress(found: readonly TranslatableText[]): { total: number; complete: number; missing: Record<TextLanguage, number> } {
  const missing = { en: 0, fr: 0, es: 0 };
  let complete = 0;
  for (const text of found) {
    const lacking = missingLanguages(text);
    for (const language of lacking) missing[language] += 1;
    if (lacking.length === 0) complete += 1;
  }
  return { total: found.length, complete, missing };
}

export interface TranslationEdit {
  key: string;
  en?: string;
  fr?: string;
  es?: string;
}

/** A text as SurveyJS stores it in three languages: English as `default`, an empty language left out. */
function localized(current: unknown, edit: TranslationEdit): JsonRecord {
  const merged: JsonRecord = isRecord(current) ? { ...current } : typeof current === "string" ? { default: current } : {};
  if (isRecord(current) && typeof current.en === "string" && merged.default === undefined) {
    merged.default = current.en;
  }
  delete merged.en;
  for (const language of TEXT_LANGUAGES) {
    const given = edit[language];
    if (given === undefined) continue;
    const text = given.replace(/\r\n?/g, "\n").trim();
    const property = language === "en" ? "default" : language;
    if (text) merged[property] = text;
    else delete merged[property];
  }
  return merged;
}

/**
 * The survey with the edits put in, or the keys that name no text of it (nothing is changed then).
 * A text written as a plain string becomes `{ default, fr, es }`; a choice written as a plain string
 * becomes `{ value, text }`, its value unchanged, so that answers stay as they were.
 */
export function applyTranslations(raw: unknown, edits: readonly TranslationEdit[]): { ok: true; definition: unknown; changed: number } | { ok: false; unknownKeys: string[] } {
  const known = new Map(translatableTexts(raw).map((text) => [text.key, text]));
  const unknownKeys = edits.map((edit) => edit.key).filter((key) => !known.has(key));
  if (unknownKeys.length) return { ok: false, unknownKeys };
  const definition = structuredClone(raw);
  let changed = 0;
  for (const edit of edits) {
    const text = known.get(edit.key);
    if (!text) continue;
    const unchanged = TEXT_LANGUAGES.every((language) => edit[language] === undefined || edit[language].replace(/\r\n?/g, "\n").trim() === text[language].trim());
    if (unchanged) continue;
    const segments = edit.key.split("/").slice(1).map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = segments.pop();
    let parent: unknown = definition;
    for (const segment of segments) parent = Array.isArray(parent) ? parent[Number(segment)] : (parent as JsonRecord)[segment];
    if (last === undefined) continue;
    if (Array.isArray(parent)) {
      const value = parent[Number(last)] as string;
      parent[Number(last)] = { value, text: localized(value, edit) };
    } else if (isRecord(parent)) {
      parent[last] = localized(parent[last], edit);
    }
    changed += 1;
  }
  return { ok: true, definition, changed };
}
