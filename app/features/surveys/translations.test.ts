import { describe, expect, it } from "vitest";
import { applyTranslations, translatableTexts, translationProgress } from "./translations.ts";

/** A survey as a form builder writes it: English only, texts as plain strings and as objects. */
const BUILDER_SURVEY = {
  title: "Training needs",
  completeText: { default: "Send", fr: "Envoyer" },
  pages: [
    {
      name: "page1",
      title: "About you",
      elements: [
        { type: "radiogroup", name: "Role", title: "Your role", choices: ["Official", { value: "ngo", text: "NGO staff" }, 3], otherText: "Something else" },
        { type: "text", name: "email", title: { en: "E-mail", fr: "Courriel", es: "Correo" }, inputType: "email", validators: [{ type: "email", text: "Not an e-mail address" }] },
        { type: "paneldynamic", name: "courses", templateElements: [{ type: "text", name: "course", title: "Course / module", placeholder: "e.g. data" }] },
        { type: "matrixdropdown", name: "skills", columns: [{ name: "level", title: "Level", choices: ["Low", "High"] }], rows: [{ value: "r1", text: "Reading" }] },
      ],
    },
  ],
};

describe("translatableTexts", () => {
  it("finds every text a respondent reads, where a person finds it, in the order of the file", () => {
    const texts = translatableTexts(BUILDER_SURVEY);
    expect(texts.map((text) => [text.key, text.where, text.property, text.item ?? null, text.en, text.fr, text.es])).toEqual([
      ["/title", "survey", "title", null, "Training needs", "", ""],
      ["/completeText", "survey", "completeText", null, "Send", "Envoyer", ""],
      ["/pages/0/title", "page page1", "title", null, "About you", "", ""],
      ["/pages/0/elements/0/title", "Role", "title", null, "Your role", "", ""],
      ["/pages/0/elements/0/choices/0", "Role", "text", "Official", "Official", "", ""],
      ["/pages/0/elements/0/choices/1/text", "Role", "text", "ngo", "NGO staff", "", ""],
      ["/pages/0/elements/0/otherText", "Role", "otherText", null, "Something else", "", ""],
      ["/pages/0/elements/1/title", "email", "title", null, "E-mail", "Courriel", "Correo"],
      ["/pages/0/elements/1/validators/0/text", "email", "validatorText", null, "Not an e-mail address", "", ""],
      ["/pages/0/elements/2/templateElements/0/title", "courses › course", "title", null, "Course / module", "", ""],
      ["/pages/0/elements/2/templateElements/0/placeholder", "courses › course", "placeholder", null, "e.g. data", "", ""],
      ["/pages/0/elements/3/columns/0/title", "skills", "title", "level", "Level", "", ""],
      ["/pages/0/elements/3/columns/0/choices/0", "skills", "text", "Low", "Low", "", ""],
      ["/pages/0/elements/3/columns/0/choices/1", "skills", "text", "High", "High", "", ""],
      ["/pages/0/elements/3/rows/0/text", "skills", "text", "r1", "Reading", "", ""],
    ]);
    expect(translationProgress(texts)).toEqual({ total: 15, complete: 1, missing: { en: 0, fr: 13, es: 14 } });
  });
});

describe("applyTranslations", () => {
  it("puts the translations in, as SurveyJS stores them, and leaves answers' values alone", () => {
    const result = applyTranslations(BUILDER_SURVEY, [
      { key: "/title", fr: "Besoins de formation", es: "Necesidades de formación" },
      { key: "/completeText", es: "Enviar" },
      { key: "/pages/0/elements/0/choices/0", fr: "Fonctionnaire", es: "Funcionario" },
      { key: "/pages/0/elements/1/title", en: "E-mail address", es: "" },
      { key: "/pages/0/elements/2/templateElements/0/title", fr: "  Cours\r\nou module  " },
    ]);
    if (!result.ok) throw new Error("refused");
    expect(result.changed).toBe(5);
    const survey = result.definition as typeof BUILDER_SURVEY;
    expect(survey.title).toEqual({ default: "Training needs", fr: "Besoins de formation", es: "Necesidades de formación" });
    expect(survey.completeText).toEqual({ default: "Send", fr: "Envoyer", es: "Enviar" });
    const elements = survey.pages[0]!.elements as Record<string, unknown>[];
    expect((elements[0]!.choices as unknown[])[0]).toEqual({ value: "Official", text: { default: "Official", fr: "Fonctionnaire", es: "Funcionario" } });
    // SurveyJS's "en" becomes "default", English; an empty language is left out.
    expect(elements[1]!.title).toEqual({ default: "E-mail address", fr: "Courriel" });
    expect((elements[2]!.templateElements as Record<string, unknown>[])[0]!.title).toEqual({ default: "Course / module", fr: "Cours\nou module" });
    // The survey given is not changed.
    expect(BUILDER_SURVEY.title).toBe("Training needs");
    // Keys still name the same texts afterwards.
    expect(translatableTexts(survey).map((text) => text.key)).toEqual(translatableTexts(BUILDER_SURVEY).map((text) => text.key).map((key) => (key === "/pages/0/elements/0/choices/0" ? `${key}/text` : key)));
  });

  it("changes nothing for a key that names no text, and counts nothing when the texts are the same", () => {
    expect(applyTranslations(BUILDER_SURVEY, [{ key: "/title", fr: "Titre" }, { key: "/pages/0/name", fr: "x" }, { key: "/nowhere", fr: "x" }])).toEqual({ ok: false, unknownKeys: ["/pages/0/name", "/nowhere"] });
    const same = applyTranslations(BUILDER_SURVEY, [{ key: "/title", en: "Training needs ", fr: "" }]);
    expect(same.ok && same.changed).toBe(0);
  });
});
