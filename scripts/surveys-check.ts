// Checks every survey file against the rules of surveys/README.md; exits 1 on any problem.
// `--record` adds new answer keys to surveys/answer-keys.lock.json (removals are never recorded).
// `--file <path> [--allow-missing-translations]` checks one survey brought in from outside instead
// (app/features/surveys/file-check.ts): exits 0 when it can be used.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { answerKeys, checkStableNames, checkSurveyDefinition } from "../app/features/surveys/check.ts";
import { definitionHash, listSurveySlugs, readSurveyFile, resolveTaxonomies, surveysDir } from "../app/features/surveys/definitions.ts";
import { SURVEY_FILE_USAGE, surveyFileCommand } from "../app/features/surveys/file-check.ts";

let options: { file?: string; record?: boolean; "allow-missing-translations"?: boolean };
try {
  options = parseArgs({ options: { file: { type: "string" }, record: { type: "boolean" }, "allow-missing-translations": { type: "boolean" } } }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${SURVEY_FILE_USAGE}`);
  process.exit(2);
}
if (options.file !== undefined) {
  process.exit(surveyFileCommand(options.file, { allowMissingTranslations: options["allow-missing-translations"] ?? false }, console));
}

const LOCK = join(surveysDir(), "answer-keys.lock.json");
const record = options.record ?? false;
const lock: Record<string, string[]> = existsSync(LOCK) ? (JSON.parse(readFileSync(LOCK, "utf8")) as Record<string, string[]>) : {};

let failures = 0;
for (const slug of listSurveySlugs()) {
  let problems: string[];
  let raw: unknown;
  try {
    raw = readSurveyFile(slug);
    problems = checkSurveyDefinition(slug, raw);
    if (record) lock[slug] = [...new Set([...(lock[slug] ?? []), ...answerKeys(raw)])].sort();
    problems.push(...checkStableNames(slug, raw, lock[slug]));
  } catch (error) {
    problems = [`${slug}: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (problems.length === 0) {
    console.log(`ok   ${slug} (version ${definitionHash(resolveTaxonomies(raw)).slice(0, 12)})`);
  } else {
    failures += 1;
    console.log(`FAIL ${slug}`);
    for (const problem of problems) console.log(`     ${problem}`);
  }
}
if (record) writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
process.exit(failures === 0 ? 0 : 1);
