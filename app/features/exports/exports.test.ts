import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Attribution, Consultation } from "#db/schema.ts";
import { insertResponse } from "#tests/consultations.ts";
import { MADE_AT, partner, proposalsConsultation, readCsv, readXlsx, sheetRows, validate, written } from "#tests/exports.ts";
import { currentUserFor, demoEmail } from "#tests/helpers.ts";
import { rebuildDerivedRows } from "#app/features/proposals/derivation.ts";
import { answersExport, type AnswersExportOptions } from "./answers.ts";
import { EXCEL_CELL_LIMIT, excelText } from "./cells.ts";
import { writeCsv } from "./csv.ts";
import { figuresExport } from "./figures.ts";
import { writeJson } from "./json.ts";
import { ContentHash, IncompleteExportError, type ExportCell, type ExportSource } from "./source.ts";
import { writeXlsx } from "./xlsx.ts";

/** References are unique across consultations: made of the organisation's name and the consultation's slug. */
const referenceOf = (consultation: Consultation, name: string) => `${name.replace(/\W/g, "").slice(0, 3).toUpperCase()}-${consultation.slug}`;
const NAMED = "Réseau des diasporas africaines";
const UNNAMED = "Fundación Migración y Desarrollo";
const HOSTILE = '=HYPERLINK("http://evil.example")';

const proposal = (title: string, consent: boolean, extra: Record<string, unknown> = {}) => ({ title, summary: `${title}: summary`, gcm_objectives: ["gcm-01", "gcm-23"], consent_to_publish: consent, ...extra });

/** Four answers: attributable (with a consented and an unconsented proposal), non-attributable, count only, and one of hostile text. */
async function answered() {
  const consultation = await proposalsConsultation();
  let order = 0;
  const submit = async (name: string, attribution: Attribution, language: string, at: string, data: Record<string, unknown>) =>
    insertResponse(consultation, await partner(name, String((order += 1))), "submitted", at, { attribution, language, submitted_data: JSON.stringify(data), reference: referenceOf(consultation, name) });
  const ids = {
    named: await submit(NAMED, "attributable", "fr", "2026-09-05T10:00:00.000Z", {
      organisation_focus: "Éducation, santé et intégration: «ça marche»",
      governance_levels_of_work: ["local", "national"],
      migrant_led: true,
      proposals: [proposal("Formation entre pairs", true), proposal("Données locales", false)],
    }),
    unnamed: await submit(UNNAMED, "non_attributable", "es", "2026-09-06T10:00:00.000Z", {
      organisation_focus: "Niñez migrante y protección",
      migrant_led: false,
      proposals: [proposal("Protección de la niñez", true)],
    }),
    countOnly: await submit("Quiet Network", "aggregate_only", "en", "2026-09-07T10:00:00.000Z", { organisation_focus: "Never to be quoted", proposals: [proposal("Secret plan", true)] }),
    hostile: await submit(HOSTILE, "attributable", "en", "2026-09-08T10:00:00.000Z", {
      organisation_focus: "=1+1",
      contact_role: "+41 22 717 91 11",
      messages_for_marrakech: "-2+3",
      additional_comments: "@SUM(A1:A2)",
      proposals: [proposal("\tTabbed", true, { summary: "\rReturned" }), proposal("Long", true, { summary: "é".repeat(EXCEL_CELL_LIMIT + 10) })],
    }),
  };
  return { consultation, ids };
}

async function sourceFor(consultation: Consultation, options: Partial<AnswersExportOptions> = {}): Promise<ExportSource> {
  const source = await answersExport(getDb(), await currentUserFor(demoEmail("rapporteur")), consultation, { language: "fr", profile: "rapporteur", values: "labels", now: MADE_AT, ...options });
  if (!source) throw new Error("the rapporteur may export");
  return source;
}

async function rowsOf(source: ExportSource): Promise<ExportCell[][]> {
  const rows: ExportCell[][] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}

const t = translator("fr");

