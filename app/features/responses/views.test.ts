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

  it("shows tables, multiple texts, rankings and 'other' texts as the reader reads them, in each language", () => {
    const definition = {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "matrixdropdown",
              name: "plan",
              title: tx("Plan"),
              rows: [{ value: "y1", text: tx("First year", "Première année", "Primer año") }],
              columns: [
                { name: "level", title: tx("Level", "Niveau", "Nivel"), cellType: "dropdown", choices: [{ value: "hi", text: tx("High", "Élevé", "Alto") }, "lo"] },
                { name: "funded", title: tx("Funded", "Financé", "Financiado"), cellType: "boolean" },
              ],
            },
            { type: "matrixdynamic", name: "staff", title: tx("Staff"), columns: [{ name: "who", title: tx("Who", "Qui", "Quién"), cellType: "text" }] },
            { type: "multipletext", name: "contact", title: tx("Contact"), items: [{ name: "person", title: tx("Person", "Personne", "Persona") }] },
            { type: "ranking", name: "order", title: tx("Order"), choices: [{ value: "a", text: tx("Access", "Accès", "Acceso") }, { value: "b", text: tx("Budget", "Budget", "Presupuesto") }] },
            { type: "dropdown", name: "mode", title: tx("Mode"), choices: choices("m1"), showOtherItem: true },
          ],
        },
      ],
    };
    const version = { id: "views-parts", definition };
    expect(disputed(version, "plan", null, { y1: { level: "hi", funded: true } }, { y1: { level: "lo" } }, "fr")[0]?.shown).toEqual([
      { mine: "Première année – Niveau: lo", theirs: "Première année – Niveau: Élevé · Financé: Oui" },
    ]);
    expect(disputed(version, "staff", null, [{ who: "Ana" }], [{ who: "Ana" }, { who: "Ben" }], "es")[0]?.shown).toEqual([
      { mine: "Fila 1 – Quién: Ana / Fila 2 – Quién: Ben", theirs: "Fila 1 – Quién: Ana" },
    ]);
    expect(disputed(version, "contact", null, { person: "Ana" }, { person: "Eva" }, "fr")[0]?.shown).toEqual([{ mine: "Personne: Eva", theirs: "Personne: Ana" }]);
    expect(disputed(version, "order", null, ["a", "b"], ["b", "a"], "es")[0]?.shown).toEqual([{ mine: "1. Presupuesto, 2. Acceso", theirs: "1. Acceso, 2. Presupuesto" }]);
    expect(disputed(version, "mode-Comment", null, "By post", "By phone", "en")[0]).toMatchObject({ title: "Mode", shown: [{ mine: "By phone", theirs: "By post" }] });
  });
});
