import { readFileSync } from "node:fs";
import { PassThrough, type Writable } from "node:stream";
import { Ajv } from "ajv";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { getDb } from "#app/db.server.ts";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { newId } from "#app/features/ids.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import type { Consultation } from "#db/schema.ts";

/** What the export tests share: a consultation and partners to export, and the files read back. */

export const MADE_AT = new Date("2026-10-02T08:00:00Z");
export const schema: object = JSON.parse(readFileSync(new URL("../app/features/exports/export-schema.json", import.meta.url), "utf8"));
export const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/** A published call for partnership proposals. */
export async function proposalsConsultation(): Promise<Consultation> {
  const db = getDb();
  const version = (await registerSurveyVersions(db)).find((survey) => survey.slug === "partnership-proposals");
  const meeting = await db.selectFrom("meeting").select("id").orderBy("created_at").orderBy("id").executeTakeFirstOrThrow();
  const id = await createConsultation(
    db,
    null,
    {
      meetingId: meeting.id,
      slug: `proposals-${newId().slice(0, 8)}`,
      phase: "pre",
      kind: "call_for_proposals",
      audience: ["ngo", "diaspora", "academia"],
      surveySlug: "partnership-proposals",
      surveyVersionId: version?.versionId ?? "",
      title: { en: "Call for proposals", fr: "Appel à propositions", es: "Convocatoria de propuestas" },
      description: { en: "Before", fr: "Avant", es: "Antes" },
      opensAt: "2026-09-01T08:00:00.000Z",
      closesAt: "2026-09-30T22:00:00.000Z",
      publish: true,
    },
    { ip: null, now: new Date("2026-08-01T00:00:00Z") },
  );
  return db.selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** A partner organisation; `first` (a hex digit) places it among the others, as answers are read in the order of their organisations' ids. */
export async function partner(name: string, first?: string): Promise<string> {
  const id = first === undefined ? newId() : `${first}${newId().slice(1)}`;
  const [type, country, region] = ["ngo", "FR", "155"];
  const at = "2026-01-01T00:00:00.000Z";
  await getDb()
    .insertInto("organisation")
    .values({ id, type, name, name_key: `${name.toLowerCase()}-${id}`, acronym: null, country_code: country, region_m49: region, website: null, created_at: at, updated_at: at })
    .execute();
  return id;
}

/** Runs a writer into memory: the bytes written and its outcome. */
export async function written<S, O>(write: (source: S, output: Writable) => Promise<O>, source: S): Promise<{ bytes: Buffer; outcome: O }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const outcome = await write(source, output);
  return { bytes: Buffer.concat(chunks), outcome };
}

/** A CSV export read back: the header, the data rows and the notes (label to value). */
export function readCsv(bytes: Buffer) {
  const records: string[][] = parse(bytes, { bom: true, relax_column_count: true });
  const blank = records.findIndex((record) => record.length === 1 && record[0] === "");
  return { header: records[0] ?? [], rows: records.slice(1, blank), notes: new Map(records.slice(blank + 1).map((record) => [record[0], record[1]])) };
}

export async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

export function sheetRows(sheet: ExcelJS.Worksheet, width: number): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(Array.from({ length: width }, (_, index) => values[index] ?? null));
  });
  return rows;
}