/** A source written in the three formats and each read back: its data rows as text (null for an empty cell), its notes by label. */
async function everyFormat(source: ExportSource) {
  const csv = readCsv((await written(writeCsv, source)).bytes);
  const workbook = await readXlsx((await written(writeXlsx, source)).bytes);
  const language = translator(source.meta.language);
  const xlsxRows = sheetRows(workbook.getWorksheet(language("exportFile.sheet.answers")) as ExcelJS.Worksheet, source.columns.length).slice(1);
  const json = JSON.parse((await written(writeJson, source)).bytes.toString("utf8")) as { rows: ExportCell[][]; notes: { omitted: Record<string, number> } };
  const asText = (value: unknown) => (value === null || value === undefined || value === "" ? null : value instanceof Date ? value.toISOString() : String(value));
  return {
    csv: { rows: csv.rows.map((row) => row.map(asText)), notes: csv.notes },
    xlsx: { rows: xlsxRows.map((row) => row.map(asText)), workbook },
    json: { rows: json.rows.map((row) => row.map(asText)), notes: json.notes },
  };
}

describe("an export of a consultation's answers, in every format", () => {
  it("writes the same rows to CSV (with a BOM), XLSX and JSON (valid against its schema), with accents intact and the same hash", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation);
    const rows = await rowsOf(source);
    expect(rows).toHaveLength(3);
    expect(source.expectedRows).toBe(3);
    const keys = source.columns.map((column) => column.key);
    const cell = (row: ExportCell[] | undefined, key: string) => row?.[keys.indexOf(key)];
    // In order of submission; labels in French; the organisation only where it may be named.
    expect(cell(rows[0], "organisation")).toBe("Réseau des diasporas africaines");
    expect(cell(rows[0], "organisation_focus")).toBe("Éducation, santé et intégration: «ça marche»");
    expect(cell(rows[0], "migrant_led")).toBe("Oui");
    expect(cell(rows[0], "governance_levels_of_work")).toBe("Locale; Nationale");
    expect(cell(rows[0], "proposals.1.gcm_objectives")).toBe("1. Données précises et ventilées; 23. Coopération internationale et partenariats mondiaux");
    expect(cell(rows[0], "proposals.2.title")).toBe("Données locales");
    expect(cell(rows[0], "language")).toBe("fr");
    expect(cell(rows[0], "attribution")).toBe(t("reading.use.attributable"));
    expect(cell(rows[0], "submitted_at")).toBe("2026-09-05T10:00:00.000Z");
    expect(cell(rows[1], "organisation")).toBeNull();
    expect(cell(rows[1], "stakeholder_type")).toBe(t("organisationType.ngo"));
    expect(cell(rows[1], "organisation_focus")).toBe("Niñez migrante y protección");
    expect(rows.flat()).not.toContain("Never to be quoted");
    expect(source.columns.find((column) => column.key === "proposals.2.title")?.headers).toEqual({
      en: "Proposals, entry 2: Title of the proposal",
      fr: "Propositions, entrée 2\u202f: Titre de la proposition",
      es: "Propuestas, entrada 2: Título de la propuesta",
    });

    const csv = await written(writeCsv, source);
    const xlsx = await written(writeXlsx, source);
    const json = await written(writeJson, source);

    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const readCsvBack = readCsv(csv.bytes);
    expect(readCsvBack.header).toEqual(source.columns.map((column) => column.headers.fr));
    expect(readCsvBack.rows).toEqual(rows.map((row) => row.map((value) => (value === null ? "" : String(value)))));

    const workbook = await readXlsx(xlsx.bytes);
    const sheet = workbook.getWorksheet(t("exportFile.sheet.answers"));
    if (!sheet) throw new Error("no answers sheet");
    const marker = t("exportFile.cut");
    const back = sheetRows(sheet, keys.length);
    expect(back[0]).toEqual(source.columns.map((column) => column.headers.fr));
    expect(back.slice(1)).toEqual(
      rows.map((row) => row.map((value, index) => (value === null ? null : source.columns[index]?.type === "date" ? new Date(value) : typeof value === "number" ? value : excelText(value, marker)))),
    );
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();

    const document: unknown = JSON.parse(json.bytes.toString("utf8"));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const parsed = document as { rows: ExportCell[][]; columns: { key: string }[]; notes: { rows: number; sha256: string; omitted: Record<string, number> }; meta: { survey: { version: string } } };
    expect(parsed.rows).toEqual(rows);
    expect(parsed.meta.survey.version).toBe(consultation.survey_version_id);

    // One hash, recomputed from the JSON file's keys and rows, stated in every file.
    const recomputed = new ContentHash(source.columns);
    for (const row of parsed.rows) recomputed.line(row);
    const sha256 = recomputed.digest();
    expect(csv.outcome).toEqual({ rows: 3, sha256 });
    expect(xlsx.outcome).toEqual({ rows: 3, sha256 });
    expect(json.outcome).toEqual({ rows: 3, sha256 });
    expect(readCsvBack.notes.get(t("exportFile.notes.sha256"))).toBe(sha256);
    expect(readCsvBack.notes.get(t("exportFile.notes.rows"))).toBe("3");
    expect(readCsvBack.notes.get(t("exportFile.notes.madeAt"))).toBe(MADE_AT.toISOString());
    const notes = new Map(sheetRows(workbook.getWorksheet(t("exportFile.sheet.notes")) as ExcelJS.Worksheet, 2).map(([label, value]) => [label, value]));
    expect(notes.get(t("exportFile.notes.sha256"))).toBe(sha256);
    expect(notes.get(t("exportFile.notes.countOnly"))).toBe("1");
    expect(parsed.notes).toEqual({ rows: 3, sha256, omitted: { countOnly: 1, notAttributable: 0, notConsented: 0, withdrawn: 0, merged: 0 } });
  });

  it("formats the date cells as dates and times, and no other cell", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation);
    const workbook = await readXlsx((await written(writeXlsx, source)).bytes);
    const sheet = workbook.getWorksheet(t("exportFile.sheet.answers"));
    if (!sheet) throw new Error("no answers sheet");
    const dateColumn = source.columns.findIndex((column) => column.type === "date") + 1;
    expect(dateColumn).toBeGreaterThan(0);
    let dates = 0;
    let others = 0;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      row.eachCell((cell, column) => {
        if (column === dateColumn) {
          expect(cell.value).toBeInstanceOf(Date);
          expect(cell.numFmt).toBe("yyyy-mm-dd hh:mm:ss");
          dates += 1;
        } else {
          expect(cell.numFmt, cell.address).toBeUndefined();
          others += 1;
        }
      });
    });
    expect(dates).toBe(3);
    expect(others).toBeGreaterThan(3);
  });
});

