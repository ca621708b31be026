import { describe, expect, it } from "vitest";
import { answerText, questionOf, questionTitle } from "./answer-text.ts";
import { readSurveyFile, resolveTaxonomies } from "./definitions.ts";
import { choices, tx } from "#tests/survey-answers.ts";
import { compileSurveyModel, questionNamed, surveyModel } from "./survey-model.ts";

const definition = resolveTaxonomies(readSurveyFile("follow-up"));
const questions = surveyModel({ id: "answer-text-follow-up", definition: definition as object }).questions;
const text = (name: string, value: unknown, language: "en" | "fr" | "es") => answerText(questionOf(questions, name), value, language);

describe("answers as people read them", () => {
  it("gives choices by their labels in the reader's language, never their codes", () => {
    expect(text("most_useful_sessions", ["opening_keynotes", "panel_governance_levels"], "fr")).toBe(
      "Séance d’ouverture et discours liminaires, Table ronde sur les partenariats à tous les niveaux de gouvernance",
    );
    expect(text("has_commitments", true, "es")).toBe("Sí");
    expect(text("has_commitments", false, "en")).toBe("No");
    expect(text("usefulness", 4, "en")).toBe("4");
  });

  it("gives the entries of a repeated panel by their questions' titles, and no answer as null", () => {
    const entry = { objective: "gcm-05", action: "Pilot a labour-mobility scheme" };
    const shown = text("commitments", [entry], "en") ?? "";
    expect(shown).toContain(`${questionTitle(questionNamed(questions, "commitments")?.panels?.questions ?? questions, "objective", "en")}: 5.`);
    expect(shown).toContain("Pilot a labour-mobility scheme");
    expect(shown).not.toContain("gcm-05");
    for (const empty of [undefined, null, "", []]) expect(text("takeaways", empty, "en")).toBeNull();
  });

  it("names a question by its title, and an answer key the survey does not know by itself", () => {
    expect(questionTitle(questions, "takeaways", "es")).toMatch(/^¿Cuáles son las principales conclusiones/);
    expect(questionTitle(questions, "unknown_key", "es")).toBe("unknown_key");
    expect(answerText(undefined, { a: 1 }, "en")).toBe("a: 1");
  });
});

describe("answers in parts as text", () => {
  const model = compileSurveyModel({
    pages: [
      {
        name: "p",
        elements: [
          { type: "matrixdropdown", name: "plan", title: tx("Plan"), rows: choices("y1"), columns: [{ name: "level", title: tx("Level"), cellType: "dropdown", choices: choices("hi") }] },
          { type: "matrixdynamic", name: "staff", title: tx("Staff"), columns: [{ name: "who", title: tx("Who"), cellType: "text" }] },
          { type: "multipletext", name: "contact", title: tx("Contact"), items: [{ name: "person", title: tx("Person") }] },
          { type: "ranking", name: "order", title: tx("Order"), choices: choices("a", "b") },
        ],
      },
    ],
  });
  const parts = (name: string, value: unknown, language: "en" | "fr" | "es") => answerText(questionNamed(model.questions, name), value, language);

  it("gives each part with its titles in the reader's language, and blank parts as no answer", () => {
    expect(parts("plan", { y1: { level: "hi" } }, "fr")).toBe("y1 (fr) – Level (fr): hi (fr)");
    expect(parts("staff", [{ who: "Ana" }], "es")).toBe("Fila 1 – Who (es): Ana");
    expect(parts("contact", { person: "Ana" }, "en")).toBe("Person: Ana");
    expect(parts("order", ["b", "a"], "fr")).toBe("1. b (fr), 2. a (fr)");
    for (const [name, blank] of [["plan", { y1: { level: "" } }], ["staff", [{}, { who: " " }]], ["contact", { person: "" }], ["order", []]] as const) expect(parts(name, blank, "en")).toBeNull();
  });
});
