import { PassThrough } from "node:stream";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { formatValue } from "#app/components/charts/numbers.ts";
import { needsByObjective, participation } from "#app/features/figures/counters.ts";
import { newId } from "#app/features/ids.ts";
import { importResponse } from "#app/features/responses/responses.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Attribution, Consultation, ProposalStatus } from "#db/schema.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { demoEmail } from "#tests/helpers.ts";
import { proposalRow } from "#tests/proposal-row.ts";
import { reportInput, type ReportOptions } from "./assemble.ts";
import { annexHash, writeReportDocx, type ReportOutcome } from "./docx.ts";
import { REPORT_FIGURES, type ReportInput } from "./report-input.ts";

/*
 * A meeting of its own with one consultation addressed to a stakeholder type of its own (so that
 * the seeded organisations stay out of every count): three answers (attributable, not to be
 * named, count only) and retained proposals covering every rule of the export profiles.
 */
const TYPE = "fixture_report";
const NAMED = "Réseau des diasporas africaines";
const UNNAMED = "Fundación Migración y Desarrollo";
const SCRIPT = "<script>alert('x')</script> & =1+1";
const MADE_AT = new Date("2026-10-02T08:00:00Z");

interface Fixture {
  meetingId: string;
  consultation: Consultation;
}

async function organisation(name: string): Promise<string> {
  const id = newId();
  const at = DURING.toISOString();
  await getDb().insertInto("organisation").values({ id, type: TYPE, name, name_key: `${name.toLowerCase()} ${id}`, acronym: null, country_code: null, region_m49: "011", website: null, created_at: at, updated_at: at }).execute();
  return id;
}

