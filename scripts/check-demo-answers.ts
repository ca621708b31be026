// Checks demo answers against the surveys, as a submission would be: npx tsx scripts/check-demo-answers.ts db/demo/<file>.ts
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { definitionHash, readSurveyFile, resolveTaxonomies } from "../app/features/surveys/definitions.ts";
import { validateAnswers } from "../app/features/surveys/validate.ts";
import type { DemoAnswer } from "../db/demo/types.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: npx tsx scripts/check-demo-answers.ts db/demo/<file>.ts");
  process.exit(2);
}
const module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
const answers = Object.values(module).filter(Array.isArray).flat() as DemoAnswer[];
let bad = 0;
for (const answer of answers.filter((item) => item && typeof item === "object" && "survey" in item)) {
  const definition = resolveTaxonomies(readSurveyFile(answer.survey)) as object;
  const result = validateAnswers({ id: definitionHash(definition), definition }, answer.answers, { mode: answer.status === "submitted" ? "submit" : "draft", language: "en" });
  if (!result.ok) {
    bad += 1;
    console.log(`FAIL ${answer.survey} ${answer.organisation}`);
    for (const problem of result.problems) console.log(`     ${problem.name}: ${problem.message}`);
  }
}
console.log(`${answers.length} answers checked, ${bad} with problems`);
process.exit(bad ? 1 : 0);
