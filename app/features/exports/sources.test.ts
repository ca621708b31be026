import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { counterText, participation } from "#app/features/figures/counters.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Attribution, Consultation } from "#db/schema.ts";
import { insertResponse } from "#tests/consultations.ts";
import { MADE_AT, partner, proposalsConsultation, readCsv, readXlsx, sheetRows, validate, written } from "#tests/exports.ts";
import { currentUserFor, demoEmail } from "#tests/helpers.ts";
import { proposalRow } from "#tests/proposal-row.ts";
import { needsExport, offersExport } from "./capacity.ts";
import { EXCEL_CELL_LIMIT, excelText } from "./cells.ts";
import { writeCsv } from "./csv.ts";
import type { EntriesExportOptions } from "./entry-sources.ts";
import { figuresExport } from "./figures.ts";
import { writeJsonBundle } from "./json.ts";
import { proposalsExport } from "./proposals.ts";
import { rebuildTallies } from "#app/features/figures/tallies.ts";
import { IncompleteExportError, type ExportCell, type ExportKind, type ExportSource } from "./source.ts";
import { SHEET_NAMES, writeWorkbook } from "./xlsx.ts";

const AT = "2026-09-05T10:00:00.000Z";
const LONG = "é".repeat(EXCEL_CELL_LIMIT + 10);

/** A call for proposals with hand-made proposals, needs and offers of four answers: named, unnamed, count only, and hostile text. */
async function fixture() {
  const db = getDb();
  const consultation = await proposalsConsultation();
  const answer = async (name: string, attribution: Attribution) => {
    const organisation = await partner(name);
    const response = await insertResponse(consultation, organisation, "submitted", AT, { attribution, reference: `${name.slice(0, 3).toUpperCase()}-${consultation.slug}` });
    return { organisation, response, attribution };
  };
  const named = await answer("Réseau des diasporas", "attributable");
  const unnamed = await answer("Fundación Sur", "non_attributable");
  const quiet = await answer("Quiet Network", "aggregate_only");
  const proposal = async (from: typeof named | null, title: string, extra: Record<string, unknown> = {}) => {
    const id = newId();
    await db
      .insertInto("proposal")
      .values({
        ...proposalRow({ id, consultationId: consultation.id, language: "fr", title, summary: `${title}: résumé`, organisationId: from?.organisation ?? null, responseId: from?.response ?? null, attribution: from?.attribution ?? null, at: AT }),
        region_m49: "155",
        consent_to_publish: 1,
        ...extra,
      })
      .execute();
    return id;
  };
  const retained = await proposal(named, "=HYPERLINK(1)", { summary: "+41 22 717 91 11", status: "retained", resources_offered: "@SUM(A1)" });
  await db.insertInto("proposal_code").values([
    { proposal_id: retained, scheme: "gcm_objective", code: "gcm-23", source: "author", created_at: AT, created_by: null },
    { proposal_id: retained, scheme: "gcm_objective", code: "gcm-01", source: "rapporteur", created_at: AT, created_by: null },
    { proposal_id: retained, scheme: "support_modality", code: "training", source: "author", created_at: AT, created_by: null },
  ]).execute();
  await db.insertInto("proposal_tag").values([{ proposal_id: retained, tag: "-priorité", created_at: AT, created_by: null }, { proposal_id: retained, tag: "jeunesse", created_at: AT, created_by: null }]).execute();
  await proposal(named, "Sans consentement", { consent_to_publish: 0 });
  await proposal(named, "Longue", { summary: LONG });
  await proposal(unnamed, "Anónima");
  await proposal(quiet, "Secret plan");
  await proposal(named, "Retirée", { withdrawn_at: AT });
  const mergedInto = await proposal(null, "Fusion", { kind: "merged", consent_to_publish: 0, organisation_id: null, status: "under_review" });
  await proposal(named, "Fusionnée", { status: "merged", merged_into_id: mergedInto });

  const item = (from: typeof named, position: number, description: string, withdrawn = false) => ({
    id: newId(),
    consultation_id: consultation.id,
    response_id: from.response,
    question: "offers",
    item_id: newId(),
    position,
    organisation_id: from.organisation,
    stakeholder_type: "ngo",
    region_m49: "155",
    language: "fr",
    attribution: from.attribution,
    description,
    withdrawn_at: withdrawn ? AT : null,
    created_at: AT,
    updated_at: AT,
  });
  const need = { ...item(named, 0, "\tDonnées ventilées"), question: "priority_objectives", objective: "gcm-01", current_capacity: 2 };
  await db.insertInto("capacity_need").values([need, { ...item(unnamed, 1, "Niñez"), question: "priority_objectives", objective: "gcm-07", current_capacity: null }, { ...item(quiet, 0, "Secret"), question: "priority_objectives", objective: "gcm-02", current_capacity: 1 }, { ...item(named, 2, "Retiré", true), question: "priority_objectives", objective: "gcm-03", current_capacity: 3 }]).execute();
  await db.insertInto("capacity_need_code").values([{ need_id: need.id, scheme: "capacity_gap", code: "data" }, { need_id: need.id, scheme: "support_modality", code: "training" }]).execute();
  const offer = item(named, 0, "\rFormation des formateurs");
  await db.insertInto("capacity_offer").values([offer, item(unnamed, 0, "Mentoría"), item(quiet, 0, "Secret")]).execute();
  await db.insertInto("capacity_offer_code").values([{ offer_id: offer.id, scheme: "gcm_objective", code: "gcm-23" }]).execute();
  // Rows written by hand are summed by the rebuild, as `figures:rebuild` does.
  await rebuildTallies(db);
  return { consultation, retained };
}

