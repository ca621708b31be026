import { Resvg } from "@resvg/resvg-js";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChartSvg } from "#app/components/charts/index.ts";
import { CHART_FONT_FILES, ChartFontMissingError, chartFontOptions, svgToPng } from "./png.ts";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** One line of text as the charts draw it, in an SVG of its own. */
function textSvg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80" viewBox="0 0 600 80"><text x="10" y="50" font-size="40" font-family="'DejaVu Sans', Verdana, sans-serif">${text}</text></svg>`;
}

/** The box of the ink resvg draws for a text, with the charts' fonts (or none). */
function inkBox(text: string, fontFiles: readonly string[] = CHART_FONT_FILES) {
  const font = fontFiles.length > 0 ? chartFontOptions(fontFiles) : { loadSystemFonts: false, fontFiles: [] };
  return new Resvg(textSvg(text), { font }).getBBox();
}

const chart = renderToStaticMarkup(
  <BarChartSvg
    id="priorities"
    language="fr"
    title="Priorités"
    description="Nombre d’organisations"
    unit="count"
    data={[
      { key: "a", label: "Éducation, réintégration et « ñandú » : ¿qué?", value: 12 },
      { key: "b", label: "Coopération", value: 3 },
    ]}
  />,
);

describe("svgToPng", () => {
  it("makes a valid PNG of the width asked for, its height in the chart's proportions", async () => {
    const viewBox = chart.match(/viewBox="0 0 (\d+) (\d+)"/)!;
    const [width, height] = [Number(viewBox[1]), Number(viewBox[2])];
    const result = await svgToPng(chart, { width: 1200 });
    expect(pngSize(result.png)).toEqual({ width: 1200, height: Math.round((1200 * height) / width) });
    expect(result).toMatchObject({ width: 1200, height: Math.round((1200 * height) / width) });
  });

  it("makes the same PNG from the same SVG", async () => {
    const [first, second] = await Promise.all([svgToPng(chart, { width: 400 }), svgToPng(chart, { width: 400 })]);
    expect(first.png.equals(second.png)).toBe(true);
  });

  it("refuses a width that is not a sensible number of pixels", async () => {
    await expect(svgToPng(chart, { width: 0 })).rejects.toThrow(RangeError);
    await expect(svgToPng(chart, { width: 10.5 })).rejects.toThrow(/whole number of pixels/);
  });

  it("names the Debian package when the font is missing, instead of drawing boxes or nothing", async () => {
    await expect(svgToPng(chart, { width: 400, fontFiles: ["/nonexistent/DejaVuSans.ttf"] })).rejects.toThrow(ChartFontMissingError);
    await expect(svgToPng(chart, { width: 400, fontFiles: ["/nonexistent/DejaVuSans.ttf"] })).rejects.toThrow(/fonts-dejavu-core/);
  });
});

describe("the charts' font", () => {
  it("is loaded: text is drawn with it, and without it nothing is", () => {
    expect(inkBox("Coopération")?.width).toBeGreaterThan(100);
    expect(inkBox("Coopération", [])).toBeUndefined();
  });

  it("draws French and Spanish accents as letters, not as missing-glyph boxes", () => {
    const plain = inkBox("E")!;
    const missing = inkBox("\u{E000}")!; // a private-use character: no font has it, so resvg draws the font's missing-glyph box
    for (const [accented, base] of [
      ["É", "E"],
      ["Ñ", "N"],
      ["Ç", "C"],
      ["À", "A"],
    ] as const) {
      const accentedBox = inkBox(accented)!;
      const baseBox = inkBox(base)!;
      // The same letter, as wide, with a mark above or below it.
      expect(Math.abs(accentedBox.width - baseBox.width)).toBeLessThan(1);
      expect(accentedBox.height).toBeGreaterThan(baseBox.height + 3);
      expect(accentedBox.width === missing.width && accentedBox.height === missing.height).toBe(false);
    }
    // A known text: as wide accented as not, since DejaVu Sans gives "é" the advance of "e".
    expect(Math.abs(inkBox("Éducation réintégrée")!.width - inkBox("Education reintegree")!.width)).toBeLessThan(1);
    expect(plain.height).toBeGreaterThan(20);
  });
});