describe("formula injection and attribution, in every format", () => {
  it("starts text beginning with = + - @, a tab or a carriage return with an apostrophe, and never writes a formula", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation, { language: "en" });
    const keys = source.columns.map((column) => column.key);
    const files = await everyFormat(source);
    for (const [format, file] of Object.entries(files)) {
      const hostile = file.rows.find((row) => row[keys.indexOf("reference")] === referenceOf(consultation, HOSTILE));
      if (!hostile) throw new Error(`${format}: no hostile row`);
      const at = (key: string) => hostile[keys.indexOf(key)];
      expect(at("organisation"), format).toBe('\'=HYPERLINK("http://evil.example")');
      expect(at("organisation_focus"), format).toBe("'=1+1");
      expect(at("contact_role"), format).toBe("'+41 22 717 91 11");
      expect(at("messages_for_marrakech"), format).toBe("'-2+3");
      expect(at("additional_comments"), format).toBe("'@SUM(A1:A2)");
      expect(at("proposals.1.title"), format).toBe("'\tTabbed");
      // XML keeps a line break of a cell as a line feed.
      expect(at("proposals.1.summary"), format).toBe(format === "xlsx" ? "'\nReturned" : "'\rReturned");
    }
    const sheet = files.xlsx.workbook.getWorksheet("Answers") as ExcelJS.Worksheet;
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it("cuts text over Excel's limit with a visible marker in XLSX only; CSV and JSON keep it whole", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation, { language: "es" });
    const column = source.columns.findIndex((item) => item.key === "proposals.2.summary");
    const files = await everyFormat(source);
    const marker = translator("es")("exportFile.cut");
    const long = (rows: (string | null)[][]) => rows.map((row) => row[column]).find((value) => value && value.length > 1000) ?? "";
    expect(long(files.csv.rows)).toBe("é".repeat(EXCEL_CELL_LIMIT + 10));
    expect(long(files.json.rows)).toBe("é".repeat(EXCEL_CELL_LIMIT + 10));
    expect(long(files.xlsx.rows)).toHaveLength(EXCEL_CELL_LIMIT);
    expect(long(files.xlsx.rows).endsWith(marker)).toBe(true);
    expect(marker).toContain("JSON");
  });

  it("rapporteur profile: quotable answers only, without the organisation that asked not to be named; count-only answers counted in the notes", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation, { profile: "rapporteur" });
    const keys = source.columns.map((column) => column.key);
    const files = await everyFormat(source);
    for (const [format, file] of Object.entries(files)) {
      expect(file.rows.map((row) => row[keys.indexOf("reference")]), format).toEqual([NAMED, UNNAMED, HOSTILE].map((name) => referenceOf(consultation, name)));
      expect(file.rows[1]?.[keys.indexOf("organisation")], format).toBeNull();
      expect(file.rows.flat().join(" "), format).not.toMatch(/Fundación|Quiet Network|Never to be quoted|Secret plan/);
      // Proposals not consented to publication stay in the rapporteurs' file.
      expect(file.rows[0]?.[keys.indexOf("proposals.2.title")], format).toBe("Données locales");
    }
    expect(files.csv.notes.get(t("exportFile.notes.countOnly"))).toBe("1");
    expect(files.csv.notes.get(t("exportFile.notes.notAttributable"))).toBe("0");
    expect(files.json.notes.omitted).toEqual({ countOnly: 1, notAttributable: 0, notConsented: 0, withdrawn: 0, merged: 0 });
  });

  it("public profile: only answers that may be quoted with the name, only the proposals consented to; the rest counted", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation, { profile: "public" });
    const keys = source.columns.map((column) => column.key);
    const files = await everyFormat(source);
    for (const [format, file] of Object.entries(files)) {
      expect(file.rows.map((row) => row[keys.indexOf("reference")]), format).toEqual([NAMED, HOSTILE].map((name) => referenceOf(consultation, name)));
      expect(file.rows[0]?.[keys.indexOf("organisation")], format).toBe("Réseau des diasporas africaines");
      expect(file.rows[0]?.[keys.indexOf("proposals.1.title")], format).toBe("Formation entre pairs");
      expect(file.rows[0]?.[keys.indexOf("proposals.2.title")], format).toBeNull();
      expect(file.rows.flat().join(" "), format).not.toMatch(/Données locales|Niñez|Never to be quoted|Secret plan/);
    }
    expect(files.json.notes.omitted).toEqual({ countOnly: 1, notAttributable: 1, notConsented: 1, withdrawn: 0, merged: 0 });
    expect(files.csv.notes.get(t("exportFile.notes.notConsented"))).toBe("1");
    const notes = sheetRows(files.xlsx.workbook.getWorksheet("Notes") as ExcelJS.Worksheet, 2);
    expect(notes).toContainEqual([t("exportFile.notes.notAttributable"), "1"]);
    expect(notes).toContainEqual([t("exportFile.notes.profile"), t("exportFile.profile.public")]);
  });

  it("counts the entries an amendment withdrew of the answers exported", async () => {
    const { consultation, ids } = await answered();
    const at = "2026-09-10T10:00:00.000Z";
    await getDb()
      .insertInto("proposal")
      .values({ id: newId(), consultation_id: consultation.id, response_id: ids.named, item_id: newId(), question: "proposals", position: 2, kind: "proposal", organisation_id: null, stakeholder_type: "ngo", region_m49: "155", language: "fr", title: "Retirée", summary: "Retirée", partners_named: null, capacity_built: null, beneficiaries: null, resources_needed: null, resources_offered: null, indicators: null, timeline: null, start_readiness: null, attribution: "attributable", consent_to_publish: 1, status: "received", status_reason: null, merged_into_id: null, status_before_merge: null, status_reason_before_merge: null, withdrawn_at: at, pivot_text: null, translated_at: null, created_at: at, updated_at: at })
      .execute();
    const source = await sourceFor(consultation);
    expect(source.omitted.withdrawn).toBe(1);
    expect((await everyFormat(source)).csv.notes.get(t("exportFile.notes.withdrawn"))).toBe("1");
  });
});

