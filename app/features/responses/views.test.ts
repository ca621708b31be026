import { describe, expect, it } from "vitest";
import { readSurveyFile, resolveTaxonomies } from "#app/features/surveys/definitions.ts";
import { choices, tx } from "#tests/survey-answers.ts";
import { mergeAnswers } from "./merge.ts";
import { conflictViews } from "./views.ts";

/** A question changed on both sides since the base: its conflict as the reader is shown it. */
function disputed(version: { id: string; definition: object }, name: string, base: unknown, theirs: unknown, mine: unknown, language: "en" | "fr" | "es") {
  const { conflicts } = mergeAnswers({ base: { [name]: base }, theirs: { [name]: theirs }, mine: { [name]: mine }, panels: new Map() });
  return conflictViews(version, conflicts, language);
}

describe("the conflict view", () => {
  it("shows both sides' choices by their labels in the reader's language, from the survey version's model", () => {
    const version = { id: "views-follow-up", definition: resolveTaxonomies(readSurveyFile("follow-up")) as object };
    const [view] = disputed(version, "most_useful_sessions", [], ["opening_keynotes", "panel_financing"], ["panel_un_coordination"], "en");
    expect(view?.shown).toEqual([
      { mine: "Panel on coordination of UN-system support", theirs: "Opening and keynote addresses, Panel on financing the implementation of the Global Compact" },
    ]);
    expect(JSON.stringify(view?.shown)).not.toContain("opening_keynotes");
  });

  it("shows a labelled rating by its label and a matrix by its rows' and columns' labels, never their codes", () => {
    const definition = {
      pages: [
        {
          name: "p",
          elements: [
            { type: "rating", name: "stars", title: tx("Stars"), rateValues: [{ value: 1, text: tx("Poor", "Faible", "Débil") }, { value: 2, text: tx("Good", "Bon", "Bueno") }] },
            { type: "matrix", name: "grid", title: tx("Grid"), rows: [{ value: "r1", text: tx("Data", "Données", "Datos") }], columns: choices("c1", "c2") },
          ],
        },
      ],
    };
    const version = { id: "views-labelled", definition };
    expect(disputed(version, "stars", null, 2, 1, "fr")[0]?.shown).toEqual([{ mine: "Faible", theirs: "Bon" }]);
    expect(disputed(version, "grid", null, { r1: "c2" }, { r1: "c1" }, "es")[0]?.shown).toEqual([{ mine: "Datos: c1 (es)", theirs: "Datos: c2 (es)" }]);
  });
});
