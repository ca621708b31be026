import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { MAX_WORKBOOK_BYTES, MAX_WORKBOOK_ROWS, readTranslationWorkbook, writeTranslationWorkbook, type TranslationRow } from "./translation-workbook.ts";

const ROWS: TranslationRow[] = [
  { key: "/title", where: "survey", what: "title", en: "Capacity survey", fr: "Questionnaire sur les capacités", es: "Cuestionario sobre capacidades" },
  { key: "/pages/0/title", where: "page ‹intro›", what: "title", en: "About you", fr: "", es: "" },
  { key: "/pages/0/elements/0/title", where: "role", what: "title", en: "=SUM(A1:A2) is not a formula", fr: "", es: "+ plus" },
  { key: "/pages/0/elements/0/choices/0/text", where: "role", what: 'choice "yes"', en: "-1 or @home", fr: "Oui", es: "Sí" },
  { key: "/pages/0/elements/1/description", where: "panel › gaps", what: "description", en: "First line\nSecond line", fr: "Première ligne\nDeuxième ligne", es: "" },
  { key: "/pages/0/elements/2/title", where: "needs", what: "title", en: "Migrants’ needs 🌍", fr: "Besoins des migrants 🌍 — « accès »", es: "Necesidades de los migrantes — año" },
  { key: "/pages/0/elements/3/title", where: "long", what: "title", en: "Long text ".repeat(500), fr: "", es: "" },
];

/** What the reader gives back for rows written. */
const texts = (rows: TranslationRow[]) => rows.map(({ key, en, fr, es }) => ({ key, en: en.trim(), fr: fr.trim(), es: es.trim() }));

async function load(data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(data).buffer);
  return workbook;
}

