import { interpolateCividis } from "d3-scale-chromatic";

/**
 * Colours from cividis (d3-scale-chromatic), a map made to read the same for people with a red-green
 * colour deficiency and in greyscale print; its lightness rises steadily, so ordered series
 * (ratings 1 to 5) read in order. The ends are kept off pure dark and pure yellow for contrast with
 * white separators and the page.
 */
export function seriesColours(count: number): string[] {
  if (count <= 1) return [interpolateCividis(0.3)];
  return Array.from({ length: count }, (_, index) => interpolateCividis(0.05 + (0.85 * index) / (count - 1)));
}

/** The colour of a heat-map cell for a share of the largest value (0 to 1). */
export function heatColour(share: number): string {
  return interpolateCividis(Math.min(1, Math.max(0, share)));
}

const DARK_INK = "#1a1a1a";
const LIGHT_INK = "#ffffff";

/** The ink, near black or white, with the more contrast on a background given as d3's "rgb(r, g, b)". */
export function inkOn(background: string): string {
  const channels = background.match(/\d+/g)?.slice(0, 3).map(Number) ?? [255, 255, 255];
  const [red, green, blue] = channels.map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!;
  // WCAG contrast against white (luminance 1) and against #1a1a1a (luminance about 0.0103).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0603 ? LIGHT_INK : DARK_INK;
}

/** The two moments of a before/after chart: dark and light ends, also told apart by shape. */
export const BEFORE_COLOUR = interpolateCividis(0.1);
export const AFTER_COLOUR = interpolateCividis(0.75);
