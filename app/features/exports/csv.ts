import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify";
import { neutraliseFormula } from "./cells.ts";
import { noteLines } from "./notes.ts";
import { countedRows, type ExportOutcome, type ExportSource } from "./source.ts";

/**
 * Writes a source as CSV: UTF-8 with a byte order mark (so that Excel reads accents right), a
 * header row of the columns' labels in the export's language, one line per row, then an empty
 * line and the notes, one "label,value" line each. Streams: rows are written as they are read,
 * waiting for the output to drain. Rejects, before writing the notes, when the rows written are
 * not the query's count.
 */
export async function writeCsv(source: ExportSource, output: Writable): Promise<ExportOutcome> {
  const csv = stringify({ bom: true });
  const piped = pipeline(csv, output);
  // Nothing to wait for unless the output is full: a row costs no promise of its own.
  const write = (record: readonly (string | number | null)[]): Promise<unknown> | undefined => (csv.write(record) ? undefined : Promise.race([once(csv, "drain"), piped]));
  try {
    await write(source.columns.map((column) => neutraliseFormula(column.headers[source.meta.language])));
    const counted = countedRows(source);
    for await (const row of counted.rows) {
      const full = write(row);
      if (full) await full;
    }
    const outcome = counted.finish();
    await write([]);
    for (const line of noteLines(source, outcome)) await write(line);
    csv.end();
    await piped;
    return outcome;
  } catch (error) {
    csv.destroy(error instanceof Error ? error : new Error(String(error)));
    await piped.catch(() => undefined);
    throw error;
  }
}
