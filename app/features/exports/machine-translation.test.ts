import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { isAvailable } from "#app/features/translation/apertium.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { Consultation } from "#db/schema.ts";
import { insertResponse } from "#tests/consultations.ts";
import { fakeApertium } from "#tests/fake-apertium.ts";
import { MADE_AT, partner, proposalsConsultation, readCsv, readXlsx, sheetRows, validate, written } from "#tests/exports.ts";
import { currentUserFor, demoEmail } from "#tests/helpers.ts";
import { tempFolder } from "#tests/temp.ts";
import { answersExport } from "./answers.ts";
import { exportCommand } from "./command.ts";
import { listExports, requestExport, writeRequestedExport } from "./export-jobs.ts";
import { writeCsv } from "./csv.ts";
import { writeJson } from "./json.ts";
import { withMachineTranslation, type MachineTranslationOptions } from "./machine-translation.ts";
import type { ExportCell, ExportSource } from "./source.ts";
import { writeXlsx } from "./xlsx.ts";

const FOCUS_FR = "Éducation et santé des migrants";
const FOCUS_EN = "Health of migrant children";
const FOCUS_ES = "Protección de la niñez migrante";

/** Answers written in French, English and Spanish, and one whose language is not known. */
async function answered(extra: Record<string, unknown> = {}): Promise<Consultation> {
  const consultation = await proposalsConsultation();
  const submit = async (name: string, first: string, language: string | null, focus: string) =>
    insertResponse(consultation, await partner(name, first), "submitted", "2026-09-05T10:00:00.000Z", { language, submitted_data: JSON.stringify({ organisation_focus: focus, ...extra }) });
  await submit("Réseau des diasporas", "1", "fr", FOCUS_FR);
  await submit("Health Network", "2", "en", FOCUS_EN);
  await submit("Fundación Niñez", "3", "es", FOCUS_ES);
  await submit("Old Answer", "4", null, "Texte d’une langue inconnue");
  return consultation;
}

async function translatedSource(consultation: Consultation, language: Language, options: MachineTranslationOptions): Promise<ExportSource> {
  const source = await answersExport(getDb(), await currentUserFor(demoEmail("rapporteur")), consultation, { language, profile: "rapporteur", values: "labels", now: MADE_AT });
  if (!source) throw new Error("the rapporteur may export");
  return withMachineTranslation(source, options);
}

type JsonExport = { columns: { key: string; translationOf: string | null }[]; rows: ExportCell[][]; notes: { machineTranslation?: { translated: number; untranslated: number; unknownLanguage: number; problems: string[] } } };

/** The source written as CSV, XLSX and JSON and read back: each format's header and rows, the CSV's notes, the workbook and the JSON document. */
async function everyFormat(source: ExportSource) {
  const t = translator(source.meta.language);
  const csv = readCsv((await written(writeCsv, source)).bytes);
  const workbook = await readXlsx((await written(writeXlsx, source)).bytes);
  const sheet = sheetRows(workbook.getWorksheet(t("exportFile.sheet.answers")) as ExcelJS.Worksheet, source.columns.length);
  const json: unknown = JSON.parse((await written(writeJson, source)).bytes.toString("utf8"));
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  const text = (value: unknown) => (value === null || value === undefined || value === "" ? null : String(value));
  return {
    t,
    csv: { header: csv.header, rows: csv.rows.map((row) => row.map(text)), notes: csv.notes },
    xlsx: { header: sheet[0] ?? [], rows: sheet.slice(1).map((row) => row.map(text)), workbook },
    json: json as JsonExport,
  };
}

/** The cell under a key in each format's rows, for the row whose `organisation_focus` is `original`. */
function cellsBeside(files: Awaited<ReturnType<typeof everyFormat>>, source: ExportSource, original: string, key: string) {
  const at = (name: string) => source.columns.findIndex((column) => column.key === name);
  const of = (rows: (ExportCell | string | null)[][]) => rows.find((row) => row[at("organisation_focus")] === original)?.[at(key)];
  return { csv: of(files.csv.rows), xlsx: of(files.xlsx.rows), json: of(files.json.rows) };
}

