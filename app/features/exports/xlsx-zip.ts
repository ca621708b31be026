import { EventEmitter, once } from "node:events";
import type ExcelJS from "exceljs";

/**
 * Backpressure that exceljs's streaming writer does not apply itself. Each sheet's XML is piped
 * into its zip (archiver) without heeding what the pipe answers, so when compressing is slower
 * than writing rows, the whole sheet's XML piles up uncompressed in memory (a quarter of a
 * gigabyte for 60,000 answers). The export waits for the zip instead, as it waits for its output.
 */

/** The stream a sheet's XML waits in for the zip: a readable-stream 2 PassThrough, without Node's `writableNeedDrain`. */
interface ZipInput extends EventEmitter {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
}

/** exceljs's streaming sheet, which its types do not describe: its stream and what that stream is piped into. */
interface StreamingSheet {
  stream?: { pipes?: unknown[] };
}

/** Where a sheet's XML waits for the zip (exceljs opens it with the sheet); undefined if exceljs changes. */
function zipInput(sheet: ExcelJS.Worksheet): ZipInput | undefined {
  const input = (sheet as unknown as StreamingSheet).stream?.pipes?.[0];
  return input instanceof EventEmitter ? (input as ZipInput) : undefined;
}

function holdsTooMuch(input: ZipInput): boolean {
  return Boolean(input.writableNeedDrain ?? input._writableState?.needDrain);
}

/** Whether more of a sheet's XML waits for the zip than the zip's input wants to hold. */
export function zipBehind(sheet: ExcelJS.Worksheet): boolean {
  const input = zipInput(sheet);
  return input !== undefined && holdsTooMuch(input);
}

/** Resolves at once while the zip keeps up with a sheet; otherwise once it has taken what waits for it. */
export async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const input = zipInput(sheet);
  if (input && holdsTooMuch(input)) await once(input, "drain");
}
