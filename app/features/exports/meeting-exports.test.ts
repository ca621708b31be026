import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { meetingConsultations } from "#app/features/consultations/consultations.ts";
import { areasOf, participation, type FigureFilters } from "#app/features/figures/counters.ts";
import type { Consultation, Meeting } from "#db/schema.ts";
import { translator } from "#app/i18n/i18n.ts";
import { MADE_AT, readXlsx, validate } from "#tests/exports.ts";
import { currentUserFor, demoEmail } from "#tests/helpers.ts";
import { exportDocument, meetingExportDocument, type DocumentOptions, type ExportDocument } from "./documents.ts";
import { exportFiltersOf } from "./filters.ts";
import type { ExportKind } from "./source.ts";
import { SHEET_NAMES } from "./xlsx.ts";

interface Part {
  meta: { kind: string; consultation: string; meeting?: string; filters: Record<string, string> };
  columns: { key: string }[];
  rows: (string | number | null)[][];
}

async function bytesOf(document: ExportDocument | null): Promise<Buffer> {
  if (!document) throw new Error("the rapporteur may export");
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  await document.write(output);
  return Buffer.concat(chunks);
}

async function bundleOf(document: ExportDocument | null): Promise<Record<string, Part>> {
  const file: unknown = JSON.parse((await bytesOf(document)).toString("utf8"));
  expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
  return (file as { sources: Record<string, Part> }).sources;
}

const options = (format: DocumentOptions["format"], filters: FigureFilters = {}): DocumentOptions => ({ format, language: "en", profile: "rapporteur", values: "codes", filters, now: MADE_AT });

async function demoMeeting(): Promise<{ meeting: Meeting; consultations: Consultation[] }> {
  const db = getDb();
  const meeting = await db.selectFrom("meeting").selectAll().where("slug", "=", "idm-2018-2").executeTakeFirstOrThrow();
  return { meeting, consultations: await meetingConsultations(db, await currentUserFor(demoEmail("rapporteur")), meeting.id) };
}

/** A row's cell under a column key. */
const cell = (part: Part, row: Part["rows"][number], key: string) => row[part.columns.findIndex((column) => column.key === key)];

describe("a whole meeting's export", () => {
  it("holds, in JSON, every consultation's answers, proposals, needs, offers and figures, the same rows as each consultation's file, and the meeting's matches once", async () => {
    const db = getDb();
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const { meeting, consultations } = await demoMeeting();
    expect(consultations.length).toBeGreaterThan(1);
    const sources = await bundleOf(await meetingExportDocument(db, rapporteur, meeting, consultations, options("json")));
    const expected = [...consultations.flatMap((consultation) => ["answers", "proposals", "needs", "offers", "figures"].map((kind) => `${consultation.slug}/${kind}`)), "matches"];
    expect(Object.keys(sources)).toEqual(expected);
    let answered = 0;
    for (const consultation of consultations) {
      const alone = await bundleOf(await exportDocument(db, rapporteur, consultation, options("json")));
      for (const kind of ["answers", "proposals", "needs", "offers", "figures"]) {
        const part = sources[`${consultation.slug}/${kind}`];
        expect(part?.meta).toMatchObject({ kind, consultation: consultation.slug, meeting: meeting.slug });
        expect(part?.rows, `${consultation.slug}/${kind}`).toEqual(alone[kind]?.rows);
      }
      answered += sources[`${consultation.slug}/answers`]?.rows.length ?? 0;
      expect(sources.matches?.rows).toEqual(alone.matches?.rows);
    }
    const submitted = await db.selectFrom("response").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "in", consultations.map((consultation) => consultation.id)).where("submitted_data", "is not", null).where("attribution", "!=", "aggregate_only").executeTakeFirstOrThrow();
    expect(answered).toBe(Number(submitted.n));
    expect(answered).toBeGreaterThan(0);
  });

  it("names its workbook's sheets by kind and number, and each sheet's notes say the meeting and the consultation", async () => {
    const { meeting, consultations } = await demoMeeting();
    const t = translator("en");
    const workbook = await readXlsx(await bytesOf(await meetingExportDocument(getDb(), await currentUserFor(demoEmail("rapporteur")), meeting, consultations, options("xlsx"))));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([...consultations.flatMap((_, index) => ["answers", "proposals", "needs", "offers", "figures"].map((kind) => `${t(SHEET_NAMES[kind as ExportKind])} ${index + 1}`)), t(SHEET_NAMES.matches), "Codebook", "Notes"]);
    const notes: string[][] = [];
    workbook.getWorksheet("Notes")?.eachRow((row) => notes.push((row.values as unknown[]).slice(1).map(String)));
    const sheets = notes.filter(([label]) => label === "Sheet").map(([, value]) => value);
    expect(sheets).toEqual(names.slice(0, -2));
    expect(notes.filter(([label, value]) => label === "Meeting" && value === meeting.slug)).toHaveLength(sheets.length);
    expect(notes.filter(([label]) => label === "Consultation").map(([, value]) => value).slice(0, 5)).toEqual(Array(5).fill(consultations[0]?.slug));
  });
});

