/**
 * The charts' common measures, in viewBox units. The viewBox is narrow (400) so that a chart
 * shown at width 100% on a 360-px phone keeps its text at about 11 px; on wider screens the CSS
 * caps the figure's width instead of growing the text.
 */
export const CHART_WIDTH = 400;
export const FONT_SIZE = 12;
export const LINE_HEIGHT = 15;
export const AXIS_HEIGHT = 28;
/** Room at the sides for the axis's first and last tick labels ("0 %", "100 %"), centred on their ticks. */
export const MARGIN = { top: 8, right: 24, bottom: 8, left: 16 } as const;

/**
 * The charts name DejaVu Sans first: the PNG renderer loads exactly that font
 * (app/features/charts/png.ts), and Verdana, its close cousin, keeps browsers near the same widths,
 * which the character budgets of the labels assume.
 */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

/** DejaVu Sans's average advance is about 0.6 em: the budget of characters for a width. */
export function charactersFitting(width: number, fontSize: number = FONT_SIZE): number {
  return Math.max(4, Math.floor(width / (fontSize * 0.6)));
}

export const INK = "#1a1a1a";
export const AXIS_INK = "#555555";
