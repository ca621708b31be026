import { AxisBottom } from "@visx/axis";
import { scaleLinear } from "@visx/scale";
import { AXIS_INK, charactersFitting, FONT_SIZE, LINE_HEIGHT } from "./geometry.ts";
import { truncateLabel } from "./labels.ts";
import { axisMaximum, formatTick, tickCount, type ChartUnit } from "./numbers.ts";

/**
 * A linear value scale from zero (or from the lowest value, when one is negative), made "nice" so
 * that its ticks are round numbers, to whole units so that the SVG stays short.
 */
export function valueScale(values: readonly number[], width: number) {
  return scaleLinear<number>({ domain: [Math.min(0, ...values), axisMaximum(values)], range: [0, width], nice: true, round: true });
}

export type ValueScale = ReturnType<typeof valueScale>;

const TICK_SIZE = FONT_SIZE - 1;
const TICK_LENGTH = 4;

/**
 * The value axis under a chart, its ticks in the reader's number style. visx's axis places the
 * ticks and formats their values; they are drawn here as one path (the axis line and every tick
 * mark) and one plain text per label, a quarter of a line under its tick, which keeps a page of
 * thirty charts several hundred elements lighter than the axis's own drawing (a group, a line and a
 * measured, wrapped label per tick).
 */
export function ValueAxis({ scale, top, left, language, unit }: { scale: ValueScale; top: number; left: number; language: string; unit: ChartUnit }) {
  const maximum = scale.domain()[1] ?? 1;
  return (
    <AxisBottom scale={scale} top={top} left={left} numTicks={tickCount(maximum, unit)} tickFormat={(value) => formatTick(Number(value), language, unit)} tickLength={TICK_LENGTH}>
      {({ axisFromPoint, axisToPoint, ticks }) => (
        <>
          <path
            d={`M${axisFromPoint.x},0H${axisToPoint.x}${ticks.map((tick) => `M${tick.from.x},0V${TICK_LENGTH}`).join("")}`}
            stroke={AXIS_INK}
            strokeLinecap="square"
            shapeRendering="crispEdges"
            fill="none"
          />
          <g fill={AXIS_INK} fontSize={TICK_SIZE} textAnchor="middle">
            {ticks.map((tick) => (
              <text key={tick.index} x={tick.from.x} y={TICK_LENGTH + TICK_SIZE + TICK_SIZE / 4}>
                {tick.formattedValue}
              </text>
            ))}
          </g>
        </>
      )}
    </AxisBottom>
  );
}

/**
 * A label of several lines, the last on the baseline `bottom`: a label sits just above what it
 * names however many lines it takes.
 */
export function MultilineLabel({ x, bottom, lines, fontSize = FONT_SIZE }: { x: number; bottom: number; lines: readonly string[]; fontSize?: number }) {
  // One line needs no tspan: most labels are one line, and a page has hundreds of them.
  if (lines.length === 1)
    return (
      <text x={x} y={bottom} fontSize={fontSize}>
        {lines[0]}
      </text>
    );
  return (
    <text x={x} y={bottom - (lines.length - 1) * LINE_HEIGHT} fontSize={fontSize}>
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? 0 : LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export interface LegendItem {
  key: string;
  label: string;
  /** The swatch: a square of a colour, or a mark's own drawing. */
  swatch: (x: number, y: number) => React.ReactNode;
}

const LEGEND_COLUMNS = 2;

/** A legend in two columns from (x, y), each label cut to its column; its height is `legendHeight(items)`. */
export function Legend({ x, y, width, items }: { x: number; y: number; width: number; items: readonly LegendItem[] }) {
  const columnWidth = width / LEGEND_COLUMNS;
  const budget = charactersFitting(columnWidth - 18, FONT_SIZE - 1);
  return (
    <g className="chart-legend" fontSize={FONT_SIZE - 1}>
      {items.map((item, index) => {
        const left = x + (index % LEGEND_COLUMNS) * columnWidth;
        const top = y + Math.floor(index / LEGEND_COLUMNS) * LINE_HEIGHT;
        return (
          <g key={item.key}>
            {item.swatch(left + 5, top + 6)}
            <text x={left + 16} y={top + 10}>
              {truncateLabel(item.label, budget)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function legendHeight(count: number): number {
  return Math.ceil(count / LEGEND_COLUMNS) * LINE_HEIGHT + 6;
}