describe("filters on exports", () => {
  it("refuses an unknown region, type or attribution, naming each", () => {
    const { problems } = exportFiltersOf(new URLSearchParams({ region: "999x", type: "state", attribution: "everyone" }), ["ngo"]);
    expect(problems).toEqual(["region", "type", "attribution"]);
    expect(exportFiltersOf(new URLSearchParams({ region: "002", type: "ngo", attribution: "attributable" }), ["ngo"])).toEqual({ filters: { region: "002", stakeholderType: "ngo", attribution: "attributable" }, problems: [] });
  });

  const cases: [string, FigureFilters, (part: Part, row: Part["rows"][number]) => boolean][] = [
    ["region", { region: "002" }, (part, row) => areasOf("002").includes(String(cell(part, row, "region")))],
    ["type", { stakeholderType: "ngo" }, (part, row) => cell(part, row, "stakeholder_type") === "ngo"],
    ["attribution", { attribution: "non_attributable" }, (part, row) => cell(part, row, "attribution") === "non_attributable"],
    ["all three", { region: "150", stakeholderType: "state", attribution: "attributable" }, (part, row) => areasOf("150").includes(String(cell(part, row, "region"))) && cell(part, row, "stakeholder_type") === "state" && cell(part, row, "attribution") === "attributable"],
  ];
  const asParams = (filters: FigureFilters) => Object.fromEntries(Object.entries({ region: filters.region, type: filters.stakeholderType, attribution: filters.attribution }).filter(([, value]) => value !== undefined));
  for (const [name, filters, keeps] of cases) {
    it(`by ${name}: keep exactly the answers, proposals, needs and offers whose own cells match, count the figures within it, and the notes say so`, async () => {
      const { meeting, consultations } = await demoMeeting();
      const rapporteur = await currentUserFor(demoEmail("rapporteur"));
      const all = await bundleOf(await meetingExportDocument(getDb(), rapporteur, meeting, consultations, options("json")));
      const kept = await bundleOf(await meetingExportDocument(getDb(), rapporteur, meeting, consultations, options("json", filters)));
      let some = 0;
      for (const [partName, part] of Object.entries(all)) {
        const filtered = kept[partName] as Part;
        if (["answers", "proposals", "needs", "offers"].includes(part.meta.kind)) {
          expect(filtered.rows, partName).toEqual(part.rows.filter((row) => keeps(part, row)));
          expect(filtered.meta.filters).toEqual(asParams(filters));
          some += filtered.rows.length;
        } else if (part.meta.kind === "figures") {
          // The summary page's counters with the same filters.
          const consultation = consultations.find((each) => each.slug === part.meta.consultation) as Consultation;
          const counts = await participation(getDb(), [consultation], filters);
          const value = (counter: string) => filtered.rows.find((row) => cell(filtered, row, "counter") === counter && cell(filtered, row, "question") === null);
          expect(value("audience")?.at(-1), partName).toBe(counts.audience);
          expect(value("submitted")?.at(-1), partName).toBe(counts.submitted);
          expect(filtered.meta.filters).toEqual(asParams(filters));
        } else {
          expect(filtered.rows, partName).toEqual(part.rows);
          expect(filtered.meta.filters).toEqual({});
        }
      }
      expect(some, "the filter keeps some rows").toBeGreaterThan(0);
    });
  }
});
