import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStackHorizontal } from "@visx/shape";
import { ChartFigure, ChartSvg, type ChartBaseProps } from "./chart-frame.tsx";
import { ChartTable } from "./chart-table.tsx";
import { AXIS_HEIGHT, CHART_WIDTH, charactersFitting, LINE_HEIGHT, MARGIN } from "./geometry.ts";
import { wrapLabel } from "./labels.ts";
import { seriesColours } from "./palette.ts";
import { Legend, legendHeight, MultilineLabel, ValueAxis } from "./parts.tsx";

export interface DistributionSeries {
  key: string;
  label: string;
}

export interface DistributionRow {
  key: string;
  label: string;
  /** One count per series, in the series' order. */
  counts: readonly number[];
}

export interface DistributionChartProps extends ChartBaseProps {
  /** The answers' options, in their natural order (ratings 1 to 5, or the choices as the question lists them). */
  series: readonly DistributionSeries[];
  /** One stacked bar per row (a question, a matrix row, a region). */
  rows: readonly DistributionRow[];
  /** The table's header of the rows' column. */
  rowHeader: string;
}

const LABEL_LINES = 2;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = LABEL_LINES * LINE_HEIGHT + BAR_HEIGHT + 8;

type Shares = { key: string } & Record<string, number | string>;

/**
 * Stacked bars of shares: each row's answers as parts of 100 %, one colour per option, in the
 * options' order, with a legend above. A row without answers has no bar (its counts, all zero,
 * are in the table).
 */
export function DistributionChartSvg({ id, language, title, description, series, rows }: Omit<DistributionChartProps, "words" | "rowHeader">) {
  const innerWidth = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const legendTop = MARGIN.top;
  const rowsTop = legendTop + legendHeight(series.length);
  const height = rowsTop + rows.length * ROW_HEIGHT + AXIS_HEIGHT + MARGIN.bottom;
  const keys = series.map((option) => option.key);
  const colours = seriesColours(series.length);
  const band = scaleBand<string>({ domain: rows.map((row) => row.key), range: [0, rows.length * ROW_HEIGHT] });
  const shares = scaleLinear<number>({ domain: [0, 1], range: [0, innerWidth] });
  const data: Shares[] = rows.map((row) => {
    const total = row.counts.reduce((sum, count) => sum + count, 0);
    return Object.fromEntries([["key", row.key], ...keys.map((key, index) => [key, total === 0 ? 0 : (row.counts[index] ?? 0) / total])]) as Shares;
  });
  const budget = charactersFitting(innerWidth);
  return (
    <ChartSvg id={id} title={title} description={description} height={height}>
      <Legend
        x={MARGIN.left}
        y={legendTop}
        width={innerWidth}
        items={series.map((option, index) => ({ key: option.key, label: option.label, swatch: (x, y) => <rect x={x - 5} y={y - 5} width={10} height={10} fill={colours[index]} /> }))}
      />
      <Group left={MARGIN.left} top={rowsTop}>
        {rows.map((row) => (
          <MultilineLabel key={row.key} x={0} bottom={(band(row.key) ?? 0) + LABEL_LINES * LINE_HEIGHT - 4} lines={wrapLabel(row.label, budget, LABEL_LINES)} />
        ))}
        <BarStackHorizontal<Shares, string>
          data={data}
          keys={keys}
          y={(datum) => datum.key}
          xScale={shares}
          yScale={band}
          // The bars are drawn below, coloured by their series (stack.index): this colour is per row.
          color={() => "none"}
        >
          {(stacks) =>
            stacks.flatMap((stack) =>
              stack.bars
                .filter((bar) => bar.width > 0)
                .map((bar) => (
                  <rect
                    key={`${stack.key}-${bar.bar.data.key}`}
                    className="chart-mark"
                    x={bar.x}
                    y={(band(bar.bar.data.key) ?? 0) + LABEL_LINES * LINE_HEIGHT}
                    width={bar.width}
                    height={BAR_HEIGHT}
                    fill={colours[stack.index]}
                    stroke="#ffffff"
                    strokeWidth={1}
                  />
                )),
            )
          }
        </BarStackHorizontal>
      </Group>
      <ValueAxis scale={shares} top={rowsTop + rows.length * ROW_HEIGHT} left={MARGIN.left} language={language} unit="percent" />
    </ChartSvg>
  );
}

/** The distribution chart with its caption and its counts in a table; a "no data" line when no row has an answer. */
export function DistributionChart(props: DistributionChartProps) {
  const { language, title, series, rows, rowHeader } = props;
  const answered = rows.some((row) => row.counts.some((count) => count > 0));
  return (
    <ChartFigure
      {...props}
      empty={series.length === 0 || !answered}
      chart={<DistributionChartSvg {...props} />}
      table={
        <ChartTable
          caption={title}
          rowHeader={rowHeader}
          columns={series.map((option) => option.label)}
          rows={rows.map((row) => ({ key: row.key, label: row.label, values: series.map((_option, index) => row.counts[index] ?? 0) }))}
          language={language}
          unit="count"
        />
      }
    />
  );
}
