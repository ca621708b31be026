/** Counts are whole numbers; percentages are given as fractions (0.25) and shown in the reader's style ("25 %" in French). */
export type ChartUnit = "count" | "percent";

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, unit: ChartUnit, precise: boolean): Intl.NumberFormat {
  const key = `${language}|${unit}|${precise}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, unit === "percent" ? { style: "percent", maximumFractionDigits: precise ? 1 : 0 } : { maximumFractionDigits: precise ? 1 : 0 });
    formats.set(key, format);
  }
  return format;
}

/** A value as the chart's marks and table show it. */
export function formatValue(value: number, language: string, unit: ChartUnit): string {
  return numberFormat(language, unit, true).format(value);
}

/** An axis tick: whole numbers or whole percentages. */
export function formatTick(value: number, language: string, unit: ChartUnit): string {
  return numberFormat(language, unit, false).format(value);
}

/** The upper end of a value axis: at least one (one answer, or 100 %), so that an all-zero chart still has an axis. */
export function axisMaximum(values: readonly number[]): number {
  return Math.max(1, ...values);
}

/** Ticks on a count axis that never repeat a whole number ("1, 1, 2"). */
export function tickCount(maximum: number, unit: ChartUnit): number {
  return unit === "percent" ? 5 : Math.max(1, Math.min(5, Math.ceil(maximum)));
}
