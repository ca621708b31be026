/*
 * Charts drawn on the server as SVG with visx (docs/decisions/0026-charts.md). Each chart comes as
 * `XChart` (caption, SVG and its numbers as a table, for pages) and `XChartSvg` (the SVG alone, for
 * files: renderToStaticMarkup it and give it to app/features/charts/png.ts for the DOCX report).
 */
export { BarChart, BarChartSvg, type BarChartProps, type BarDatum } from "./bar-chart.tsx";
export { BeforeAfterChart, BeforeAfterChartSvg, type BeforeAfterChartProps, type BeforeAfterDatum } from "./before-after-chart.tsx";
export { chartWords, type ChartBaseProps, type ChartWords } from "./chart-frame.tsx";
export { DistributionChart, DistributionChartSvg, type DistributionChartProps, type DistributionRow, type DistributionSeries } from "./distribution-chart.tsx";
export { HeatMap, HeatMapSvg, type HeatMapAxisItem, type HeatMapProps } from "./heat-map.tsx";
export type { ChartUnit } from "./numbers.ts";