type Make = (consultation: Consultation, options: EntriesExportOptions) => Promise<ExportSource | null>;
const MAKERS: Record<Exclude<ExportKind, "answers" | "matches">, Make> = {
  proposals: async (consultation, options) => proposalsExport(getDb(), await currentUserFor(demoEmail("rapporteur")), consultation, options),
  needs: async (consultation, options) => needsExport(getDb(), await currentUserFor(demoEmail("rapporteur")), consultation, options),
  offers: async (consultation, options) => offersExport(getDb(), await currentUserFor(demoEmail("rapporteur")), consultation, options),
  figures: async (consultation, options) => figuresExport(getDb(), await currentUserFor(demoEmail("rapporteur")), consultation, options),
};

async function sources(consultation: Consultation, options: Partial<EntriesExportOptions> = {}): Promise<ExportSource[]> {
  const all: ExportSource[] = [];
  for (const make of Object.values(MAKERS)) {
    const source = await make(consultation, { language: "fr", profile: "rapporteur", values: "labels", now: MADE_AT, ...options });
    if (!source) throw new Error("the rapporteur may export");
    all.push(source);
  }
  return all;
}

async function rowsOf(source: ExportSource): Promise<ExportCell[][]> {
  const rows: ExportCell[][] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}

const keyed = (source: ExportSource, rows: ExportCell[][]) => rows.map((row) => Object.fromEntries(source.columns.map((column, index) => [column.key, row[index]])));

/** Every source written to one workbook, one JSON bundle and one CSV each, and read back. */
async function everyFormat(all: ExportSource[]) {
  const workbook = await readXlsx((await written(writeWorkbook, all)).bytes);
  const bundle = await written(writeJsonBundle, all);
  const json = JSON.parse(bundle.bytes.toString("utf8")) as { sources: Record<string, { rows: ExportCell[][]; notes: { omitted: Record<string, number> } }> };
  const t = translator(all[0]?.meta.language ?? "en");
  const perSource = [];
  for (const source of all) {
    const csv = readCsv((await written(writeCsv, source)).bytes);
    const sheet = workbook.getWorksheet(t(SHEET_NAMES[source.meta.kind])) as ExcelJS.Worksheet;
    perSource.push({ source, csv, sheet, xlsxRows: sheetRows(sheet, source.columns.length).slice(1), json: json.sources[source.meta.kind] });
  }
  return { workbook, bundle, document: json as unknown, perSource };
}

