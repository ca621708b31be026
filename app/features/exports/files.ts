import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { isPostgresUrl, sqliteFilename, type Env } from "#app/features/config/env.ts";
import type { Writable } from "node:stream";
import type { ExportOutcome } from "./source.ts";

/** The folder export files are written to: EXPORTS_DIR, or `exports` beside the SQLite database (./data/exports for PostgreSQL). */
export function exportsDirectory(env: Pick<Env, "DATABASE_URL" | "EXPORTS_DIR">): string {
  if (env.EXPORTS_DIR) return resolve(env.EXPORTS_DIR);
  if (isPostgresUrl(env.DATABASE_URL) || env.DATABASE_URL === ":memory:") return resolve("data", "exports");
  return join(dirname(resolve(sqliteFilename(env.DATABASE_URL))), "exports");
}

/** Ends the name a file is written under until it is complete: never served, never mistaken for the file. */
export const PARTIAL_SUFFIX = ".partial";

/**
 * Writes a file to `path` (`write` writes it to the stream it is given and ends it) through a
 * temporary file renamed only once the writer has checked the row count and closed the file: a
 * failure leaves no file at `path`, and no partial one beside it.
 */
export async function writeExportFile(write: (output: Writable) => Promise<ExportOutcome>, path: string): Promise<ExportOutcome> {
  const temporary = `${path}${PARTIAL_SUFFIX}`;
  await mkdir(dirname(path), { recursive: true });
  try {
    const output = createWriteStream(temporary, { flags: "wx" });
    // The file is renamed once its descriptor is closed, not merely flushed.
    const closed = once(output, "close");
    closed.catch(() => undefined);
    const outcome = await write(output);
    await closed;
    await rename(temporary, path);
    return outcome;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