async function fixture(): Promise<Fixture> {
  const db = getDb();
  const meetingId = newId();
  const at = DURING.toISOString();
  const words = (en: string) => ({ en, fr: `${en} (fr)`, es: `${en} (es)` });
  const [title, theme, place, description] = [words("Dialogue on reports"), words("Partnerships"), words("Geneva"), words("A meeting for the report's tests")];
  await db
    .insertInto("meeting")
    .values({
      id: meetingId,
      slug: `report-${meetingId.slice(0, 8)}`,
      ...{ title_en: title.en, title_fr: title.fr, title_es: title.es, theme_en: theme.en, theme_fr: theme.fr, theme_es: theme.es },
      ...{ description_en: description.en, description_fr: description.fr, description_es: description.es, place_en: place.en, place_fr: place.fr, place_es: place.es },
      starts_on: "2026-10-08",
      ends_on: "2026-10-09",
      created_at: at,
      updated_at: at,
    })
    .execute();
  const created = await capacityConsultation();
  await db.updateTable("consultation").set({ meeting_id: meetingId, audience: JSON.stringify([TYPE]) }).where("id", "=", created.id).execute();
  const consultation = await db.selectFrom("consultation").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
  const admin = await db.selectFrom("user").select("id").where("email", "=", demoEmail("admin")).executeTakeFirstOrThrow();
  const answer = async (organisationId: string, attribution: Attribution, objective: string) => {
    const result = await importResponse(db, {
      consultation,
      organisationId,
      userId: admin.id,
      answers: { ...MINIMAL_CAPACITY_ANSWERS, priority_objectives: [{ objective, current_capacity: 2, capacity_gaps: ["data-evidence"], support_modalities: ["technical-assistance"] }] },
      status: "submitted",
      attribution,
      language: "en",
      at: DURING,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.responseId;
  };
  const [named, unnamed, quiet] = [await organisation(NAMED), await organisation(UNNAMED), await organisation("Quiet Network")];
  const namedAnswer = await answer(named, "attributable", "gcm-01");
  await answer(unnamed, "non_attributable", "gcm-01");
  await answer(quiet, "aggregate_only", "gcm-02");
  const proposal = async (title: string, organisationId: string | null, attribution: Attribution | null, consent: boolean, status: ProposalStatus = "retained", withdrawn = false) =>
    db
      .insertInto("proposal")
      .values({ ...proposalRow({ id: newId(), consultationId: consultation.id, language: "fr", title, summary: `${title}: summary ${SCRIPT}`, organisationId, attribution, status, withdrawn, at }), consent_to_publish: consent ? 1 : 0 })
      .execute();
  await proposal("Public named", named, "attributable", true);
  await proposal("Named not consented", named, "attributable", false);
  await proposal("Unnamed consented", unnamed, "non_attributable", true);
  await proposal("Secret count only", quiet, "aggregate_only", true);
  await proposal("Folded in", named, "attributable", true, "merged");
  await proposal("Taken back", named, "attributable", true, "retained", true);
  await proposal("Not kept", named, "attributable", true, "not_retained");
  const messageId = newId();
  await db
    .insertInto("key_message")
    .values({ id: messageId, meeting_id: meetingId, position: 1, title: "Data first", body: `Para ${SCRIPT}\n\n- one point`, language: "en", status: "agreed", agreed_by: admin.id, agreed_at: at, created_by: admin.id, created_at: at, updated_by: admin.id, updated_at: at })
    .execute();
  await db
    .insertInto("key_message")
    .values({ id: newId(), meeting_id: meetingId, position: 2, title: "Still a draft", body: "Not agreed yet", language: "en", status: "draft", agreed_by: null, agreed_at: null, created_by: admin.id, created_at: at, updated_by: admin.id, updated_at: at })
    .execute();
  await db
    .insertInto("key_message_citation")
    .values({ id: newId(), key_message_id: messageId, position: 1, response_id: namedAnswer, proposal_id: null, question: "coordinating_institution", quote: "Secretaría", created_by: admin.id, created_at: at })
    .execute();
  return { meetingId, consultation };
}

interface Paragraph {
  style: string | null;
  /** The outline level the navigation pane reads, from 0; null for body text. */
  outline: number | null;
  text: string;
}

interface ReadBack {
  outcome: ReportOutcome;
  xml: string;
  paragraphs: Paragraph[];
  text: string;
  /** Each table's rows, as the text of their cells. */
  tables: string[][][];
}

const unescape = (xml: string) => xml.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const textOf = (xml: string) => unescape([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(""));

/** Builds the report and reads its word/document.xml back: paragraphs with their styles, tables, text. */
async function report(fixture: Fixture, options: Partial<ReportOptions> = {}, change: (input: ReportInput) => ReportInput = (input) => input): Promise<ReadBack> {
  const read = await reportInput(getDb(), { meetingId: fixture.meetingId }, { language: "fr", profile: "rapporteur", now: MADE_AT, ...options });
  if (!read) throw new Error("the meeting exists");
  const input = change(read);
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const outcome = await writeReportDocx(input, output);
  const zip = await JSZip.loadAsync(Buffer.concat(chunks));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map((match) => {
    const body = match[1] ?? match[2] ?? "";
    const outline = /<w:outlineLvl w:val="(\d)"\/>/.exec(body)?.[1];
    return { style: /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1] ?? null, outline: outline === undefined ? null : Number(outline), text: textOf(body) };
  });
  const tables = [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/g)].map((table) => [...(table[1] ?? "").matchAll(/<w:tr>(.*?)<\/w:tr>|<w:tr [^>]*>(.*?)<\/w:tr>/g)].map((row) => [...(row[1] ?? row[2] ?? "").matchAll(/<w:tc>(.*?)<\/w:tc>/g)].map((cell) => textOf(cell[1] ?? ""))));
  return { outcome, xml, paragraphs, text: paragraphs.map((paragraph) => paragraph.text).join("\n"), tables };
}

const headingsOf = (read: ReadBack, style: string) => read.paragraphs.filter((paragraph) => paragraph.style === style).map((paragraph) => paragraph.text);

describe("the consolidated report (DOCX)", () => {
  let data: Fixture;
  let rapporteur: ReadBack;
  let forPublic: ReadBack;
  beforeAll(async () => {
    data = await fixture();
    rapporteur = await report(data);
    forPublic = await report(data, { profile: "public" });
  });

  it("puts its sections, figures and proposals under Word's heading styles, in the report's language", () => {
    const t = translator("fr");
    expect(headingsOf(rapporteur, "Title")).toEqual([t("report.title.meeting", { title: "Dialogue on reports (fr)" })]);
    expect(headingsOf(rapporteur, "Heading1")).toEqual([t("report.about"), t("report.meeting"), t("report.method"), t("report.participation"), t("report.figures"), t("keyMessages.title"), t("report.matches"), t("report.annex"), t("report.notes")]);
    const second = headingsOf(rapporteur, "Heading2");
    for (const figure of REPORT_FIGURES) expect(second).toContain(t(`report.figure.${figure}`));
    expect(second).toEqual(expect.arrayContaining(["Besoins en capacités", "Data first", "Public named", "Unnamed consented", "Named not consented"]));
    for (const paragraph of rapporteur.paragraphs) {
      const level = /^Heading(\d)$/.exec(paragraph.style ?? "")?.[1];
      expect(paragraph.outline, paragraph.text).toBe(level === undefined ? null : Number(level) - 1);
    }
  });

  it("lists the confirmed matches with the reasons they fit, and says so when there are none", async () => {
    const t = translator("fr");
    expect(rapporteur.text).toContain(t("report.noMatches"));
    const party = { id: "p", region: "Amérique latine", language: "es", objectives: [], gaps: [], modalities: [] };
    const match = {
      id: "m1",
      objective: { code: "gcm-01", label: "Objectif 1" },
      need: { ...party, kind: "need" as const, organisation: "Guatemala", attribution: "attributable" as const, text: "Registres <b>civils</b>" },
      candidate: { ...party, kind: "offer" as const, organisation: null, attribution: "non_attributable" as const, text: "Formation des agents" },
      score: 7,
      reasons: [{ code: "same-objective", label: t("matching.reason.same-objective") }, { code: "same-region", label: t("matching.reason.same-region") }],
      decidedAt: "2026-11-20T10:00:00.000Z",
    };
    const read = await report(data, {}, (input) => ({ ...input, matches: [match] }));
    expect(read.text).not.toContain(t("report.noMatches"));
    expect(read.tables).toContainEqual([
      [t("report.matchObjective"), t("report.matchNeed"), t("report.matchAnswer"), t("report.matchReasons")],
      ["Objectif 1", "Registres <b>civils</b> (Guatemala)", `${t("matching.kind.offer")}: Formation des agents (${t("proposal.notNamed")})`, `${t("matching.reason.same-objective")}; ${t("matching.reason.same-region")}`],
    ]);
  });

  it("gives every image alt text: the chart's title and description", () => {
    const pictures = [...rapporteur.xml.matchAll(/<wp:docPr ([^>]*)\/?>/g)].map((match) => match[1] ?? "");
    // Every figure of the fixture has data: one picture each.
    expect(pictures).toHaveLength(REPORT_FIGURES.length);
    expect((rapporteur.xml.match(/<pic:pic\b/g) ?? []).length).toBe(pictures.length);
    const t = translator("fr");
    for (const figure of REPORT_FIGURES) {
      const picture = pictures.find((attributes) => attributes.includes(`title="${t(`report.figure.${figure}`)}"`));
      expect(picture, figure).toBeDefined();
      expect(/descr="([^"]{20,})"/.exec(picture ?? "")?.[1]).toContain(t(`report.figure.${figure}`));
    }
  });

  it("states the counters the figures define, with their definitions, and the figures' numbers", async () => {
    const counts = await participation(getDb(), [data.consultation]);
    expect(counts).toEqual({ audience: 3, submitted: 3, rate: 1 });
    const t = translator("fr");
    const counterRows = rapporteur.tables.flat().filter((row) => row.length === 3);
    expect(counterRows).toEqual(
      expect.arrayContaining([
        [t("figures.counters.audience.label"), formatValue(counts.audience, "fr", "count"), t("figures.counters.audience.definition")],
        [t("figures.counters.submitted.label"), formatValue(counts.submitted, "fr", "count"), t("figures.counters.submitted.definition")],
        [t("figures.counters.responseRate.label"), formatValue(1, "fr", "percent"), t("figures.counters.responseRate.definition")],
      ]),
    );
    const objectives = await needsByObjective(getDb(), [data.consultation]);
    expect(objectives.map((row) => [row.objective, row.needs])).toEqual([["gcm-01", 2], ["gcm-02", 1]]);
    const priorities = rapporteur.tables.find((table) => table[0]?.[0] === t("report.figureCategory.priorities"));
    expect(priorities?.slice(1).map((row) => row[1])).toEqual(objectives.map((row) => formatValue(row.needs, "fr", "count")));
  });

  it("lists for rapporteurs every quotable retained proposal, without the organisation that asked not to be named", () => {
    const proposals = headingsOf(rapporteur, "Heading2");
    expect(proposals).toEqual(expect.arrayContaining(["Public named", "Named not consented", "Unnamed consented"]));
    for (const left of ["Secret count only", "Folded in", "Taken back", "Not kept"]) expect(rapporteur.text).not.toContain(left);
    expect(rapporteur.text).toContain(NAMED);
    expect(rapporteur.text).not.toContain(UNNAMED);
    expect(rapporteur.outcome.rows).toBe(3);
    const t = translator("fr");
    expect(rapporteur.text).toContain(`${t("report.omitted.merged")} 1`);
    expect(rapporteur.text).toContain(`${t("report.omitted.withdrawn")} 1`);
    expect(rapporteur.text).toContain(`${t("report.omitted.countOnly")} 1`);
    expect(rapporteur.text).toContain(`${t("report.omitted.notConsented")} 0`);
  });

  it("lists for the public only consented proposals that may carry their author's name, and counts the others", () => {
    const proposals = headingsOf(forPublic, "Heading2");
    expect(proposals).toContain("Public named");
    for (const left of ["Named not consented", "Unnamed consented", "Secret count only", "Folded in", "Taken back"]) expect(forPublic.text).not.toContain(left);
    expect(forPublic.outcome.rows).toBe(1);
    const t = translator("fr");
    expect(forPublic.text).toContain(`${t("report.omitted.notConsented")} 1`);
    expect(forPublic.text).toContain(`${t("report.omitted.notAttributable")} 1`);
    expect(forPublic.text).toContain(`${t("report.omitted.countOnly")} 1`);
  });

  it("gives rapporteurs every key message, drafts marked, and the public the agreed ones only, with their citations", () => {
    const t = translator("fr");
    expect(headingsOf(rapporteur, "Heading2")).toEqual(expect.arrayContaining(["Data first", "Still a draft"]));
    expect(rapporteur.text).toContain(`Still a draft\n${t("keyMessages.draft")}\nNot agreed yet`);
    expect(headingsOf(forPublic, "Heading2")).toContain("Data first");
    expect(forPublic.text).not.toContain("Still a draft");
    expect(forPublic.text).toContain(`${t("report.quote", { quote: "Secretaría" })} — ${NAMED}, Besoins en capacités`);
  });

  it("keeps a script payload as plain text, exactly as written", () => {
    expect(rapporteur.xml).not.toMatch(/<script/i);
    expect(rapporteur.xml).toContain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; =1+1");
    expect(rapporteur.text).toContain(`Public named: summary ${SCRIPT}`);
    expect(rapporteur.text).toContain(`Para ${SCRIPT}`);
  });

  it("states when it was made, the filters, its rows and a content hash that does not change with the time", async () => {
    const t = translator("fr");
    expect(rapporteur.text).toContain(`${t("exportFile.notes.madeAt")} ${MADE_AT.toISOString()}`);
    expect(rapporteur.text).toContain(`${t("report.rows")} 3`);
    expect(rapporteur.text).toContain(`${t("exportFile.notes.sha256")} ${rapporteur.outcome.sha256}`);
    expect(rapporteur.outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    const later = await report(data, { now: new Date("2026-11-01T00:00:00Z") });
    expect(later.outcome.sha256).toBe(rapporteur.outcome.sha256);
    expect(forPublic.outcome.sha256).not.toBe(rapporteur.outcome.sha256);
    const filtered = await report(data, { filters: { region: "150" } });
    // In words in the report's language, then as the address gives them.
    expect(filtered.text).toContain(`${t("exportFile.notes.filters")} Europe (region=150)`);
    expect(filtered.outcome.rows).toBe(0);
  });

  it("reads the same input to the same hash", async () => {
    const input = await reportInput(getDb(), { meetingId: data.meetingId }, { language: "fr", profile: "rapporteur", now: MADE_AT });
    expect(input && annexHash(input)).toBe(rapporteur.outcome.sha256);
  });

  it("is null for a meeting or consultation that does not exist", async () => {
    expect(await reportInput(getDb(), { meetingId: newId() }, { language: "en", profile: "public" })).toBeNull();
    expect(await reportInput(getDb(), { consultationId: newId() }, { language: "en", profile: "public" })).toBeNull();
  });

  it("reports on one consultation, with the key messages that cite it", async () => {
    const input = await reportInput(getDb(), { consultationId: data.consultation.id }, { language: "es", profile: "rapporteur", now: MADE_AT });
    expect(input?.scope).toMatchObject({ kind: "consultation", title: "Necesidades de capacidad", meeting: "Dialogue on reports (es)" });
    expect(input?.messages.map((message) => message.title)).toEqual(["Data first"]);
    expect(input?.annex).toHaveLength(3);
  });
});
