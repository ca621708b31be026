import { describe, expect, it } from "vitest";
import { genevaLocalToIso, isoToGenevaLocal } from "./time-zone.ts";

describe("Geneva time", () => {
  it("reads form values as Geneva time, summer and winter", () => {
    expect(genevaLocalToIso("2018-10-08T10:00")).toBe("2018-10-08T08:00:00.000Z");
    expect(genevaLocalToIso("2018-12-10T09:30")).toBe("2018-12-10T08:30:00.000Z");
    expect(isoToGenevaLocal("2018-10-08T08:00:00.000Z")).toBe("2018-10-08T10:00");
    expect(isoToGenevaLocal("2018-12-10T08:30:00.000Z")).toBe("2018-12-10T09:30");
  });

  it("refuses malformed values", () => {
    expect(genevaLocalToIso("tomorrow")).toBeNull();
    expect(genevaLocalToIso("2018-13-45T99:00")).toBeNull();
    expect(genevaLocalToIso("2018-02-30T10:00")).toBeNull();
  });
});
