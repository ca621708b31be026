import { describe, expect, it } from "vitest";
import { CONTINENTS, continentOf, countryName, listStates, regionName, regionOfCountry } from "./countries.ts";

describe("States", () => {
  const states = listStates();

  it("lists the 193 UN Member States and the two observer States", () => {
    expect(states).toHaveLength(195);
    expect(states.filter((state) => state.observer).map((state) => state.code).sort()).toEqual(["PS", "VA"]);
    expect(states.filter((state) => !state.observer)).toHaveLength(193);
    for (const code of ["MX", "FR", "NG", "PH", "FJ", "CH"]) expect(states.some((state) => state.code === code)).toBe(true);
    for (const code of ["TW", "XK", "PR", "AQ"]) expect(states.some((state) => state.code === code)).toBe(false);
  });

  it("places every State in a UN M49 area under one of the five continents", () => {
    for (const state of states) expect(CONTINENTS).toContain(continentOf(state.regionM49));
    expect(states.find((state) => state.code === "MX")?.regionM49).toBe("013");
    expect(continentOf("013")).toBe("019");
  });

  it("names countries and regions in English, French and Spanish", () => {
    expect(countryName("DE", "en")).toBe("Germany");
    expect(countryName("DE", "fr")).toBe("Allemagne");
    expect(countryName("DE", "es")).toBe("Alemania");
    expect(countryName("PS", "en")).toBe("State of Palestine");
    expect(regionName("002", "fr")).toBe("Afrique");
    expect(regionName("150", "es")).toBe("Europa");
    expect(regionOfCountry("BE")).toBe("155");
  });
});
