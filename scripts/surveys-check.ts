// Checks every survey file against the rules of surveys/README.md; exits 1 on any problem.
import { checkSurveyDefinition } from "../app/features/surveys/check.ts";
import { definitionHash, listSurveySlugs, readSurveyFile, resolveTaxonomies } from "../app/features/surveys/definitions.ts";

let failures = 0;
for (const slug of listSurveySlugs()) {
  let problems: string[];
  let raw: unknown;
  try {
    raw = readSurveyFile(slug);
    problems = checkSurveyDefinition(slug, raw);
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
process.exit(failures === 0 ? 0 : 1);