const installed = await isAvailable();

describe.skipIf(!installed)("machine translation with Debian's Apertium (skipped where it is not installed)", () => {
  it("gives a French answer exported in English Apertium's translation in a column of its own beside the original, marked in every format and in the codebook", async () => {
    const consultation = await answered();
    const source = await translatedSource(consultation, "en", {});
    const files = await everyFormat(source);
    const key = "organisation_focus.machine_translation";
    const keys = source.columns.map((column) => column.key);
    expect(keys.indexOf(key)).toBe(keys.indexOf("organisation_focus") + 1);
    const header = files.t("exportFile.column.machineTranslation", { column: source.columns[keys.indexOf("organisation_focus")]?.headers.en, language: "English" });
    expect(header).toMatch(/machine translation \(Apertium, English\)$/);
    expect(files.csv.header[keys.indexOf(key)]).toBe(header);
    expect(files.xlsx.header[keys.indexOf(key)]).toBe(header);
    expect(files.json.columns[keys.indexOf(key)]).toMatchObject({ key, translationOf: "organisation_focus" });

    const translated = cellsBeside(files, source, FOCUS_FR, key);
    expect(translated.json).toMatch(/health/i);
    expect(translated.json).not.toBe(FOCUS_FR);
    expect(translated.csv).toBe(translated.json);
    expect(translated.xlsx).toBe(translated.json);
    // The original and its language stay as written.
    expect(cellsBeside(files, source, FOCUS_FR, "language").json).toBe("fr");
    // Spanish is translated too; English, already the export's language, is not.
    expect(cellsBeside(files, source, FOCUS_ES, key).json).toMatch(/child/i);
    expect(cellsBeside(files, source, FOCUS_EN, key)).toEqual({ csv: null, xlsx: null, json: null });

    const codebook = files.xlsx.workbook.getWorksheet(files.t("exportFile.sheet.codebook")) as ExcelJS.Worksheet;
    const described = sheetRows(codebook, 7).find((row) => row[1] === key);
    expect(described?.[3]).toBe(header);
    expect(files.json.notes.machineTranslation).toEqual({ translated: 2, untranslated: 0, unknownLanguage: 1, problems: [] });
    expect(files.csv.notes.get(files.t("exportFile.notes.machineTranslation"))).toBe("2");
    expect(files.csv.notes.get(files.t("exportFile.notes.unknownLanguage"))).toBe("1");
  });
});