describe("a complete file or none", () => {
  /** The same source claiming one row more than its rows give. */
  const overstated = (source: ExportSource): ExportSource => ({ ...source, expectedRows: source.expectedRows + 1 });

  it("fails in every format, before the notes, when the rows written are not the query's count", async () => {
    const { consultation } = await answered();
    const source = overstated(await sourceFor(consultation));
    for (const write of [writeCsv, writeXlsx, writeJson]) {
      const output = new PassThrough();
      const chunks: Buffer[] = [];
      output.on("data", (chunk: Buffer) => chunks.push(chunk));
      await expect(write(source, output)).rejects.toThrow(IncompleteExportError);
      expect(output.destroyed, write.name).toBe(true);
      const text = Buffer.concat(chunks).toString("utf8");
      expect(text, write.name).not.toContain(t("exportFile.notes.sha256"));
      expect(text, write.name).not.toContain('"notes"');
    }
  });

  it("fails when an answer is submitted between the count and the rows", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation);
    await insertResponse(consultation, await partner("Late Partner"), "submitted", "2026-09-20T10:00:00.000Z", { attribution: "attributable", language: "en", submitted_data: "{}" });
    const output = new PassThrough();
    output.resume();
    await expect(writeCsv(source, output)).rejects.toMatchObject({ expected: 3, written: 4 });
  });
});

