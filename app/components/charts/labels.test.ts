import { describe, expect, it } from "vitest";
import { labelWidth, truncateLabel, wrapLabel } from "./labels.ts";

describe("wrapLabel", () => {
  it("breaks at spaces, within the width of a line", () => {
    const lines = wrapLabel("sauver des vies et coordonner les efforts", 16, 3);
    expect(lines.join(" ")).toBe("sauver des vies et coordonner les efforts");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(labelWidth(line)).toBeLessThanOrEqual(16);
  });

  it("ends a label that does not fit with an ellipsis on its last line, never past the width", () => {
    const lines = wrapLabel("Réduire au minimum les facteurs négatifs et structurels qui poussent des personnes à partir", 20, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith("…")).toBe(true);
    for (const line of lines) expect(labelWidth(line)).toBeLessThanOrEqual(20);
  });

  it("cuts a word longer than a line inside the word", () => {
    expect(wrapLabel("x".repeat(50), 12, 2)).toEqual(["x".repeat(12), `${"x".repeat(11)}…`]);
  });

  it("gives wide letters more room than narrow ones, so that a line of capitals is no wider than a line of words", () => {
    const capitals = wrapLabel("W".repeat(60), 30, 1)[0]!;
    const narrow = wrapLabel("i".repeat(100), 30, 1)[0]!;
    expect(Array.from(capitals).length).toBeLessThan(20);
    expect(Array.from(narrow).length).toBeGreaterThan(40);
    expect(labelWidth(capitals)).toBeLessThanOrEqual(30);
  });

  it("never splits an accent from its letter or an emoji in two", () => {
    const lines = wrapLabel("ééééé😀😀😀😀😀😀", 5, 2);
    expect(lines[0]).toBe("ééééé");
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(lines.join("")).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("gives nothing for a blank label, one line for a short one", () => {
    expect(wrapLabel("   ", 10, 2)).toEqual([]);
    expect(truncateLabel("Océanie", 10)).toBe("Océanie");
    expect(truncateLabel("Amérique latine et Caraïbes", 10)).toBe("Amérique…");
  });
});
