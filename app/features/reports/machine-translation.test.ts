import { join } from "node:path";
import { PassThrough } from "node:stream";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { translator } from "#app/i18n/i18n.ts";
import { proposalsConsultation } from "#tests/exports.ts";
import { proposalRow } from "#tests/proposal-row.ts";
import { fakeApertium } from "#tests/fake-apertium.ts";
import { tempFolder } from "#tests/temp.ts";
import { writeReportDocx } from "./docx.ts";
import { storedTranslations, withTranslatedAnnex } from "./machine-translation.ts";
import type { ReportInput, ReportProposal } from "./report-input.ts";

const proposal = (id: string, language: string | null, title: string, summary: string): ReportProposal => ({
  id,
  consultation: "Call for proposals",
  kind: "Proposal",
  title,
  summary,
  organisation: null,
  stakeholderType: null,
  region: null,
  language,
  objectives: [],
});

/** A report in English whose annex holds a French, an English and a Spanish proposal, and one of unknown language. */
function input(): ReportInput {
  return {
    language: "en",
    profile: "rapporteur",
    madeAt: "2026-10-02T08:00:00.000Z",
    filters: {},
    scope: { kind: "consultation", title: "Call for proposals", meeting: "IDM 2018", theme: "Partnerships", place: "Geneva", startsOn: "2018-10-08", endsOn: "2018-10-09", description: "" },
    consultations: [],
    participation: [],
    figures: [],
    messages: [],
    matches: [],
    annex: [
      proposal("1", "fr", "Formation entre pairs", "Des échanges entre villes"),
      proposal("2", "en", "Peer training", "Exchanges between cities"),
      proposal("3", "es", "Formación entre pares", "Intercambios entre ciudades"),
      proposal("4", null, "Sans langue", "Texte ancien"),
    ],
    omitted: { merged: 0, withdrawn: 0, countOnly: 0, notConsented: 0, notAttributable: 0 },
  };
}

/** The report written as DOCX and its text read back, one paragraph a line. */
async function reportText(report: ReportInput): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeReportDocx(report, output);
  const xml = (await (await JSZip.loadAsync(Buffer.concat(chunks))).file("word/document.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((paragraph) => [...paragraph[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join("")).join("\n");
}

const t = translator("en");

describe("the report's machine translation of its annex", () => {
  it("puts Apertium's translation under the original of each proposal written in another language, under a visible label, in one batch per language", async () => {
    const fake = fakeApertium("upper", `tr 'a-z' 'A-Z' < "$last"`);
    const text = await reportText(await withTranslatedAnnex(input(), { command: fake.command }));
    expect(text).toContain(`Formation entre pairs\nDes échanges entre villes\n${t("report.machineTranslation")} FORMATION ENTRE PAIRS\nDES éCHANGES ENTRE VILLES\n`);
    expect(text).toContain(`Formación entre pares\nIntercambios entre ciudades\n${t("report.machineTranslation")} FORMACIóN ENTRE PARES\nINTERCAMBIOS ENTRE CIUDADES\n`);
    expect(text).not.toContain("PEER TRAINING");
    expect(text).not.toContain("SANS LANGUE");
    // French through Spanish (two steps), Spanish (one): titles and summaries together.
    expect(fake.calls()).toHaveLength(3);
    expect(text).toContain(`${t("exportFile.notes.machineTranslation")} 2\n${t("exportFile.notes.untranslated")} 0\n${t("exportFile.notes.unknownLanguage")} 1`);
  });

  it("says in the notes that Apertium is missing, and keeps the originals without any translation", async () => {
    const text = await reportText(await withTranslatedAnnex(input(), { command: join(tempFolder("consulta-no-apertium-"), "apertium") }));
    expect(text).toContain("Formation entre pairs\nDes échanges entre villes\n");
    expect(text).not.toContain(t("report.machineTranslation"));
    expect(text).toContain(`${t("exportFile.notes.untranslated")} 2\n`);
    expect(text).toMatch(new RegExp(`${t("exportFile.notes.translationProblem")} Apertium is not installed`));
  });

  it("uses the Spanish translation a proposal already has (its stored pivot text) for a report in Spanish, and asks Apertium only for the rest", async () => {
    const consultation = await proposalsConsultation();
    const id = newId();
    await getDb()
      .insertInto("proposal")
      .values(proposalRow({ id, consultationId: consultation.id, language: "fr", title: "Formation entre pairs", summary: "Des échanges entre villes", pivotText: "Formación entre pares\nIntercambios entre ciudades", at: "2026-09-05T10:00:00.000Z" }))
      .execute();
    const spanish: ReportInput = { ...input(), language: "es", annex: [{ ...proposal(id, "fr", "Formation entre pairs", "Des échanges entre villes") }, proposal("2", "en", "Peer training", "Exchanges between cities")] };
    const fake = fakeApertium("upper", `tr 'a-z' 'A-Z' < "$last"`);
    const text = await reportText(await withTranslatedAnnex(spanish, { command: fake.command }, await storedTranslations(getDb(), spanish)));
    const label = translator("es")("report.machineTranslation");
    expect(text).toContain(`Formation entre pairs\nDes échanges entre villes\n${label} Formación entre pares\nIntercambios entre ciudades\n`);
    expect(text).toContain(`Peer training\nExchanges between cities\n${label} PEER TRAINING\nEXCHANGES BETWEEN CITIES\n`);
    expect(fake.calls().map((call) => call.split(" ")[1])).toEqual(["eng-spa"]);
  });
});