describe("proposals, needs, offers and figures, in every format", () => {
  it("write the same rows to a CSV each, one sheet each of a workbook, and one named array each of a JSON bundle valid against the schema", async () => {
    const { consultation } = await fixture();
    const all = await sources(consultation);
    const files = await everyFormat(all);
    expect(validate(files.document), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys((files.document as { sources: object }).sources)).toEqual(["proposals", "needs", "offers", "figures"]);
    const marker = translator("fr")("exportFile.cut");
    for (const { source, csv, sheet, xlsxRows, json } of files.perSource) {
      const rows = await rowsOf(source);
      const kind = source.meta.kind;
      expect(rows.length, kind).toBeGreaterThan(0);
      expect(rows.length, kind).toBe(source.expectedRows);
      expect(json?.rows, kind).toEqual(rows);
      expect(csv.header, kind).toEqual(source.columns.map((column) => column.headers.fr));
      expect(csv.rows, kind).toEqual(rows.map((row) => row.map((value) => (value === null ? "" : String(value)))));
      expect(xlsxRows, kind).toEqual(rows.map((row) => row.map((value) => (value === null ? null : typeof value === "number" ? value : excelText(value, marker)))));
      expect(sheet.views[0], kind).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter, kind).toBeTruthy();
    }
    // The codebook covers every column of every sheet.
    const codebook = sheetRows(files.workbook.getWorksheet("Livre de codes") as ExcelJS.Worksheet, 7).slice(1);
    const t = translator("fr");
    expect(new Set(codebook.map((line) => `${String(line[0])}/${String(line[1])}`))).toEqual(new Set(all.flatMap((source) => source.columns.map((column) => `${t(SHEET_NAMES[source.meta.kind])}/${column.key}`))));
    expect(codebook).toContainEqual([t("exportFile.sheet.proposals"), "gcm_objective_codes", null, "Objectifs du Pacte mondial (codes)", t("exportFile.type.code"), "gcm-23", "23. Coopération internationale et partenariats mondiaux"]);
    // Each sheet's notes, under its name.
    const notes = sheetRows(files.workbook.getWorksheet("Notes") as ExcelJS.Worksheet, 2);
    for (const source of all) expect(notes).toContainEqual([t("exportFile.notes.sheet"), t(SHEET_NAMES[source.meta.kind])]);
  });

  it("proposals: status, GCM objectives as codes and names, other codes, tags; withdrawn, merged and count-only left out and counted", async () => {
    const { consultation } = await fixture();
    const [proposals] = await sources(consultation);
    if (!proposals) throw new Error("no proposals");
    const rows = keyed(proposals, await rowsOf(proposals));
    expect(rows.map((row) => row.title).sort()).toEqual(["'=HYPERLINK(1)", "Anónima", "Fusion", "Longue", "Sans consentement"]);
    const retained = rows.find((row) => row.title === "'=HYPERLINK(1)");
    expect(retained).toMatchObject({
      status: "Retenue",
      gcm_objective_codes: "gcm-01; gcm-23",
      gcm_objective_names: "1. Données précises et ventilées; 23. Coopération internationale et partenariats mondiaux",
      "codes.support_modality": expect.any(String),
      tags: "'-priorité; jeunesse",
      organisation: "Réseau des diasporas",
      summary: "'+41 22 717 91 11",
      resources_offered: "'@SUM(A1)",
    });
    expect(rows.find((row) => row.title === "Anónima")?.organisation).toBeNull();
    expect(proposals.omitted).toEqual({ countOnly: 1, notAttributable: 0, notConsented: 0, withdrawn: 1, merged: 1 });
    const codes = await MAKERS.proposals(consultation, { language: "en", profile: "rapporteur", values: "codes" });
    const coded = keyed(codes as ExportSource, await rowsOf(codes as ExportSource));
    expect(coded.find((row) => row.title === "'=HYPERLINK(1)")).toMatchObject({ status: "retained", kind: "proposal", "codes.support_modality": "training", gcm_objective_codes: "gcm-01; gcm-23" });
  });

  it("public profile: only what may carry its author's name, and of proposals only those consented to; the rest counted in every format's notes", async () => {
    const { consultation } = await fixture();
    const all = await sources(consultation, { profile: "public" });
    const [proposals, needs, offers] = all;
    const titles = keyed(proposals as ExportSource, await rowsOf(proposals as ExportSource)).map((row) => row.title);
    expect(titles.sort()).toEqual(["'=HYPERLINK(1)", "Longue"]);
    expect(proposals?.omitted).toEqual({ countOnly: 1, notAttributable: 2, notConsented: 1, withdrawn: 1, merged: 1 });
    expect(keyed(needs as ExportSource, await rowsOf(needs as ExportSource)).map((row) => row.description)).toEqual(["'\tDonnées ventilées"]);
    expect(needs?.omitted).toEqual({ countOnly: 1, notAttributable: 1, notConsented: 0, withdrawn: 1, merged: 0 });
    expect(offers?.omitted).toEqual({ countOnly: 1, notAttributable: 1, notConsented: 0, withdrawn: 0, merged: 0 });
    const files = await everyFormat(all);
    const t = translator("fr");
    for (const { source, csv, json } of files.perSource) {
      expect(json?.notes.omitted, source.meta.kind).toEqual(source.omitted);
      expect(csv.notes.get(t("exportFile.notes.merged")), source.meta.kind).toBe(String(source.omitted.merged));
      expect(csv.notes.get(t("exportFile.notes.notAttributable")), source.meta.kind).toBe(String(source.omitted.notAttributable));
    }
    expect(JSON.stringify(files.perSource.map((file) => file.json?.rows))).not.toMatch(/Secret|Anónima|Niñez|Mentoría|Sans consentement/);
  });

  it("neutralises formulas in every sheet and never writes a formula cell; cuts an over-long cell with its marker in XLSX only", async () => {
    const { consultation } = await fixture();
    const all = await sources(consultation);
    const files = await everyFormat(all);
    files.workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
    const [proposals, needs, offers] = files.perSource;
    const column = (file: typeof proposals, key: string) => file?.source.columns.findIndex((item) => item.key === key) ?? -1;
    expect(proposals?.xlsxRows.map((row) => row[column(proposals, "title")])).toContain("'=HYPERLINK(1)");
    expect(needs?.xlsxRows.map((row) => row[column(needs, "description")])).toContain("'\tDonnées ventilées");
    expect(offers?.xlsxRows.map((row) => row[column(offers, "description")])).toContain("'\nFormation des formateurs");
    expect(offers?.csv.rows.map((row) => row[column(offers, "description")])).toContain("'\rFormation des formateurs");
    const summaries = (rows: unknown[][]) => rows.map((row) => row[column(proposals, "summary")]).find((value) => typeof value === "string" && value.length > 1000);
    expect(summaries(proposals?.csv.rows ?? [])).toBe(LONG);
    expect(summaries(proposals?.json?.rows ?? [])).toBe(LONG);
    const cut = summaries(proposals?.xlsxRows ?? []) as string;
    expect(cut).toHaveLength(EXCEL_CELL_LIMIT);
    expect(cut.endsWith(translator("fr")("exportFile.cut"))).toBe(true);
  });

  it("figures: each counter with its label, definition and value", async () => {
    const { consultation } = await fixture();
    const figures = (await sources(consultation, { language: "en" }))[3] as ExportSource;
    const rows = keyed(figures, await rowsOf(figures));
    expect(rows).toContainEqual({ counter: counterText("proposalsByStatus", "en").label, definition: counterText("proposalsByStatus", "en").definition, question: null, group: "retained", value: 1 });
    expect(rows).toContainEqual(expect.objectContaining({ counter: counterText("priorityNeeds", "en").label, group: "gcm-01", value: 1 }));
    expect(rows).toContainEqual(expect.objectContaining({ counter: counterText("needsByCode", "en").label, group: "capacity_gap: data", value: 1 }));
    const counts = await participation(getDb(), [consultation]);
    expect(rows).toContainEqual(expect.objectContaining({ counter: counterText("audience", "en").label, value: counts.audience }));
    expect(rows).toContainEqual(expect.objectContaining({ counter: counterText("submitted", "en").label, value: counts.submitted }));
  });

  it("refuses the whole workbook and bundle when one source's rows are not its count", async () => {
    const { consultation } = await fixture();
    const [proposals, needs] = await sources(consultation);
    const overstated = { ...(needs as ExportSource), expectedRows: (needs as ExportSource).expectedRows + 1 };
    for (const write of [writeWorkbook, writeJsonBundle]) {
      const output = new PassThrough();
      output.resume();
      await expect(write([proposals as ExportSource, overstated], output)).rejects.toThrow(IncompleteExportError);
      expect(output.destroyed, write.name).toBe(true);
    }
  });
});
