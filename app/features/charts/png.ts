import { existsSync } from "node:fs";
import { renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";

/**
 * The font the charts are drawn in (their SVG names 'DejaVu Sans' first), from Debian's
 * fonts-dejavu-core: it covers every letter of French and Spanish (é, è, ç, œ, ñ, ¿, ¡, «, »,
 * U+202F). Loaded by path, never from the system's font list, so that a PNG is the same on every
 * machine that has the package, and a missing font is an error instead of empty boxes.
 */
export const CHART_FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"] as const;
export const CHART_FONT_FAMILY = "DejaVu Sans";

export class ChartFontMissingError extends Error {
  constructor(readonly path: string) {
    super(`The charts' font is missing: ${path}. Install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core).`);
    this.name = "ChartFontMissingError";
  }
}

/** resvg's font options: only the charts' font, also standing for every generic family. */
export function chartFontOptions(fontFiles: readonly string[] = CHART_FONT_FILES): NonNullable<ResvgRenderOptions["font"]> {
  const missing = fontFiles.find((path) => !existsSync(path));
  if (missing) throw new ChartFontMissingError(missing);
  return {
    loadSystemFonts: false,
    fontFiles: [...fontFiles],
    defaultFontFamily: CHART_FONT_FAMILY,
    sansSerifFamily: CHART_FONT_FAMILY,
    serifFamily: CHART_FONT_FAMILY,
    monospaceFamily: CHART_FONT_FAMILY,
  };
}

export interface ChartPng {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * A chart's SVG (as `XChartSvg` renders it) as a PNG `width` pixels wide, its height in the SVG's
 * proportions, on white. Rendered off the main thread by resvg, so that a report's many charts do
 * not hold up the server.
 */
export async function svgToPng(svg: string, { width, fontFiles }: { width: number; fontFiles?: readonly string[] }): Promise<ChartPng> {
  if (!Number.isInteger(width) || width < 16 || width > 8000) throw new RangeError(`A chart's PNG width must be a whole number of pixels from 16 to 8000, not ${width}.`);
  const image = await renderAsync(svg, {
    font: chartFontOptions(fontFiles),
    fitTo: { mode: "width", value: width },
    background: "#ffffff",
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  });
  return { png: image.asPng(), width: image.width, height: image.height };
}
