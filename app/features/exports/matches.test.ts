import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { decideMatch } from "#app/features/matching/decisions.ts";
import { matchingOverview } from "#app/features/matching/matching.ts";
import type { Consultation } from "#db/schema.ts";
import { currentUserFor, demoEmail } from "#tests/helpers.ts";
import { MADE_AT, readCsv, written } from "#tests/exports.ts";
import { writeCsv } from "./csv.ts";
import { matchesExport } from "./matches.ts";
import type { ExportCell, ExportSource } from "./source.ts";

async function rowsOf(source: ExportSource): Promise<ExportCell[][]> {
  const rows: ExportCell[][] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}

async function capacityNeeds(): Promise<Consultation> {
  return getDb().selectFrom("consultation").selectAll().where("slug", "=", "idm-2018-2-capacity-needs").executeTakeFirstOrThrow();
}

describe("the matches export", () => {
  it("holds the meeting's confirmed matches only, with their reasons; the public profile leaves out and counts those a side may not be named in", async () => {
    const db = getDb();
    const rapporteur = await currentUserFor(demoEmail("rapporteur"));
    const consultation = await capacityNeeds();
    const overview = await matchingOverview(db, consultation.meeting_id, "en");
    const suggested = overview.needs.flatMap(({ need, matches }) => matches.filter((match) => match.status === "suggested").map((match) => ({ need, match })));
    const named = suggested.find(({ need, match }) => need.attribution === "attributable" && match.candidate.attribution === "attributable");
    const unnamed = suggested.find(({ need, match }) => need.attribution !== "attributable" || match.candidate.attribution !== "attributable");
    if (!named || !unnamed || named.match.candidate.kind === "need" || unnamed.match.candidate.kind === "need") throw new Error("the demo suggests matches of both kinds");
    const options = { language: "en", profile: "rapporteur", values: "codes", now: MADE_AT } as const;
    expect((await matchesExport(db, rapporteur, consultation, options))?.expectedRows).toBe(0);

    for (const { need, match } of [named, unnamed]) {
      const kind = match.candidate.kind === "need" ? "offer" : match.candidate.kind;
      expect(await decideMatch(db, rapporteur, consultation.meeting_id, { needId: need.id, kind, candidateId: match.candidate.id }, "confirmed", { ip: null })).toMatchObject({ ok: true });
    }
    const source = await matchesExport(db, rapporteur, consultation, options);
    if (!source) throw new Error("a rapporteur may export");
    const keys = source.columns.map((column) => column.key);
    const rows = await rowsOf(source);
    expect(rows).toHaveLength(2);
    const row = rows.find((cells) => cells[keys.indexOf("need")] === named.need.text);
    expect(row?.[keys.indexOf("need_organisation")]).toBe(named.need.organisation);
    expect(row?.[keys.indexOf("candidate")]).toBe(named.match.candidate.text);
    expect(row?.[keys.indexOf("score")]).toBe(named.match.score);
    expect(row?.[keys.indexOf("reasons")]).toBe(named.match.reasons.map((reason) => reason.code).join("; "));
    expect(row?.[keys.indexOf("objective")]).toBe(named.need.objectives[0]?.code);

    const publicSource = await matchesExport(db, rapporteur, consultation, { ...options, profile: "public", values: "labels" });
    if (!publicSource) throw new Error("a rapporteur may export");
    const { bytes, outcome } = await written(writeCsv, publicSource);
    expect(outcome.rows).toBe(1);
    expect(publicSource.omitted.countOnly + publicSource.omitted.notAttributable).toBe(1);
    const { header, rows: csvRows } = readCsv(bytes);
    expect(csvRows).toHaveLength(1);
    expect(csvRows[0]?.[header.indexOf("Reasons")]).toBe(named.match.reasons.map((reason) => reason.label).join("; "));
    expect(JSON.stringify(csvRows)).not.toContain(unnamed.need.text ?? "—");
  });

  it("is refused to whoever may not read every answer", async () => {
    const partner = await currentUserFor(demoEmail("partner"));
    expect(await matchesExport(getDb(), partner, await capacityNeeds(), { language: "fr", profile: "public", values: "labels" })).toBeNull();
  });
});
