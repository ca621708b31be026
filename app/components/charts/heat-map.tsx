import { Group } from "@visx/group";
import { HeatmapRect } from "@visx/heatmap";
import { ChartFigure, ChartSvg, type ChartBaseProps } from "./chart-frame.tsx";
import { ChartTable } from "./chart-table.tsx";
import { CHART_WIDTH, charactersFitting, FONT_SIZE, LINE_HEIGHT, MARGIN } from "./geometry.ts";
import { labelWidth, truncateLabel, wrapLabel } from "./labels.ts";
import { formatTick, formatValue, type ChartUnit } from "./numbers.ts";
import { heatColour, inkOn } from "./palette.ts";
import { MultilineLabel } from "./parts.tsx";

export interface HeatMapAxisItem {
  key: string;
  label: string;
}

export interface HeatMapProps extends ChartBaseProps {
  /** Drawn top to bottom (for example the GCM objectives). */
  rows: readonly HeatMapAxisItem[];
  /** Drawn left to right (for example the regions). */
  columns: readonly HeatMapAxisItem[];
  /** values[row][column]; null where there is no figure (drawn as an empty cell, a dash in the table). */
  values: readonly (readonly (number | null)[])[];
  unit: ChartUnit;
  /** The table's header of the rows' column. */
  rowHeader: string;
}

const ROW_LABEL_WIDTH = 150;
/** The most room above the grid for the turned column labels; short labels take less. */
const MAX_COLUMN_LABEL_HEIGHT = 100;
const ROW_HEIGHT = 2 * LINE_HEIGHT + 4;
const GAP = 2;
const LEGEND_HEIGHT = 34;
/** Below this cell width the values are left to the table: they would not fit in the cell. */
const MIN_WIDTH_FOR_VALUES = 34;

interface Bin {
  count: number | null;
}

/** A cell's colour: its value's, or white where there is no value. */
function cellFill(count: number | null, colour: string | undefined): string {
  return count === null ? "#ffffff" : (colour ?? "#ffffff");
}

/**
 * A grid of rows by columns, each cell coloured by its value from light to dark (cividis) with
 * its value printed when the cell is wide enough; rows named on the left, columns above, turned.
 */
