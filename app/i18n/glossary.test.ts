import { describe, expect, it } from "vitest";
import { GLOSSARY, glossaryProblems } from "#tests/glossary.ts";
import { allTexts } from "#tests/texts.ts";
import { LANGUAGES } from "./languages.ts";

/**
 * One term per concept and language over every string the project writes (catalogues, surveys,
 * taxonomy, demo): each failure names the string, the concept, the term to use and the variant found.
 */
describe("glossary", () => {
  const texts = allTexts();

  for (const language of LANGUAGES) {
    it(`every ${language} string writes each concept in its one form`, () => {
      const problems = texts.filter((text) => text.language === language).flatMap((text) => glossaryProblems(text.text, language).map((problem) => `${text.where}: ${problem}`));
      expect(problems).toEqual([]);
    });
  }

  it("uses each concept's own form somewhere, so that the glossary names the form actually written", () => {
    const unused = GLOSSARY.flatMap(({ concept, terms }) =>
      LANGUAGES.flatMap((language) => {
        const use = terms[language]?.use.toLowerCase().replace(/\.$/, "");
        return use && !texts.some((text) => text.language === language && text.text.toLowerCase().includes(use)) ? [`${concept} (${language}): «${use}» is written nowhere`] : [];
      }),
    );
    expect(unused).toEqual([]);
  });

  it("finds the variants it is meant to find", () => {
    expect(glossaryProblems("alianzas para el fomento de capacidades", "es")).toHaveLength(1);
    expect(glossaryProblems("Enfoque pansocial", "es")).toHaveLength(1);
    expect(glossaryProblems("la conferencia que adoptará el Pacto Mundial", "es")).toHaveLength(1);
    expect(glossaryProblems("las medidas que su Estado tiene previsto adoptar", "es")).toEqual([]);
    expect(glossaryProblems("20. Envois de fonds plus rapides", "fr")).toHaveLength(1);
    expect(glossaryProblems("le renforcement des capacités", "fr")).toEqual([]);
  });
});
