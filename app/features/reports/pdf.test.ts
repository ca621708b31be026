import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable, type Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { writeXlsx } from "#app/features/exports/xlsx.ts";
import { noneOmitted, type ExportSource } from "#app/features/exports/source.ts";
import { writeReportDocx } from "./docx.ts";
import { OfficeMissingError, PdfConversionError, officeToPdf } from "./pdf.ts";
import type { ReportInput } from "./report-input.ts";

function hasSoffice(): boolean {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const SOFFICE = hasSoffice();
const dir = mkdtempSync(join(tmpdir(), "consulta-pdf-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small report, without the database: what LibreOffice is given is the point. */
const input: ReportInput = {
  language: "fr",
  profile: "rapporteur",
  madeAt: "2026-10-02T08:00:00.000Z",
  filters: {},
  scope: { kind: "meeting", title: "Dialogue international sur la migration", meeting: "Dialogue international sur la migration", theme: "Partenariats", place: "Genève", startsOn: "2018-10-08", endsOn: "2018-10-09", description: "Deuxième session" },
  consultations: [{ title: "Besoins en capacités", survey: "capacity-needs", opensAt: "2026-09-01T08:00:00.000Z", closesAt: "2026-09-30T22:00:00.000Z", audience: ["État"] }],
  participation: [],
  figures: [{ id: "priorities", title: "Objectifs prioritaires", description: "Réponses qui en font une priorité", unit: "count", categoryHeader: "Objectif", valueHeader: "Réponses", data: [{ key: "gcm-01", label: "Données exactes et ventilées", value: 12 }] }],
  messages: [],
  matches: [],
  annex: [{ id: "p1", consultation: "Appel", kind: "Proposition", title: "Formation entre pairs", summary: "<script>alert(1)</script> =1+1 « ça marche »", organisation: null, stakeholderType: null, region: null, language: "fr", objectives: [] }],
  omitted: { merged: 0, withdrawn: 0, countOnly: 0, notConsented: 0, notAttributable: 0 },
};

async function toFile(path: string, write: (output: Writable) => Promise<unknown>): Promise<void> {
  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  await write(output);
  writeFileSync(path, Buffer.concat(chunks));
}

const isPdf = (path: string) => readFileSync(path).subarray(0, 5).toString("latin1") === "%PDF-";

describe("officeToPdf", () => {
  it.skipIf(!SOFFICE)("converts the DOCX report to a PDF (skipped only where LibreOffice is not installed)", { timeout: 240_000 }, async () => {
    const docx = join(dir, "report.docx");
    await toFile(docx, (output) => writeReportDocx(input, output));
    const pdf = await officeToPdf(docx);
    expect(pdf).toBe(join(dir, "report.pdf"));
    expect(isPdf(pdf)).toBe(true);
  });

  it.skipIf(!SOFFICE)("converts an XLSX export to a PDF (skipped only where LibreOffice is not installed)", { timeout: 240_000 }, async () => {
    const source: ExportSource = {
      meta: { kind: "answers", title: "Réponses", consultation: "capacity", survey: { slug: "capacity-needs", version: "v1" }, language: "fr", profile: "rapporteur", values: "labels", filters: {}, madeAt: "2026-10-02T08:00:00.000Z" },
      columns: [{ key: "focus", headers: { en: "Focus", fr: "Thème", es: "Tema" }, type: "text", question: "focus", codes: [], multiple: false }],
      expectedRows: 2,
      rows: () => Readable.from([["Éducation « ça marche »"], ["'=1+1"]]),
      omitted: noneOmitted(),
    };
    const xlsx = join(dir, "answers.xlsx");
    await toFile(xlsx, (output) => writeXlsx(source, output));
    const out = mkdtempSync(join(dir, "out-"));
    const pdf = await officeToPdf(xlsx, { outDir: out });
    expect(pdf).toBe(join(out, "answers.pdf"));
    expect(isPdf(pdf)).toBe(true);
  });

  it.skipIf(!SOFFICE)("fails with a clear error when LibreOffice makes no PDF", { timeout: 240_000 }, async () => {
    await expect(officeToPdf(join(dir, "missing.docx"))).rejects.toThrow(PdfConversionError);
  });

  it("says LibreOffice is missing, with the packages to install, when it is not installed", async () => {
    const attempt = officeToPdf(join(dir, "report.docx"), { command: join(dir, "no-soffice-here") });
    await expect(attempt).rejects.toThrow(OfficeMissingError);
    await expect(officeToPdf(join(dir, "report.docx"), { command: join(dir, "no-soffice-here") })).rejects.toThrow(/libreoffice-writer-nogui/);
  });
});