describe("reading the answers", () => {
  it("reads every answer once, in the same order, in pages of any size", async () => {
    const { consultation } = await answered();
    for (const name of ["One More", "Two More", "Three More"]) {
      await insertResponse(consultation, await partner(name), "submitted", "2026-09-06T10:00:00.000Z", { attribution: "attributable", language: "en", submitted_data: "{}" });
    }
    const whole = await rowsOf(await sourceFor(consultation, { pageSize: 1000 }));
    expect(whole).toHaveLength(6);
    for (const pageSize of [1, 2, 4]) {
      const source = await sourceFor(consultation, { pageSize });
      expect(source.expectedRows).toBe(6);
      expect(await rowsOf(source)).toEqual(whole);
    }
    const organisation = (await sourceFor(consultation)).columns.findIndex((column) => column.key === "organisation");
    expect(new Set(whole.map((row) => row[organisation]))).toEqual(new Set([NAMED, null, HOSTILE, "One More", "Two More", "Three More"].map((name) => (name === HOSTILE ? `'${name}` : name))));
  });

  it("reads the database a page at a time, never all the rows at once", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation, { pageSize: 2 });
    const seen: ExportCell[][] = [];
    for await (const row of source.rows()) {
      seen.push(row);
      // Submitted after the first page was read: only a later page can find it.
      if (seen.length === 1) await insertResponse(consultation, await partner("Later Partner", "f"), "submitted", "2026-09-25T10:00:00.000Z", { attribution: "attributable", language: "en", submitted_data: "{}" });
    }
    expect(seen).toHaveLength(4);
    expect(seen.at(-1)?.[source.columns.findIndex((column) => column.key === "organisation")]).toBe("Later Partner");
  });

  it("shows codes or labels as chosen, in the language chosen, and applies the reader's filters", async () => {
    const { consultation } = await answered();
    const codes = await sourceFor(consultation, { values: "codes", language: "es" });
    const keys = codes.columns.map((column) => column.key);
    const [first] = await rowsOf(codes);
    expect(first?.[keys.indexOf("governance_levels_of_work")]).toBe("local; national");
    expect(first?.[keys.indexOf("proposals.1.gcm_objectives")]).toBe("gcm-01; gcm-23");
    expect(first?.[keys.indexOf("migrant_led")]).toBe("true");
    expect(first?.[keys.indexOf("attribution")]).toBe("attributable");
    expect(first?.[keys.indexOf("region")]).toBe("155");
    expect(codes.columns.find((column) => column.key === "migrant_led")?.codes).toEqual([
      { value: "true", labels: { en: "Yes", fr: "Oui", es: "Sí" } },
      { value: "false", labels: { en: "No", fr: "Non", es: "No" } },
    ]);
    const filtered = await sourceFor(consultation, { filters: { language: "es" } });
    expect(filtered.expectedRows).toBe(1);
    expect(filtered.meta.filters).toEqual({ language: "es" });
    expect(await rowsOf(filtered)).toHaveLength(1);
  });

  it("is refused to anyone who may not read every answer", async () => {
    const { consultation } = await answered();
    for (const role of ["focal_point", "partner"] as const) {
      expect(await answersExport(getDb(), await currentUserFor(demoEmail(role)), consultation, { language: "en", profile: "public", values: "labels" })).toBeNull();
    }
  });

  it("writes a codebook of every column: its question, label, type, and each code with its label", async () => {
    const { consultation } = await answered();
    const source = await sourceFor(consultation, { language: "en" });
    const workbook = await readXlsx((await written(writeXlsx, source)).bytes);
    const codebook = workbook.getWorksheet("Codebook") as ExcelJS.Worksheet;
    const lines = sheetRows(codebook, 7);
    expect(lines[0]).toEqual(["Sheet", "Column", "Question", "Label", "Type", "Code", "Meaning"]);
    expect(new Set(lines.slice(1).map((line) => line[1]))).toEqual(new Set(source.columns.map((column) => column.key)));
    expect(lines).toContainEqual(["Answers", "proposals.3.gcm_objectives", "proposals", "Proposals, entry 3: Which objectives of the Global Compact does it support most directly?", "Code from a list", "gcm-23", "23. International cooperation and global partnerships"]);
    expect(lines).toContainEqual(["Answers", "submitted_at", null, "Submitted on", "Date and time (UTC)", null, null]);
    expect(codebook.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });
});

