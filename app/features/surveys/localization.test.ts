import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { applyRules } from "./rules.ts";
import { compileSurveyModel } from "./survey-model.ts";

const EXPECTED = {
  en: ["Select at least 1 option.", "Select at least 2 options."],
  fr: ["Sélectionnez au moins 1 choix.", "Sélectionnez au moins 2 choix."],
  es: ["Seleccione al menos 1 opción.", "Seleccione al menos 2 opciones."],
} as const;

function survey(minimum: number) {
  return { pages: [{ name: "p", elements: [{ type: "checkbox", name: "tools", choices: ["a", "b", "c"], minSelectedChoices: minimum }] }] };
}

describe("survey-core's texts", () => {
  for (const [language, [one, two]] of Object.entries(EXPECTED)) {
    it(`say how many options to select in ${language}, with the plural of the number`, () => {
      for (const [minimum, expected] of [[1, one], [2, two]] as const) {
        const model = new Model(survey(minimum));
        model.locale = language === "en" ? "" : language;
        const question = model.getQuestionByName("tools");
        question.value = minimum === 1 ? [] : ["a"];
        question.validate(true);
        expect(question.errors.map((error) => error.text)).toEqual([expected]);
        // The server's compiled rules give the same message.
        const definition = survey(minimum);
        const compiled = compileSurveyModel(definition);
        expect(applyRules(compiled, { tools: minimum === 1 ? [] : ["a"] }, language as keyof typeof EXPECTED).problems.map((problem) => problem.message)).toEqual([expected]);
      }
    });
  }
});
