import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { TAXONOMIES } from "#app/features/taxonomy/taxonomy.ts";
import { countedRows, type ExportOutcome, type ExportSource } from "./source.ts";

/** The name and version of the JSON export's layout, as `export-schema.json` describes it. */
export const JSON_EXPORT_FORMAT = "consulta-export";
export const JSON_EXPORT_VERSION = 1;

async function put(output: Writable, chunk: string): Promise<void> {
  if (!output.write(chunk, "utf8")) await once(output, "drain");
}

/** Everything before the rows: what the file is, its columns with their codes and labels, and the taxonomy's codes. */
function head(source: ExportSource): string {
  const { meta } = source;
  const columns = source.columns.map((column) => ({
    key: column.key,
    header: column.headers[meta.language],
    headers: column.headers,
    type: column.type,
    question: column.question,
    multiple: column.multiple,
    codes: column.codes.map((code) => ({ code: code.value, label: code.labels[meta.language], labels: code.labels })),
  }));
  const taxonomy = Object.fromEntries(Object.entries(TAXONOMIES).map(([name, terms]) => [name, terms.map((term) => ({ code: term.value, labels: term.text }))]));
  const opening = JSON.stringify({ format: JSON_EXPORT_FORMAT, version: JSON_EXPORT_VERSION, meta, columns, taxonomy });
  return `${opening.slice(0, -1)},"rows":[`;
}

/**
 * Writes a source as one JSON document (`export-schema.json`): its description and columns, then
 * the rows as arrays of cells in the columns' order, written one by one as they are read, then
 * `notes` with the count, the content hash and what was left out. Text is kept whole (never cut).
 * Rejects, leaving the document unclosed, when the rows written are not the query's count.
 */
export async function writeJson(source: ExportSource, output: Writable): Promise<ExportOutcome> {
  try {
    await put(output, head(source));
    const counted = countedRows(source);
    let first = true;
    for await (const row of counted.rows) {
      await put(output, `${first ? "" : ","}${JSON.stringify(row)}`);
      first = false;
    }
    const outcome = counted.finish();
    await put(output, `],"notes":${JSON.stringify({ rows: outcome.rows, sha256: outcome.sha256, omitted: source.omitted })}}`);
    output.end();
    await finished(output);
    return outcome;
  } catch (error) {
    // Closed without an error event, which nobody may be listening for: the rejection tells the caller.
    output.destroy();
    throw error;
  }
}
