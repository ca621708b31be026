import { describe, expect, it } from "vitest";
import { answerText, questionOf, questionTitle } from "./answer-text.ts";
import { readSurveyFile, resolveTaxonomies } from "./definitions.ts";
import { questionNamed, surveyModel } from "./survey-model.ts";

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
