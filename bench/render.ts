// Rendering answers as labelled text (see bench/README.md): `npm run bench:render` reads the
// demo answers of the three surveys, in turn in English, French and Spanish, from each survey
// version's compiled model, and then, for comparison, with a survey-core model per answer as the
// receipt did before. Prints median and p99 per answer in ms; needs no build and no database.
import { performance } from "node:perf_hooks";
import { definitionHash, listSurveySlugs, readSurveyFile, resolveTaxonomies } from "../app/features/surveys/definitions.ts";
import { renderAnswers } from "../app/features/surveys/display.ts";
import { surveyModel } from "../app/features/surveys/survey-model.ts";
import { LANGUAGES } from "../app/i18n/languages.ts";
import { PARTNER_ANSWERS } from "../db/demo/partners.ts";
import { STATE_ANSWERS } from "../db/demo/states.ts";
import { surveyCoreDisplay } from "../tests/survey-answers.ts";
import { quantile } from "./stats.ts";

const ANSWERS = Number(process.env.BENCH_RENDER_ANSWERS ?? 20_000);
/** survey-core takes a few hundred ms per answer: a sample is enough to see the difference. */
const SURVEY_CORE_ANSWERS = Number(process.env.BENCH_RENDER_SURVEY_CORE_ANSWERS ?? 60);
const WARM_UP = 50;
const PLACEHOLDERS = { meeting_title: "IDM 2018", meeting_place: "Geneva" };

function timings(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => quantile(sorted, q);
  return { answers: samples.length, median_ms: +at(0.5).toFixed(4), p95_ms: +at(0.95).toFixed(4), p99_ms: +at(0.99).toFixed(4) };
}

const versions = new Map(
  listSurveySlugs().map((slug) => {
    const definition = resolveTaxonomies(readSurveyFile(slug)) as object;
    return [slug, { id: definitionHash(definition), definition }] as const;
  }),
);
const demo = [...STATE_ANSWERS, ...PARTNER_ANSWERS].filter((answer) => versions.has(answer.survey));

function measure(count: number, render: (version: { id: string; definition: object }, answers: Record<string, unknown>, language: (typeof LANGUAGES)[number]) => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < count + WARM_UP; i += 1) {
    const answer = demo[i % demo.length] as (typeof demo)[number];
    const version = versions.get(answer.survey) as { id: string; definition: object };
    const language = LANGUAGES[i % LANGUAGES.length] as (typeof LANGUAGES)[number];
    const start = performance.now();
    render(version, answer.answers, language);
    if (i >= WARM_UP) samples.push(performance.now() - start);
  }
  return timings(samples);
}

const compileStart = performance.now();
for (const version of versions.values()) surveyModel(version);
const compileMs = +(performance.now() - compileStart).toFixed(1);
const model = measure(ANSWERS, (version, answers, language) => renderAnswers(surveyModel(version), answers, language, PLACEHOLDERS));
const surveyCore = measure(SURVEY_CORE_ANSWERS, (version, answers, language) => surveyCoreDisplay(version.definition, answers, PLACEHOLDERS, [language]));

process.stdout.write(`Rendering one answer as labelled text (${demo.length} demo answers of ${versions.size} surveys, languages in turn)\n`);
process.stdout.write(`compiling the ${versions.size} survey models once: ${compileMs} ms\n`);
process.stdout.write(`compiled model:           ${JSON.stringify(model)}\n`);
process.stdout.write(`survey-core per answer:   ${JSON.stringify(surveyCore)}\n`);
process.stdout.write(`ratio of medians: ${Math.round(surveyCore.median_ms / model.median_ms)}×\n`);
