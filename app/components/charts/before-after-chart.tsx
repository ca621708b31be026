import { Group } from "@visx/group";
import { scaleBand } from "@visx/scale";
import { Circle, Line } from "@visx/shape";
import { ChartFigure, ChartSvg, type ChartBaseProps } from "./chart-frame.tsx";
import { ChartTable } from "./chart-table.tsx";
import { AXIS_HEIGHT, AXIS_INK, CHART_WIDTH, charactersFitting, INK, LINE_HEIGHT, MARGIN } from "./geometry.ts";
import { wrapLabel } from "./labels.ts";
import type { ChartUnit } from "./numbers.ts";
import { AFTER_COLOUR, BEFORE_COLOUR } from "./palette.ts";
import { Legend, legendHeight, MultilineLabel, ValueAxis, valueScale } from "./parts.tsx";

export interface BeforeAfterDatum {
  key: string;
  label: string;
  /** null where that moment has no figure (the State did not answer it). */
  before: number | null;
  after: number | null;
}

export interface BeforeAfterChartProps extends ChartBaseProps {
  data: readonly BeforeAfterDatum[];
  unit: ChartUnit;
  /** The two moments' names (for example the two questionnaires'), in the legend and the table. */
  beforeLabel: string;
  afterLabel: string;
  /** The table's header of the categories' column. */
  categoryHeader: string;
}

const LABEL_LINES = 2;
const TRACK = 14;
const ROW_HEIGHT = LABEL_LINES * LINE_HEIGHT + TRACK + 8;
const MARK = 5;

/** A round mark for "before" and a square for "after": told apart by shape as well as by colour. */
function BeforeMark({ x, y }: { x: number; y: number }) {
  return <Circle className="chart-mark" cx={x} cy={y} r={MARK} fill={BEFORE_COLOUR} />;
}

function AfterMark({ x, y }: { x: number; y: number }) {
  return <rect className="chart-mark" x={x - MARK} y={y - MARK} width={2 * MARK} height={2 * MARK} fill={AFTER_COLOUR} stroke={INK} strokeWidth={1} />;
}

/** A dumbbell per category: the "before" and "after" values on one track, joined by a line. */
export function BeforeAfterChartSvg({ id, language, title, description, data, unit, beforeLabel, afterLabel }: Omit<BeforeAfterChartProps, "words" | "categoryHeader">) {
  const innerWidth = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const rowsTop = MARGIN.top + legendHeight(2);
  const height = rowsTop + data.length * ROW_HEIGHT + AXIS_HEIGHT + MARGIN.bottom;
  const rows = scaleBand<string>({ domain: data.map((datum) => datum.key), range: [0, data.length * ROW_HEIGHT] });
  const values = valueScale(
    data.flatMap((datum) => [datum.before ?? 0, datum.after ?? 0]),
    innerWidth - MARK * 2,
  );
  const budget = charactersFitting(innerWidth);
  return (
    <ChartSvg id={id} title={title} description={description} height={height}>
      <Legend
        x={MARGIN.left}
        y={MARGIN.top}
        width={innerWidth}
        items={[
          { key: "before", label: beforeLabel, swatch: (x, y) => <BeforeMark x={x} y={y} /> },
          { key: "after", label: afterLabel, swatch: (x, y) => <AfterMark x={x} y={y} /> },
        ]}
      />
      <Group left={MARGIN.left + MARK} top={rowsTop}>
        {data.map((datum) => {
          const top = rows(datum.key) ?? 0;
          const y = top + LABEL_LINES * LINE_HEIGHT + TRACK / 2;
          const before = datum.before === null ? null : values(datum.before);
          const after = datum.after === null ? null : values(datum.after);
          return (
            <g key={datum.key}>
              <MultilineLabel x={-MARK} bottom={y - TRACK / 2 - 4} lines={wrapLabel(datum.label, budget, LABEL_LINES)} />
              {before !== null && after !== null ? <Line from={{ x: before, y }} to={{ x: after, y }} stroke={AXIS_INK} strokeWidth={2} /> : null}
              {before !== null ? <BeforeMark x={before} y={y} /> : null}
              {after !== null ? <AfterMark x={after} y={y} /> : null}
            </g>
          );
        })}
      </Group>
      <ValueAxis scale={values} top={rowsTop + data.length * ROW_HEIGHT} left={MARGIN.left + MARK} language={language} unit={unit} />
    </ChartSvg>
  );
}

/** The before/after chart with its caption and both values in a table; a "no data" line when no category has a value. */
export function BeforeAfterChart(props: BeforeAfterChartProps) {
  const { language, title, data, unit, beforeLabel, afterLabel, categoryHeader } = props;
  return (
    <ChartFigure
      {...props}
      empty={!data.some((datum) => datum.before !== null || datum.after !== null)}
      chart={<BeforeAfterChartSvg {...props} />}
      table={
        <ChartTable
          caption={title}
          rowHeader={categoryHeader}
          columns={[beforeLabel, afterLabel]}
          rows={data.map((datum) => ({ key: datum.key, label: datum.label, values: [datum.before, datum.after] }))}
          language={language}
          unit={unit}
        />
      }
    />
  );
}
