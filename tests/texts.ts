/**
 * Every text a reader sees that the project writes itself, with where it comes from and its
 * language: the catalogues, the survey files, the taxonomy, the UN names of States and regions, and
 * the demo (meeting, consultations, organisations and answers). The typography and glossary tests
 * read them all, so that a string added anywhere is checked too.
 */
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { DEMO_CONSULTATIONS } from "#db/demo-consultations.ts";
import { DEMO_PARTNERS, PARTNER_ANSWERS } from "#db/demo/partners.ts";
import { DEMO_STATES, STATE_ANSWERS } from "#db/demo/states.ts";
import { UN_REGION_NAMES, UN_STATE_NAMES } from "#app/features/organisations/un-names.ts";
import { LOCALIZABLE } from "#app/features/surveys/check.ts";
import { listSurveySlugs, readSurveyFile, regionTerms } from "#app/features/surveys/definitions.ts";
import { TAXONOMIES } from "#app/features/taxonomy/taxonomy.ts";
import { catalogues } from "#app/i18n/i18n.ts";
import { LANGUAGES, type Language } from "#app/i18n/languages.ts";

export interface Text {
  /** Where the string lives: a file and a key or path in it. */
  where: string;
  language: Language;
  text: string;
}

function catalogueTexts(): Text[] {
  const texts: Text[] = [];
  const walk = (node: unknown, language: Language, path: string) => {
    if (typeof node === "string") texts.push({ where: `app/i18n/${language}.json ${path}`, language, text: node });
    else if (node && typeof node === "object") for (const [key, child] of Object.entries(node)) walk(child, language, path ? `${path}.${key}` : key);
  };
  for (const language of LANGUAGES) walk(catalogues[language], language, "");
  return texts;
}

const SURVEY_LANGUAGES: Record<string, Language> = { default: "en", fr: "fr", es: "es" };

function surveyTexts(): Text[] {
  const texts: Text[] = [];
  const walk = (node: unknown, file: string, path: string) => {
    if (Array.isArray(node)) return node.forEach((child, index) => walk(child, file, `${path}[${index}]`));
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const here = path ? `${path}.${key}` : key;
      if (LOCALIZABLE.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
        for (const [tag, text] of Object.entries(value as Record<string, unknown>)) {
          const language = SURVEY_LANGUAGES[tag];
          if (language && typeof text === "string") texts.push({ where: `${file} ${here}.${tag}`, language, text });
        }
      } else walk(value, file, here);
    }
  };
  for (const slug of listSurveySlugs()) walk(readSurveyFile(slug), `surveys/${slug}.json`, "");
  return texts;
}

function taxonomyTexts(): Text[] {
  const lists = { ...TAXONOMIES, regions: regionTerms() };
  return Object.entries(lists).flatMap(([name, terms]) =>
    terms.flatMap((term) => LANGUAGES.map((language) => ({ where: `taxonomy ${name} ${term.value} (${language})`, language, text: term.text[language] }))),
  );
}

function unNameTexts(): Text[] {
  return [...Object.entries(UN_STATE_NAMES), ...Object.entries(UN_REGION_NAMES)].flatMap(([code, names]) =>
    LANGUAGES.map((language, index) => ({ where: `app/features/organisations/un-names.ts ${code} (${language})`, language, text: names[index] as string })),
  );
}

function demoTexts(): Text[] {
  const texts: Text[] = [];
  for (const [field, value] of Object.entries(IDM_2018_SECOND_SESSION)) {
    const language = field.slice(-2);
    if ((LANGUAGES as readonly string[]).includes(language)) texts.push({ where: `db/demo-meeting.ts ${field}`, language: language as Language, text: value });
  }
  for (const consultation of DEMO_CONSULTATIONS) {
    for (const field of ["title", "description"] as const) {
      for (const language of LANGUAGES) texts.push({ where: `db/demo-consultations.ts ${consultation.slug} ${field}.${language}`, language, text: consultation[field][language] });
    }
  }
  const languageOf = new Map<string, Language>([...DEMO_STATES.map((state) => [state.code, state.language] as const), ...DEMO_PARTNERS.map((partner) => [partner.key, partner.language] as const)]);
  for (const partner of DEMO_PARTNERS) texts.push({ where: `db/demo/partners.ts ${partner.key} name`, language: partner.language, text: partner.name });
  for (const answer of [...STATE_ANSWERS, ...PARTNER_ANSWERS]) {
    const language = languageOf.get(answer.organisation) ?? "en";
    const file = answer.organisation.length === 2 ? "db/demo/states.ts" : "db/demo/partners.ts";
    const walk = (node: unknown, path: string) => {
      if (typeof node === "string") texts.push({ where: `${file} ${answer.organisation} ${answer.survey} ${path}`, language, text: node });
      else if (Array.isArray(node)) node.forEach((child, index) => walk(child, `${path}[${index}]`));
      else if (node && typeof node === "object") for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
    };
    walk(answer.answers, "");
  }
  return texts;
}

/** Every text, in every language. */
export function allTexts(): Text[] {
  return [...catalogueTexts(), ...surveyTexts(), ...taxonomyTexts(), ...unNameTexts(), ...demoTexts()];
}