export function HeatMapSvg({ id, language, title, description, rows, columns, values, unit }: Omit<HeatMapProps, "words" | "rowHeader">) {
  const gridLeft = MARGIN.left + ROW_LABEL_WIDTH;
  const columnLabelHeight = Math.min(MAX_COLUMN_LABEL_HEIGHT, 12 + (FONT_SIZE - 1) * 0.6 * Math.max(0, ...columns.map((column) => labelWidth(column.label))));
  const gridTop = MARGIN.top + columnLabelHeight;
  const binWidth = (CHART_WIDTH - gridLeft - MARGIN.right) / Math.max(1, columns.length);
  const height = gridTop + rows.length * ROW_HEIGHT + LEGEND_HEIGHT + MARGIN.bottom;
  const maximum = Math.max(0, ...values.flat().map((value) => value ?? 0));
  const share = (value: number) => (maximum === 0 ? 0 : value / maximum);
  const data = columns.map((_column, columnIndex) => ({ bins: rows.map((_row, rowIndex): Bin => ({ count: values[rowIndex]?.[columnIndex] ?? null })) }));
  const rowBudget = charactersFitting(ROW_LABEL_WIDTH - 6, FONT_SIZE - 1);
  const columnBudget = charactersFitting(MAX_COLUMN_LABEL_HEIGHT - 6, FONT_SIZE - 1);
  const legendTop = gridTop + rows.length * ROW_HEIGHT + 10;
  const legendWidth = CHART_WIDTH - gridLeft - MARGIN.right;
  return (
    <ChartSvg id={id} title={title} description={description} height={height}>
      <defs>
        <linearGradient id={`${id}-scale`} x1="0" x2="1" y1="0" y2="0">
          {[0, 0.25, 0.5, 0.75, 1].map((stop) => (
            <stop key={stop} offset={stop} stopColor={heatColour(stop)} />
          ))}
        </linearGradient>
      </defs>
      {columns.map((column, index) => {
        const x = gridLeft + index * binWidth + binWidth / 2 + 4;
        const y = gridTop - 6;
        return (
          <text key={column.key} x={x} y={y} fontSize={FONT_SIZE - 1} transform={`rotate(-90 ${x} ${y})`}>
            {truncateLabel(column.label, columnBudget)}
          </text>
        );
      })}
      <Group left={MARGIN.left} top={gridTop}>
        {rows.map((row, index) => {
          const lines = wrapLabel(row.label, rowBudget, 2);
          // Centred on its row, whether it takes one line or two.
          return <MultilineLabel key={row.key} x={0} bottom={index * ROW_HEIGHT + ROW_HEIGHT / 2 + 4 + ((lines.length - 1) * LINE_HEIGHT) / 2} lines={lines} fontSize={FONT_SIZE - 1} />;
        })}
      </Group>
      {/* HeatmapRect leaves its left and top to the caller when it is given a render function. */}
      <Group left={gridLeft} top={gridTop}>
      <HeatmapRect<{ bins: Bin[] }, Bin>
        data={data}
        binWidth={binWidth}
        binHeight={ROW_HEIGHT}
        gap={GAP}
        xScale={(index) => index * binWidth}
        yScale={(index) => index * ROW_HEIGHT}
        bins={(column) => column.bins}
        count={(bin) => bin.count ?? 0}
        colorScale={(count) => heatColour(share(Number(count)))}
      >
        {(grid) => {
          // The cells, then their values in one group that carries what they share.
          const cells = grid.flat();
          return (
            <>
              {cells.map((cell) => (
                <rect key={`${cell.row}-${cell.column}`} className="chart-mark" x={cell.x} y={cell.y} width={cell.width} height={cell.height} fill={cellFill(cell.bin.count, cell.color)} stroke={cell.bin.count === null ? "#8c8c8c" : "none"} />
              ))}
              {binWidth >= MIN_WIDTH_FOR_VALUES ? (
                <g textAnchor="middle" fontSize={FONT_SIZE - 2}>
                  {cells.map((cell) =>
                    cell.bin.count === null ? null : (
                      <text key={`${cell.row}-${cell.column}`} x={cell.x + cell.width / 2} y={cell.y + cell.height / 2 + 4} fill={inkOn(cellFill(cell.bin.count, cell.color))}>
                        {formatTick(cell.bin.count, language, unit)}
                      </text>
                    ),
                  )}
                </g>
              ) : null}
            </>
          );
        }}
      </HeatmapRect>
      </Group>
      <rect x={gridLeft} y={legendTop} width={legendWidth} height={8} fill={`url(#${id}-scale)`} />
      <text x={gridLeft} y={legendTop + 22} fontSize={FONT_SIZE - 1}>
        {formatValue(0, language, unit)}
      </text>
      <text x={gridLeft + legendWidth} y={legendTop + 22} fontSize={FONT_SIZE - 1} textAnchor="end">
        {formatValue(maximum, language, unit)}
      </text>
    </ChartSvg>
  );
}

/** The heat map with its caption and its values in a table; a "no data" line when there are no rows or columns. */
export function HeatMap(props: HeatMapProps) {
  const { language, title, rows, columns, values, unit, rowHeader } = props;
  return (
    <ChartFigure
      {...props}
      empty={rows.length === 0 || columns.length === 0}
      chart={<HeatMapSvg {...props} />}
      table={
        <ChartTable
          caption={title}
          rowHeader={rowHeader}
          columns={columns.map((column) => column.label)}
          rows={rows.map((row, rowIndex) => ({ key: row.key, label: row.label, values: columns.map((_column, columnIndex) => values[rowIndex]?.[columnIndex] ?? null) }))}
          language={language}
          unit={unit}
        />
      }
    />
  );
}
