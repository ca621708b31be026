import { describe, expect, it } from "vitest";
import { fold, terms, tokenize } from "./text.ts";

describe("fold", () => {
  it("lower-cases and drops accents, so that accented and plain spellings match", () => {
    expect(fold("Données MIGRATOIRES, Creación, Niño")).toBe("donnees migratoires, creacion, nino");
  });
});

describe("tokenize", () => {
  it("stems English with Snowball, so inflected forms meet", () => {
    expect(terms("partnerships", "en")).toEqual(terms("partnership", "en"));
    expect(terms("capacities", "en")).toEqual(terms("capacity", "en"));
    expect(terms("Migrants", "en")).toEqual(terms("migrant", "en"));
  });

  it("stems French with Snowball and folds the stem's accents", () => {
    expect(terms("capacités", "fr")).toEqual(terms("capacité", "fr"));
    expect(terms("migratoires", "fr")).toEqual(terms("migratoire", "fr"));
    expect(terms("Intégration", "fr")).toEqual(["integr"]);
  });

  it("stems Spanish with Snowball, with or without accents", () => {
    expect(terms("capacidades", "es")).toEqual(terms("capacidad", "es"));
    expect(terms("alianzas", "es")).toEqual(terms("alianza", "es"));
    expect(terms("Estados", "es")).toEqual(terms("estado", "es"));
    expect(terms("creación", "es")).toEqual(terms("creacion", "es"));
  });

  it("drops each language's stop words and one-letter words", () => {
    expect(terms("the data of the States and a network", "en")).toEqual(terms("data States network", "en"));
    expect(terms("les données des États et du réseau", "fr")).toEqual(terms("données États réseau", "fr"));
    expect(terms("los datos de los Estados y la red", "es")).toEqual(terms("datos Estados red", "es"));
  });

  it("splits French elisions and hyphenated compounds into their words", () => {
    expect(terms("l’intégration d'information", "fr")).toEqual(terms("intégration information", "fr"));
    expect(terms("whole-of-government", "en")).toEqual(terms("whole government", "en"));
  });

  it("keeps where each word is in the original text", () => {
    const text = "Réseau régional, l’intégration";
    expect(tokenize(text, "fr").map((token) => text.slice(token.start, token.end))).toEqual(["Réseau", "régional", "intégration"]);
  });
});
