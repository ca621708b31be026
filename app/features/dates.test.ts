import { describe, expect, it } from "vitest";
import { isLocalDateTime, parseCalendarDay, parseInstant } from "./dates.ts";

describe("calendar days and times", () => {
  it("reads only days that exist, leap years included", () => {
    expect(parseCalendarDay("2018-10-08")?.toISOString()).toBe("2018-10-08T00:00:00.000Z");
    expect(parseCalendarDay("2000-02-29")?.toISOString()).toBe("2000-02-29T00:00:00.000Z");
    expect(parseCalendarDay("0099-01-01")?.getUTCFullYear()).toBe(99);
    for (const day of ["2019-13-01", "2019-02-29", "1900-02-29", "2019-04-31", "2019-00-01", "2019-01-00", "2019-1-01", "2019-01-01T00:00", " 2019-01-01", ""]) {
      expect(parseCalendarDay(day), day).toBeNull();
    }
  });

  it("reads datetime-local values with a day that exists and a time of day", () => {
    expect(isLocalDateTime("2026-09-01T00:00")).toBe(true);
    expect(isLocalDateTime("2026-09-01T23:59")).toBe(true);
    for (const time of ["2026-13-01T10:00", "2026-02-30T10:00", "2026-09-01T24:00", "2026-09-01T10:60", "2026-09-01", "2026-09-01T10:00:00"]) {
      expect(isLocalDateTime(time), time).toBe(false);
    }
  });

  it("reads stored instants, and gives null for what cannot be read", () => {
    expect(parseInstant("2026-09-01T08:00:00.000Z")?.getTime()).toBe(Date.UTC(2026, 8, 1, 8));
    expect(parseInstant("2019-13-01T08:00:00Z")).toBeNull();
    expect(parseInstant("soon")).toBeNull();
  });
});