async function save(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook made by hand: one sheet with the rows given. */
async function handMade(rows: ExcelJS.CellValue[][], sheetName = "Sheet1"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return save(workbook);
}

describe("writeTranslationWorkbook and readTranslationWorkbook", () => {
  for (const language of LANGUAGES) {
    it(`reads back the rows written, in order, in ${language}`, async () => {
      const data = await writeTranslationWorkbook(ROWS, { surveyTitle: "Capacity survey", language });
      expect(await readTranslationWorkbook(data)).toEqual({ ok: true, rows: texts(ROWS) });
    });
  }

  it("names the sheets and headings in the reader's language, and writes every text as a string cell", async () => {
    const workbook = await load(await writeTranslationWorkbook(ROWS, { surveyTitle: "=HYPERLINK(\"x\")", language: "fr" }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Traductions", "Mode d’emploi"]);
    const sheet = workbook.getWorksheet("Traductions") as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, "Clé", "Emplacement", "Type de texte", "Anglais", "Français", "Espagnol"]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const formula = sheet.getRow(4).getCell(4);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe("=SUM(A1:A2) is not a formula");
    expect(sheet.getRow(4).getCell(6).value).toBe("+ plus");
    expect(sheet.getRow(5).getCell(4).value).toBe("-1 or @home");
    expect(sheet.getRow(5).getCell(4).alignment?.wrapText).toBe(true);
    const guide = workbook.getWorksheet("Mode d’emploi") as ExcelJS.Worksheet;
    expect(guide.getRow(1).getCell(1).value).toBe("=HYPERLINK(\"x\")");
    expect(guide.getRow(1).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(String(guide.getRow(3).getCell(1).value)).toContain("colonne Clé");
  });

  it("keeps the key out of the translator's way, and lights the French and Spanish cells still empty", async () => {
    const data = await writeTranslationWorkbook(ROWS, { surveyTitle: "Survey", language: "en" });
    const sheet = (await load(data)).getWorksheet("Translations") as ExcelJS.Worksheet;
    // What Excel reads: the sheet protected without a password, and one rule lighting blank French and Spanish cells.
    const xml = (await (await JSZip.loadAsync(data)).file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(xml).not.toMatch(/<sheetProtection [^>]*hashValue/);
    expect(xml).toMatch(/<conditionalFormatting sqref="E2:F8"><cfRule type="expression"[^>]*><formula>LEN\(TRIM\(E2\)\)=0<\/formula>/);
    expect(sheet.getRow(2).getCell(1).protection?.locked).not.toBe(false);
    expect(sheet.getRow(2).getCell(4).protection?.locked).not.toBe(false);
    expect(sheet.getRow(2).getCell(5).protection?.locked).toBe(false);
    expect(sheet.getRow(2).getCell(6).protection?.locked).toBe(false);
    expect(sheet.getRow(1).getCell(1).note).toBeTruthy();
  });

  it("writes a table without rows, which reads back as none", async () => {
    const data = await writeTranslationWorkbook([], { surveyTitle: "Survey", language: "es" });
    expect(await readTranslationWorkbook(data)).toEqual({ ok: true, rows: [] });
  });

  it("reads a translator's French and Spanish, typed over the written workbook", async () => {
    const workbook = await load(await writeTranslationWorkbook(ROWS, { surveyTitle: "Survey", language: "en" }));
    const sheet = workbook.getWorksheet("Translations") as ExcelJS.Worksheet;
    sheet.getRow(3).getCell(5).value = "  À propos de vous  ";
    sheet.getRow(3).getCell(6).value = { richText: [{ text: "Acerca de " }, { font: { bold: true }, text: "usted" }] };
    sheet.getRow(4).getCell(5).value = { formula: "\"=SOMME\"", result: "=SOMME n’est pas une formule" };
    sheet.getRow(8).getCell(5).value = 42;
    const read = await readTranslationWorkbook(await save(workbook));
    expect(read.ok && read.rows.map((row) => [row.key, row.fr, row.es])).toEqual([
      ["/title", "Questionnaire sur les capacités", "Cuestionario sobre capacidades"],
      ["/pages/0/title", "À propos de vous", "Acerca de usted"],
      ["/pages/0/elements/0/title", "=SOMME n’est pas une formule", "+ plus"],
      ["/pages/0/elements/0/choices/0/text", "Oui", "Sí"],
      ["/pages/0/elements/1/description", "Première ligne\nDeuxième ligne", ""],
      ["/pages/0/elements/2/title", "Besoins des migrants 🌍 — « accès »", "Necesidades de los migrantes — año"],
      ["/pages/0/elements/3/title", "42", ""],
    ]);
  });

  it("keeps texts with formula characters, line breaks, accents, emoji and 5,000 characters whole", async () => {
    const rows: TranslationRow[] = [
      { key: "/a", where: "a", what: "title", en: "=1+1", fr: "@moi", es: "-5" },
      { key: "/b", where: "b", what: "title", en: "One\r\nTwo\nThree", fr: "Un\nDeux\nTrois", es: "Uno\nDos\nTres" },
      { key: "/c", where: "c", what: "title", en: "👩🏽‍💻 naïve café", fr: "Ça évolue — « œuvre »", es: "Niñez, acción ¿sí? ¡no!" },
      { key: "/d", where: "d", what: "title", en: "é".repeat(5_000), fr: "ü🌍".repeat(2_500), es: "x".repeat(5_000) },
    ];
    const read = await readTranslationWorkbook(await writeTranslationWorkbook(rows, { surveyTitle: "Survey", language: "en" }));
    expect(read).toEqual({
      ok: true,
      rows: [
        { key: "/a", en: "=1+1", fr: "@moi", es: "-5" },
        { key: "/b", en: "One\nTwo\nThree", fr: "Un\nDeux\nTrois", es: "Uno\nDos\nTres" },
        { key: "/c", en: "👩🏽‍💻 naïve café", fr: "Ça évolue — « œuvre »", es: "Niñez, acción ¿sí? ¡no!" },
        { key: "/d", en: "é".repeat(5_000), fr: "ü🌍".repeat(2_500), es: "x".repeat(5_000) },
      ],
    });
  });

  it("reads a workbook whose headings are French, in another order, below a line of the translator's own", async () => {
    const data = await handMade([
      ["Relu par Marie"],
      ["Espagnol", "Clé", "Français", "Anglais"],
      ["Sí", "/b", "Oui", "Yes"],
      [null, null, null, null],
      ["", "/a", "Non", "No"],
    ]);
    expect(await readTranslationWorkbook(data)).toEqual({
      ok: true,
      rows: [
        { key: "/b", en: "Yes", fr: "Oui", es: "Sí" },
        { key: "/a", en: "No", fr: "Non", es: "" },
      ],
    });
  });

  it("finds the sheet with the key column, whichever it is, and reads Spanish headings whatever their case", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notas").addRow(["Traducir antes del viernes"]);
    const sheet = workbook.addWorksheet("Tabla");
    sheet.addRow(["CLAVE", "Inglés", "Francés", " español "]);
    sheet.addRow(["/x", "Hello", "Bonjour", "Hola"]);
    expect(await readTranslationWorkbook(await save(workbook))).toEqual({ ok: true, rows: [{ key: "/x", en: "Hello", fr: "Bonjour", es: "Hola" }] });
  });

  it("lets the last row of a key win, at the place of the first, and skips rows without a key", async () => {
    const data = await handMade([
      ["Key", "French"],
      ["/a", "premier"],
      ["/b", "b"],
      ["", "orphelin"],
      ["/a", "second"],
    ]);
    expect(await readTranslationWorkbook(data)).toEqual({
      ok: true,
      rows: [
        { key: "/a", en: "", fr: "second", es: "" },
        { key: "/b", en: "", fr: "b", es: "" },
      ],
    });
  });

  it("refuses a workbook without a key column", async () => {
    expect(await readTranslationWorkbook(await handMade([["Where", "English", "French"], ["role", "Yes", "Oui"]]))).toEqual({ ok: false, reason: "no-key-column" });
    expect(await readTranslationWorkbook(await handMade([]))).toEqual({ ok: false, reason: "no-key-column" });
  });

  it("refuses anything that is not an Excel workbook, without throwing", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082", "hex");
    const zip = new JSZip();
    zip.file("notes.txt", "Key,English\n/a,Yes\n");
    const notWorkbook = await zip.generateAsync({ type: "nodebuffer" });
    zip.file("xl/workbook.xml", "<not a workbook");
    const brokenWorkbook = await zip.generateAsync({ type: "nodebuffer" });
    const truncated = (await writeTranslationWorkbook(ROWS, { surveyTitle: "Survey", language: "en" })).subarray(0, 3_000);
    for (const data of [Buffer.alloc(0), png, notWorkbook, brokenWorkbook, truncated, Buffer.from("Key,English\n/a,Yes\n"), new Uint8Array([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(5_000, 0xff)]) {
      expect(await readTranslationWorkbook(data)).toEqual({ ok: false, reason: "not-xlsx" });
    }
  });

  it("refuses a small zip that would unfold into more than the workbook may hold", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("xl/worksheets/sheet1.xml", new Uint8Array(70 * 1024 * 1024));
    const data = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(data.length).toBeLessThan(MAX_WORKBOOK_BYTES);
    expect(await readTranslationWorkbook(data)).toEqual({ ok: false, reason: "too-large" });
  });

  it("refuses a file over 5 MB and a sheet of more than 20,000 rows", async () => {
    expect(await readTranslationWorkbook(Buffer.alloc(MAX_WORKBOOK_BYTES + 1))).toEqual({ ok: false, reason: "too-large" });
    const rows = Array.from({ length: MAX_WORKBOOK_ROWS + 1 }, (_, index) => [`/${index}`, "x"]);
    expect(await readTranslationWorkbook(await handMade([["Key", "French"], ...rows]))).toEqual({ ok: false, reason: "too-large" });
    expect(await readTranslationWorkbook(await handMade([["Key", "French"], ...rows.slice(1)]))).toMatchObject({ ok: true });
  });
});
