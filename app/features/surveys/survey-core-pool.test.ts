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
    { name: "third", elements: [{ type: "text", name: "contact", title: tx("Contact"), validators: [{ type: "regex", regex: "^[^@\\s]+@[^@\\s]+$", text: tx("An e-mail address, please") }] }] },
  ],
};
const version = { id: "pool-test", definition: UNCOVERED };

afterAll(closeSurveyCorePool);

/** A survey whose table only survey-core checks, answered at length: a check of tens to hundreds of milliseconds. */
const TABLE = {
  pages: [
    {
      name: "p",
      elements: [
        {
          type: "matrixdynamic",
          name: "activities",
          title: tx("Activities"),
          rowCount: 0,
          columns: [
            // A regular expression keeps the table survey-core's to check.
            { name: "what", title: tx("What"), cellType: "text", isRequired: true, validators: [{ type: "regex", regex: "^Activity" }] },
            { name: "budget", title: tx("Budget"), cellType: "text", inputType: "number", validators: [{ type: "numeric", minValue: 1 }] },
            { name: "lead", title: tx("Lead"), cellType: "dropdown", choices: [{ value: "state", text: tx("State") }, { value: "partner", text: tx("Partner") }] },
          ],
        },
      ],
    },
  ],
};
const BIG_ANSWER = { activities: Array.from({ length: 120 }, (_, index) => ({ what: `Activity ${index + 1}`, budget: index === 60 ? 0 : 1000 + index, lead: index % 2 ? "state" : "partner" })) };

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

  it("keeps other work running on the main thread while ten submissions with a long answer are checked", async () => {
    const table = { id: "pool-table", definition: TABLE };
    // The ticker stands for the other requests: it counts its turns, and the longest wait between two.
    let ticks = 0;
    let last = performance.now();
    let longestWait = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestWait = Math.max(longestWait, now - last);
      last = now;
      ticks += 1;
    }, 1);
    const started = performance.now();
    const ticksAtEnd: number[] = [];
    try {
      const checks = Array.from({ length: 10 }, () => validateAnswersOffThread(table, BIG_ANSWER, { mode: "submit", language: "en" }).then((result) => (ticksAtEnd.push(ticks), result)));
      const results = await Promise.all(checks);
      const elapsed = performance.now() - started;
      // Each check found the one bad budget, as survey-core on the main thread does.
      const reference = validateAnswers(table, BIG_ANSWER, { mode: "submit", language: "en" });
      expect(reference.problems).toEqual([{ name: "activities[60].budget", title: "Activities › Row 61 › Budget", message: "The 'value' should be at least 1" }]);
      for (const result of results) expect(result).toEqual(reference);
      // The ticker kept turning while the checks ran: before the first ended, between the first
      // and the last, and never held for long (on the main thread, ten such checks would hold it
      // for their whole time). Generous margins: the machine may be busy.
      expect(ticksAtEnd[0]).toBeGreaterThan(0);
      expect(ticksAtEnd.at(-1)).toBeGreaterThan(ticksAtEnd[0] as number);
      expect(ticks).toBeGreaterThanOrEqual(10);
      expect(longestWait).toBeLessThan(elapsed / 2);
    } finally {
      clearInterval(ticker);
    }
  }, 120_000);
});