describe("an export of answers in parts", () => {
  it("writes a table's cells, a multiple text's boxes, a ranking and an 'other' text in their own columns, the same in CSV, XLSX and JSON", async () => {
    const consultation = await proposalsConsultation();
    const tx = (en: string, fr: string, es: string) => ({ default: en, fr, es });
    const definition = {
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "matrixdropdown",
              name: "plan",
              title: tx("Plan", "Plan", "Plan"),
              rows: [{ value: "y1", text: tx("First year", "Première année", "Primer año") }],
              columns: [
                { name: "level", title: tx("Level", "Niveau", "Nivel"), cellType: "dropdown", choices: [{ value: "hi", text: tx("High", "Élevé", "Alto") }], showOtherItem: true },
                { name: "funded", title: tx("Funded", "Financé", "Financiado"), cellType: "boolean" },
              ],
            },
            { type: "matrixdynamic", name: "staff", title: tx("Staff", "Personnel", "Personal"), maxRowCount: 2, columns: [{ name: "who", title: tx("Who", "Qui", "Quién"), cellType: "text" }] },
            { type: "multipletext", name: "contact", title: tx("Contact", "Contact", "Contacto"), items: [{ name: "person", title: tx("Person", "Personne", "Persona") }] },
            { type: "ranking", name: "order", title: tx("Order", "Ordre", "Orden"), choices: [{ value: "a", text: tx("Access", "Accès", "Acceso") }, { value: "b", text: tx("Budget", "Budget", "Presupuesto") }] },
          ],
        },
      ],
    };
    const versionId = createHash("sha256").update(`${consultation.id}${JSON.stringify(definition)}`).digest("hex");
    await getDb().insertInto("survey_version").values({ id: versionId, slug: "parts", definition: JSON.stringify(definition), created_at: MADE_AT.toISOString() }).execute();
    await getDb().updateTable("consultation").set({ survey_version_id: versionId }).where("id", "=", consultation.id).execute();
    const inParts = { ...consultation, survey_version_id: versionId };
    const answers = { plan: { y1: { level: "other", "level-Comment": "=Medium", funded: true } }, staff: [{ who: "Ana" }, { who: "Ben" }], contact: { person: "Ana" }, order: ["b", "a"] };
    await insertResponse(inParts, await partner(NAMED, "p1"), "submitted", "2026-09-05T10:00:00.000Z", { attribution: "attributable", language: "fr", submitted_data: JSON.stringify(answers), survey_version_id: versionId });

    const source = await sourceFor(inParts);
    const keys = source.columns.map((column) => column.key);
    expect(keys.filter((key) => /^(plan|staff|contact|order)\b/.test(key))).toEqual(["plan.y1.level", "plan.y1.level-Comment", "plan.y1.funded", "staff.1.who", "staff.2.who", "contact.person", "order"]);
    expect(source.columns.find((column) => column.key === "plan.y1.funded")?.headers.fr).toBe("Plan\u202f: Première année\u202f: Financé");
    const [row] = await rowsOf(source);
    const cell = (key: string) => row?.[keys.indexOf(key)];
    expect([cell("plan.y1.level"), cell("plan.y1.level-Comment"), cell("plan.y1.funded"), cell("staff.2.who"), cell("contact.person"), cell("order")]).toEqual(["Autre (préciser)", "'=Medium", "Oui", "Ben", "Ana", "Budget; Accès"]);

    const files = await everyFormat(source);
    const asText = row?.map((value) => (value === null ? null : String(value)));
    expect(files.csv.rows).toEqual([asText]);
    expect(files.xlsx.rows).toEqual([asText?.map((value, index) => (source.columns[index]?.type === "date" && value !== null ? new Date(value).toISOString() : value))]);
    expect(files.json.rows).toEqual([asText]);
    const document: unknown = JSON.parse((await written(writeJson, source)).bytes.toString("utf8"));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);

    // The figures count a table's closed cells under the table, as a repeated panel's (ADR 0025).
    await rebuildDerivedRows(getDb(), MADE_AT);
    const figures = await figuresExport(getDb(), await currentUserFor(demoEmail("rapporteur")), inParts, { language: "fr", profile: "rapporteur", values: "codes", now: MADE_AT });
    const figureRows: ExportCell[][] = [];
    for await (const figure of figures?.rows() ?? []) figureRows.push(figure);
    const figureKeys = figures?.columns.map((column) => column.key) ?? [];
    const about = (question: string) => figureRows.filter((figure) => figure[figureKeys.indexOf("question")] === question).map((figure) => [figure[figureKeys.indexOf("counter")], figure[figureKeys.indexOf("group")], figure[figureKeys.indexOf("value")]]);
    expect(about("plan.funded")).toEqual([
      ["answered", null, 1],
      ["choiceCount", "true", 1],
      ["choiceShare", "true", 1],
    ]);
    expect(about("order")).toContainEqual(["rankMean", "b", 1]);
  });
});
