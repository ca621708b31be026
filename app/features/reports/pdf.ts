import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Office files (the DOCX report, an XLSX export) as PDF through LibreOffice
 * (docs/decisions/0031-docx-report.md): `soffice --headless --convert-to pdf`, each run with a
 * profile directory of its own, so that two conversions at once (or a desktop LibreOffice of the
 * same user) never share a lock, and a time limit.
 */

export const SOFFICE = "soffice";
/** Long enough for a report of a thousand proposals on a busy machine; a hung LibreOffice is stopped. */
export const PDF_TIMEOUT_MS = 180_000;

/** LibreOffice is not installed: callers say that a PDF cannot be made here, and how to install it. */
export class OfficeMissingError extends Error {
  constructor(readonly command: string) {
    super(`LibreOffice (${command}) is not installed, so no PDF can be made here. Install Debian's libreoffice-writer-nogui and libreoffice-calc-nogui.`);
    this.name = "OfficeMissingError";
  }
}

/** LibreOffice ran but made no PDF: it failed, or took longer than the limit. */
export class PdfConversionError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`LibreOffice could not convert ${basename(file)} to PDF: ${detail}`);
    this.name = "PdfConversionError";
  }
}

export interface PdfOptions {
  /** Where the PDF goes; the file's own folder by default. */
  outDir?: string;
  timeoutMs?: number;
  /** The LibreOffice command (tests name a missing one). */
  command?: string;
}

/** Converts an office file to PDF beside it (or in `outDir`); resolves with the PDF's path. */
export async function officeToPdf(file: string, options: PdfOptions = {}): Promise<string> {
  const outDir = options.outDir ?? dirname(file);
  const command = options.command ?? SOFFICE;
  const profile = join(tmpdir(), `consulta-soffice-${randomUUID()}`);
  const pdf = join(outDir, `${basename(file, extname(file))}.pdf`);
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        command,
        [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, file],
        { timeout: options.timeoutMs ?? PDF_TIMEOUT_MS, killSignal: "SIGKILL" },
        (error, _stdout, stderr) => {
          if (!error) return resolve();
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return reject(new OfficeMissingError(command));
          reject(new PdfConversionError(file, error.killed ? "it took longer than the time limit" : stderr.trim() || error.message));
        },
      );
    });
    // soffice exits with 0 when it cannot read the file too: the PDF's presence is the proof.
    if (!existsSync(pdf)) throw new PdfConversionError(file, "no PDF was written");
    return pdf;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
