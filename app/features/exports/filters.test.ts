import { describe, expect, it } from "vitest";
import { filtersInWords, filtersNote } from "./filters.ts";

describe("an export's filters in words", () => {
  it("names the area, the stakeholder type and the use in the reader's language", () => {
    const filters = { region: "002", type: "state", attribution: "attributable" };
    expect(filtersInWords(filters, "en")).toBe("Africa · State · May be quoted with the name");
    expect(filtersInWords(filters, "fr")).toBe("Afrique · État · Peut être citée avec le nom");
    expect(filtersInWords({ region: "419" }, "es")).toBe("América Latina y el Caribe");
    expect(filtersInWords({}, "en")).toBeNull();
  });

  it("gives a file's notes the words and then the address's own codes, so that the same file can be asked for again", () => {
    expect(filtersNote({ region: "150", type: "ngo" }, "fr")).toBe("Europe · Organisation non gouvernementale (region=150&type=ngo)");
    expect(filtersNote({}, "es")).toBe("Ninguno");
    // A filter without words (the answers' language) is still stated, by its code.
    expect(filtersNote({ language: "es" }, "en")).toBe("language=es");
  });
});