describe("machine translation with a stand-in for Apertium", () => {
  it("says in every file's notes that Apertium is missing, keeps every original and leaves the translations empty, never invented", async () => {
    const consultation = await answered();
    const command = join(tempFolder("consulta-no-apertium-"), "apertium");
    const source = await translatedSource(consultation, "en", { apertium: { command } });
    const files = await everyFormat(source);
    const key = "organisation_focus.machine_translation";
    expect(cellsBeside(files, source, FOCUS_FR, key)).toEqual({ csv: null, xlsx: null, json: null });
    expect(cellsBeside(files, source, FOCUS_FR, "organisation_focus")).toEqual({ csv: FOCUS_FR, xlsx: FOCUS_FR, json: FOCUS_FR });
    expect(cellsBeside(files, source, FOCUS_FR, "language").json).toBe("fr");
    const report = files.json.notes.machineTranslation;
    expect(report).toMatchObject({ translated: 0, untranslated: 2, unknownLanguage: 1 });
    expect(report?.problems).toEqual([expect.stringMatching(/Apertium is not installed/)]);
    expect(files.csv.notes.get(files.t("exportFile.notes.untranslated"))).toBe("2");
    expect(files.csv.notes.get(files.t("exportFile.notes.translationProblem"))).toMatch(/Apertium is not installed/);
    const notesSheet = sheetRows(files.xlsx.workbook.getWorksheet(files.t("exportFile.sheet.notes")) as ExcelJS.Worksheet, 2);
    expect(notesSheet).toContainEqual([files.t("exportFile.notes.untranslated"), "2"]);
  });

  it("neutralises formulas in translated text too, in every format", async () => {
    const consultation = await answered();
    // Apertium's output begins every line with "=": as if a text had become a formula in translation.
    const fake = fakeApertium("formula", `sed -e '/⁂/!s/^./=&/' "$last"`);
    const source = await translatedSource(consultation, "en", { apertium: { command: fake.command } });
    const files = await everyFormat(source);
    const translated = cellsBeside(files, source, FOCUS_FR, "organisation_focus.machine_translation");
    expect(translated.json).toMatch(/^'=/);
    expect(translated).toEqual({ csv: translated.json, xlsx: translated.json, json: translated.json });
  });

  it("translates a page of rows in one Apertium process per language step, never one per cell, and only texts in another language", async () => {
    const consultation = await answered({ additional_comments: "Un deuxième texte" });
    const fake = fakeApertium("upper", `tr 'a-z' 'A-Z' < "$last"`);
    const source = await translatedSource(consultation, "en", { apertium: { command: fake.command } });
    const files = await everyFormat(source);
    expect(cellsBeside(files, source, FOCUS_FR, "additional_comments.machine_translation").json).toBe("UN DEUXIèME TEXTE");
    // Three writes (CSV, XLSX, JSON), each: French through Spanish (two steps) and Spanish (one).
    expect(fake.calls()).toHaveLength(3 * 3);
    expect(files.json.notes.machineTranslation).toMatchObject({ translated: 4, untranslated: 0, unknownLanguage: 2 });
  });

  it("is asked for on the command line with --translate, and left out without it", async () => {
    const consultation = await answered();
    const fake = fakeApertium("upper", `tr 'a-z' 'A-Z' < "$last"`);
    const folder = tempFolder("export-command-");
    const run = async (out: string, ...more: string[]) =>
      exportCommand(getDb(), ["--consultation", consultation.slug, "--format", "csv", "--lang", "en", "--out", out, "--profile", "rapporteur", ...more], { log: () => undefined, error: () => undefined }, { apertium: { command: fake.command } });
    expect(await run(join(folder, "with.csv"), "--translate")).toBe(0);
    expect(await run(join(folder, "without.csv"))).toBe(0);
    const withTranslation = readCsv(readFileSync(join(folder, "with.csv")));
    const without = readCsv(readFileSync(join(folder, "without.csv")));
    const translatedFocus = "ÉDUCATION ET SANTé DES MIGRANTS";
    const column = withTranslation.header.findIndex((header) => header.endsWith("(Apertium, English)"));
    expect(withTranslation.rows.map((row) => row[column])).toContain(translatedFocus);
    expect(without.header.some((header) => header.includes("Apertium"))).toBe(false);
    expect(without.rows.flat()).not.toContain(translatedFocus);
    expect(without.notes.has(translator("en")("exportFile.notes.machineTranslation"))).toBe(false);
  });

  it("is kept with a request made on the exports page, and applied by the background job that writes the file", async () => {
    const consultation = await answered();
    const fake = fakeApertium("upper", `tr 'a-z' 'A-Z' < "$last"`);
    const user = await currentUserFor(demoEmail("rapporteur"));
    const id = await requestExport(getDb(), user, consultation, { format: "csv", language: "en", profile: "rapporteur", values: "labels", filters: {}, translate: true }, { ip: null });
    if (!id) throw new Error("the rapporteur may export");
    expect((await listExports(getDb(), user, consultation.id)).find((item) => item.id === id)).toMatchObject({ translate: true });
    const directory = tempFolder("export-job-");
    expect(await writeRequestedExport(getDb(), id, { directory, progress: async () => true, apertium: { command: fake.command } })).toMatchObject({ rows: 4 });
    const row = await getDb().selectFrom("export_file").select("file_name").where("id", "=", id).executeTakeFirstOrThrow();
    const file = readCsv(readFileSync(join(directory, row.file_name ?? "")));
    expect(file.rows.flat()).toContain("ÉDUCATION ET SANTé DES MIGRANTS");
    expect(file.notes.get(translator("en")("exportFile.notes.machineTranslation"))).toBe("2");
  });
});
