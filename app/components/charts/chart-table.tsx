import { formatValue, type ChartUnit } from "./numbers.ts";

export interface ChartTableRow {
  key: string;
  label: string;
  /** One value per column; null where there is none (shown as a dash). */
  values: readonly (number | null)[];
}

/**
 * A chart's numbers as a table: its rows' labels in full (the chart may cut them) as row headers,
 * one column per series, numbers in the page's language.
 */
export function ChartTable({ caption, rowHeader, columns, rows, language, unit }: {
  caption: string;
  rowHeader: string;
  columns: readonly string[];
  rows: readonly ChartTableRow[];
  language: string;
  unit: ChartUnit;
}) {
  return (
    <div className="table-wrap">
      <table className="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((column, index) => (
              <th key={index} scope="col" className="numeric">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {row.values.map((value, index) => (
                <td key={index} className="numeric">
                  {value === null ? "–" : formatValue(value, language, unit)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
