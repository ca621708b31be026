// The consolidated report of a meeting with 1,000 retained proposals (`npm run bench:report`):
// a fresh SQLite database gets the demo and BENCH_PROPOSALS synthetic retained proposals (in three
// languages, consented, attributable) in the meeting's consultations; then the time to read the
// report's input and write its DOCX (target: under 30 s), and, where LibreOffice is installed,
// to convert it to PDF. See bench/README.md.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { reportInput } from "#app/features/reports/assemble.ts";
import { writeReportDocx } from "#app/features/reports/docx.ts";
import { OfficeMissingError, officeToPdf } from "#app/features/reports/pdf.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { connect, type Db } from "#db/connect.ts";
import { migrateToLatest } from "#db/migrate.ts";
import { seed } from "#db/seed.ts";
import { syntheticProposalRow } from "./proposal-rows.ts";
import { random, syntheticProposals } from "./similarity-corpus.ts";

const COUNT = Number(process.env.BENCH_PROPOSALS ?? 1_000);
const TARGET_MS = 30_000;
const BATCH = 200;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function fill(db: Db, meetingId: string): Promise<void> {
  const consultations = await db.selectFrom("consultation").select("id").where("meeting_id", "=", meetingId).execute();
  const organisations = await db.selectFrom("organisation").select(["id", "type", "region_m49"]).where("type", "!=", "secretariat").execute();
  const next = random(31);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const proposals = syntheticProposals(COUNT);
  for (let from = 0; from < proposals.length; from += BATCH) {
    const rows = proposals.slice(from, from + BATCH).map((proposal, offset) =>
      syntheticProposalRow(proposal, from + offset, { consultationId: pick(consultations).id, organisation: pick(organisations) }, { attribution: "attributable", consentToPublish: true, status: "retained", pivotText: null }),
    );
    await db.insertInto("proposal").values(rows).execute();
    const codes = rows.map((row, offset) => ({
      proposal_id: row.id,
      scheme: "gcm_objective" as const,
      code: `gcm-${String(proposals[from + offset]?.objectives[0] ?? 1).padStart(2, "0")}`,
      source: "author" as const,
      created_at: row.created_at,
      created_by: null,
    }));
    await db.insertInto("proposal_code").values(codes).execute();
  }
}

const folder = mkdtempSync(join(tmpdir(), "consulta-bench-report-"));
const db = connect(`file:${join(folder, "bench.db")}`);
try {
  await migrateToLatest(db);
  await registerSurveyVersions(db);
  await seed(db);
  const meeting = await db.selectFrom("meeting").select("id").orderBy("created_at").orderBy("id").executeTakeFirstOrThrow();
  await fill(db, meeting.id);
  const file = join(folder, "report.docx");
  const started = performance.now();
  const input = await reportInput(db, { meetingId: meeting.id }, { language: "fr", profile: "rapporteur" });
  if (!input) throw new Error("The demo meeting is missing");
  const read = performance.now() - started;
  const output = createWriteStream(file);
  const outcome = await writeReportDocx(input, output);
  await finished(output);
  const total = performance.now() - started;
  console.log(`DOCX report of a meeting with ${COUNT} retained proposals (SQLite, fr, rapporteurs' profile):`);
  console.log(`  ${outcome.rows} proposals in the annex, ${input.figures.length} charts, ${(statSync(file).size / 1024).toFixed(0)} KiB`);
  console.log(`  read ${seconds(read)}, total ${seconds(total)} (target under ${seconds(TARGET_MS)}: ${total < TARGET_MS ? "met" : "MISSED"})`);
  try {
    const converting = performance.now();
    await officeToPdf(file);
    console.log(`  PDF through LibreOffice: ${seconds(performance.now() - converting)}`);
  } catch (error) {
    if (!(error instanceof OfficeMissingError)) throw error;
    console.log(`  PDF: skipped, ${error.message}`);
  }
  if (total >= TARGET_MS) process.exitCode = 1;
} finally {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
}
