import { describe, expect, it } from "vitest";
import { allTexts } from "#tests/texts.ts";
import { NNBSP, typographyProblems } from "#tests/typography.ts";
import { LANGUAGES } from "./languages.ts";

/**
 * French and Spanish typography over every string the project writes (catalogues, surveys,
 * taxonomy, UN names, demo): each failure names the string and the rule it breaks.
 */
describe("typography", () => {
  const texts = allTexts();

  for (const language of ["fr", "es"] as const) {
    it(`every ${language} string follows ${language === "fr" ? "French" : "Spanish"} typography`, () => {
      const problems = texts.filter((text) => text.language === language).flatMap((text) => typographyProblems(text.text, language).map((problem) => `${text.where}: ${problem}`));
      expect(problems).toEqual([]);
    });
  }

  it("catches what it is meant to catch, and leaves placeholders and addresses alone", () => {
    expect(typographyProblems("Clôture : demain ; « Pacte » ? Oui !", "fr")).toHaveLength(6);
    expect(typographyProblems(`Clôture${NNBSP}: l'heure`, "fr")).toHaveLength(1);
    expect(typographyProblems("Clôture: demain", "fr")).toHaveLength(1);
    expect(typographyProblems(`Voir https://example.org/a?b=c:d et {{link}} ; {meeting_title}${NNBSP}!`, "fr")).toHaveLength(1);
    expect(typographyProblems(`Ouvrez {{link}}${NNBSP}: https://example.org?x=1`, "fr")).toEqual([]);
    expect(typographyProblems("el tema “Hacia una gobernanza”", "es")).toHaveLength(2);
    expect(typographyProblems("el tema «Hacia una gobernanza»", "es")).toEqual([]);
  });

  it("shows every count with Intl's separators ({{count, number}}), in every language", () => {
    const problems = LANGUAGES.flatMap((language) =>
      texts
        .filter((text) => text.language === language && text.where.startsWith(`app/i18n/${language}.json`) && /\{\{count\}\}/.test(text.text))
        .map((text) => `${text.where}: {{count}} is shown without Intl's separators (write {{count, number}}): ${text.text}`),
    );
    expect(problems).toEqual([]);
  });
});
