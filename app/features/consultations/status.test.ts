import { describe, expect, it } from "vitest";
import { consultationStatus } from "./status.ts";

const base = {
  opens_at: "2026-09-01T08:00:00.000Z",
  closes_at: "2026-09-30T22:00:00.000Z",
  published_at: "2026-08-01T08:00:00.000Z",
  opened_early_at: null,
  closed_early_at: null,
};

describe("consultationStatus follows the clock", () => {
  it.each([
    ["before publication", { ...base, published_at: null }, "2026-09-10T00:00:00Z", "draft"],
    ["published, before opening", base, "2026-08-15T00:00:00Z", "scheduled"],
    ["at the opening time", base, "2026-09-01T08:00:00Z", "open"],
    ["during the window", base, "2026-09-15T00:00:00Z", "open"],
    ["at the closing time", base, "2026-09-30T22:00:00Z", "closed"],
    ["opened early", { ...base, opened_early_at: "2026-08-20T00:00:00.000Z" }, "2026-08-21T00:00:00Z", "open"],
    ["opened early, even unpublished", { ...base, published_at: null, opened_early_at: "2026-08-20T00:00:00.000Z" }, "2026-08-21T00:00:00Z", "open"],
    ["closed early", { ...base, closed_early_at: "2026-09-10T00:00:00.000Z" }, "2026-09-11T00:00:00Z", "closed"],
  ])("%s", (_label, consultation, now, status) => {
    expect(consultationStatus(consultation, new Date(now))).toBe(status);
  });
});
