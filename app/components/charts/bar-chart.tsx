import { Group } from "@visx/group";
import { Fragment } from "react";
import { scaleBand } from "@visx/scale";
import { ChartFigure, ChartSvg, type ChartBaseProps } from "./chart-frame.tsx";
import { ChartTable } from "./chart-table.tsx";
import { AXIS_HEIGHT, CHART_WIDTH, charactersFitting, LINE_HEIGHT, MARGIN } from "./geometry.ts";
import { wrapLabel } from "./labels.ts";
import { formatValue, type ChartUnit } from "./numbers.ts";
import { seriesColours } from "./palette.ts";
import { MultilineLabel, ValueAxis, valueScale } from "./parts.tsx";

export interface BarDatum {
  key: string;
  label: string;
  value: number;
}

export interface BarChartProps extends ChartBaseProps {
  /** In the order they are to be drawn, top to bottom (for example by count, largest first). */
  data: readonly BarDatum[];
  unit: ChartUnit;
  /** The table's headers: of the category column and of the value column. */
  categoryHeader: string;
  valueHeader: string;
}

const LABEL_LINES = 2;
const BAR_HEIGHT = 14;
const ROW_HEIGHT = LABEL_LINES * LINE_HEIGHT + BAR_HEIGHT + 8;
/** Room after the longest bar for its value ("1 234" or "100 %"). */
const VALUE_ROOM = 52;

/**
 * Horizontal bars, one per category, each with its label above it (on two lines at most, so that
 * long names such as the GCM objectives stay legible on a phone) and its value after it.
 */
export function BarChartSvg({ id, language, title, description, data, unit }: Omit<BarChartProps, "words" | "categoryHeader" | "valueHeader">) {
  const innerWidth = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const rows = scaleBand<string>({ domain: data.map((datum) => datum.key), range: [0, data.length * ROW_HEIGHT] });
  const values = valueScale(data.map((datum) => datum.value), innerWidth - VALUE_ROOM);
  const height = MARGIN.top + data.length * ROW_HEIGHT + AXIS_HEIGHT + MARGIN.bottom;
  const [colour] = seriesColours(1);
  const budget = charactersFitting(innerWidth);
  return (
    <ChartSvg id={id} title={title} description={description} height={height}>
      <Group left={MARGIN.left} top={MARGIN.top}>
        {data.map((datum) => {
          const top = rows(datum.key) ?? 0;
          const barTop = top + LABEL_LINES * LINE_HEIGHT;
          const [start, end] = [values(0), values(datum.value)].sort((a, b) => a - b) as [number, number];
          return (
            <Fragment key={datum.key}>
              <MultilineLabel x={0} bottom={barTop - 4} lines={wrapLabel(datum.label, budget, LABEL_LINES)} />
              <rect className="chart-mark" x={start} y={barTop} width={end - start} height={BAR_HEIGHT} fill={colour} />
              <text x={end + 4} y={barTop + BAR_HEIGHT - 3}>
                {formatValue(datum.value, language, unit)}
              </text>
            </Fragment>
          );
        })}
      </Group>
      <ValueAxis scale={values} top={MARGIN.top + data.length * ROW_HEIGHT} left={MARGIN.left} language={language} unit={unit} />
    </ChartSvg>
  );
}

/** The bar chart with its caption and its numbers in a table; a "no data" line when there are no categories. */
export function BarChart(props: BarChartProps) {
  const { language, title, data, unit, categoryHeader, valueHeader } = props;
  return (
    <ChartFigure
      {...props}
      empty={data.length === 0}
      chart={<BarChartSvg {...props} />}
      table={
        <ChartTable
          caption={title}
          rowHeader={categoryHeader}
          columns={[valueHeader]}
          rows={data.map((datum) => ({ key: datum.key, label: datum.label, values: [datum.value] }))}
          language={language}
          unit={unit}
        />
      }
    />
  );
}
