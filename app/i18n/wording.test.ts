import { describe, expect, it } from "vitest";
import { countryName, listStates } from "#app/features/organisations/countries.ts";
import { allTexts } from "#tests/texts.ts";
import { i18nFor } from "./i18n.ts";
import { LANGUAGES } from "./languages.ts";

/** Placeholders that a State's name fills (or an organisation's): "au nom de Mexique", "de Pays-Bas". */
const NAME_PLACEHOLDER = /\{\{(organisation|name)\}\}/;
/** French words after which a State's name would need an article or a contraction (du, des, aux, l’…). */
const BEFORE_A_NAME = /(?:^|[\s’'(])(de|d’|à|du|des|au|aux|le|la|les|l’|en)\s*$/iu;
/** A sentence, parenthesis or label that stops on a preposition: "(saisie pour le compte de).". */
const ENDS_ON_PREPOSITION = /(?<!\p{L})(de|d’|à|du|des|au|aux|pour|par|avec|sur|chez)\s*[).:;]*\s*$|(?<!\p{L})(de|d’|à|pour|par)\s*\)/iu;

describe("French wording", () => {
  const french = allTexts().filter((text) => text.language === "fr" && text.where.startsWith("app/i18n/"));

  it("never puts a State's name after a preposition or an article: any name reads correctly", () => {
    const problems = french.flatMap((text) => {
      const found = text.text.match(NAME_PLACEHOLDER);
      if (!found || found.index === undefined) return [];
      const before = text.text.slice(0, found.index);
      return BEFORE_A_NAME.test(before) ? [`${text.where}: ${found[0]} comes after «${before.slice(-20)}» (write it after a colon, so that «Pays-Bas (Royaume des)» or «Mexique» reads correctly): ${text.text}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("ends no sentence, parenthesis or label on a preposition", () => {
    const problems = french.filter((text) => ENDS_ON_PREPOSITION.test(text.text)).map((text) => `${text.where}: ends on a preposition: ${text.text}`);
    expect(problems).toEqual([]);
  });

  it("writes the «ne» of every negation with «plus»", () => {
    const problems = french.filter((text) => /\bmais plus\b/.test(text.text)).map((text) => `${text.where}: «mais plus» lacks its «ne» (write «mais ne … plus»): ${text.text}`);
    expect(problems).toEqual([]);
  });

  it("reads correctly with every State's name filled in", () => {
    const t = i18nFor("fr").t;
    for (const state of listStates()) {
      const organisation = countryName(state.code, "fr");
      for (const key of ["answer.for", "answer.forProxy", "invite.intro", "organisations.welcome", "email.invitation.subject"]) {
        const text = t(key, { organisation, role: "Point focal d’État" });
        expect(text, key).not.toMatch(new RegExp(`\\b(de|à) ${organisation.replace(/[()]/g, "\\$&")}`));
        expect(text, key).toContain(organisation);
      }
    }
  });
});

describe("counts", () => {
  it("labels agree with their numbers in every language", () => {
    for (const language of LANGUAGES) {
      const t = i18nFor(language).t;
      for (const key of ["consultations.drafts", "consultations.submittedCount", "consultations.notStarted"]) {
        expect(t(key, { count: 1 }), `${language} ${key}`).not.toBe(t(key, { count: 3 }));
      }
    }
    expect(i18nFor("fr").t("consultations.drafts", { count: 1 })).toBe("Brouillon");
    expect(i18nFor("es").t("consultations.submittedCount", { count: 12 })).toBe("Respuestas enviadas");
  });

  it("shows numbers in counts with the language's separators", () => {
    expect(i18nFor("fr").t("organisations.count", { count: 12345 })).toBe("12\u202F345 organisations");
    expect(i18nFor("es").t("people.count", { count: 12345 })).toBe("12.345 personas");
    expect(i18nFor("en").t("people.count", { count: 12345 })).toBe("12,345 people");
  });
});
