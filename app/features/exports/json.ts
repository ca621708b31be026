import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { TAXONOMIES } from "#app/features/taxonomy/taxonomy.ts";
import { countedRows, partNames, type ExportOutcome, type ExportSource } from "./source.ts";

/** The name and version of the JSON export's layout, as `export-schema.json` describes it. */
export const JSON_EXPORT_FORMAT = "consulta-export";
export const JSON_EXPORT_VERSION = 1;

async function put(output: Writable, chunk: string): Promise<void> {
  if (!output.write(chunk, "utf8")) await once(output, "drain");
}

/** What the file is and the taxonomy's codes: the same in a one-source file and a bundle. */
function fileHead() {
  const taxonomy = Object.fromEntries(Object.entries(TAXONOMIES).map(([name, terms]) => [name, terms.map((term) => ({ code: term.value, labels: term.text }))]));
  return { format: JSON_EXPORT_FORMAT, version: JSON_EXPORT_VERSION, taxonomy };
}

/** A source's description and its columns with their codes and labels. */
function sourceHead(source: ExportSource) {
  const { meta } = source;
  const columns = source.columns.map((column) => ({
    key: column.key,
    header: column.headers[meta.language],
    headers: column.headers,
    type: column.type,
    question: column.question,
    multiple: column.multiple,
    translationOf: column.translationOf ?? null,
    codes: column.codes.map((code) => ({ code: code.value, label: code.labels[meta.language], labels: code.labels })),
  }));
  return { meta, columns };
}

/**
 * Writes an object opened with `head`, then the source's rows (arrays of cells in the columns'
 * order, one by one as they are read, text never cut), then its notes, and closes the object.
 * Rejects, leaving it unclosed, when the rows written are not the query's count.
 */
async function writeSourceObject(output: Writable, head: object, source: ExportSource): Promise<ExportOutcome> {
  await put(output, `${JSON.stringify(head).slice(0, -1)},"rows":[`);
  const counted = countedRows(source);
  let first = true;
  for await (const row of counted.rows) {
    await put(output, `${first ? "" : ","}${JSON.stringify(row)}`);
    first = false;
  }
  const outcome = counted.finish();
  await put(output, `],"notes":${JSON.stringify({ rows: outcome.rows, sha256: outcome.sha256, omitted: source.omitted, ...(source.machineTranslation ? { machineTranslation: source.machineTranslation } : {}) })}}`);
  return outcome;
}

async function closed<T>(output: Writable, write: () => Promise<T>): Promise<T> {
  try {
    const result = await write();
    output.end();
    await finished(output);
    return result;
  } catch (error) {
    // Closed without an error event, which nobody may be listening for: the rejection tells the caller.
    output.destroy();
    throw error;
  }
}

/**
 * Writes a source as one JSON document (`export-schema.json`): what the file is, the taxonomy's
 * codes, the source's description and columns, its rows, then `notes` with the count, the content
 * hash and what was left out. Rejects, leaving the document unclosed, when the rows written are
 * not the query's count.
 */
export async function writeJson(source: ExportSource, output: Writable): Promise<ExportOutcome> {
  return closed(output, () => writeSourceObject(output, { ...fileHead(), ...sourceHead(source) }, source));
}

/**
 * Writes several sources as one JSON document (`export-schema.json`, the bundle's form): what the
 * file is, the taxonomy's codes, then `sources`, one object per source named as `partNames` names it (its
 * description with the survey version, columns, rows and notes, as in a one-source file), in the
 * order given. Resolves with each source's outcome in that order; rejects, leaving the document
 * unclosed, when any source's rows are not its count, or two sources are of one kind.
 */
export async function writeJsonBundle(sources: readonly ExportSource[], output: Writable): Promise<ExportOutcome[]> {
  return closed(output, async () => {
    const names = partNames(sources);
    if (new Set(names).size !== sources.length) throw new Error("a JSON bundle holds one source of each kind for each consultation");
    const head = JSON.stringify(fileHead());
    await put(output, `${head.slice(0, -1)},"sources":{`);
    const outcomes: ExportOutcome[] = [];
    for (const [index, source] of sources.entries()) {
      await put(output, `${index === 0 ? "" : ","}${JSON.stringify(names[index])}:`);
      outcomes.push(await writeSourceObject(output, sourceHead(source), source));
    }
    await put(output, "}}");
    return outcomes;
  });
}
