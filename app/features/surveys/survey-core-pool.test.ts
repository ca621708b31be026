import fc from "fast-check";
import { Model } from "survey-core";
import { afterAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { EVERY_FEATURE, answersFor, tx } from "#tests/survey-answers.ts";
import { checkWithSurveyCore, closeSurveyCorePool } from "./survey-core-pool.ts";
import { compileSurveyModel } from "./survey-model.ts";
import { validateAnswers, validateAnswersOffThread, validateWithSurveyCore } from "./validate.ts";

/** Every compiled feature, and one the compiled rules leave to survey-core (a validator). */
const UNCOVERED = {
  ...EVERY_FEATURE,
  pages: [
    ...EVERY_FEATURE.pages,
    { name: "third", elements: [{ type: "text", name: "contact", title: tx("Contact"), validators: [{ type: "email", text: tx("An e-mail address, please") }] }] },
  ],
};
const version = { id: "pool-test", definition: UNCOVERED };

afterAll(closeSurveyCorePool);

describe("survey-core's check in worker threads", () => {
  it("is needed for this definition: the compiled rules do not cover it", () => {
    expect(compileSurveyModel(UNCOVERED).rulesComplete).toBe(false);
  });

  it("gives survey-core's verdict, as made on the main thread, for random answers in every language", async () => {
    const answers = answersFor(new Model(UNCOVERED).getAllQuestions(false, false, false));
    await fc.assert(
      fc.asyncProperty(answers, fc.constantFrom(...LANGUAGES), fc.constantFrom("", "someone@example.org", "not an address"), async (given, language, contact) => {
        const withContact = contact ? { ...given, contact } : given;
        fc.pre(validateAnswers(version, withContact, { mode: "draft", language }).ok);
        expect(await checkWithSurveyCore(UNCOVERED, withContact, language)).toEqual(validateWithSurveyCore(version, withContact, language));
        expect(await validateAnswersOffThread(version, withContact, { mode: "submit", language })).toEqual(validateAnswers(version, withContact, { mode: "submit", language }));
      }),
      { numRuns: 15, seed: Number(process.env.FUZZ_SEED ?? 20181010) },
    );
  }, 120_000);

  it("leaves the event loop free while ten checks run: other work is done before the first check ends", async () => {
    const answers = { name: "Ana", mode: "a", agree: true, why: "Because", contact: "not an address" };
    // On the main thread, the ten checks would all be done before anything else could run.
    let done = 0;
    const checks = Array.from({ length: 10 }, () => checkWithSurveyCore(UNCOVERED, answers, "fr").then((verdict) => ((done += 1), verdict)));
    let turns = 0;
    while (done === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      turns += 1;
    }
    expect(turns).toBeGreaterThan(1);
    const verdicts = await Promise.all(checks);
    expect(done).toBe(10);
    for (const verdict of verdicts) expect(verdict.problems.map((problem) => problem.name)).toContain("contact");
  }, 60_000);
});
