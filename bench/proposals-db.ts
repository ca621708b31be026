/**
 * A scratch database of generated proposals for the suggestion and translation benches: one
 * meeting, one consultation, 2,000 partner organisations, and the synthetic corpus of
 * bench/similarity-corpus.ts as proposal rows with their objectives coded.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type Db } from "#db/connect.ts";
import { migrateToLatest } from "#db/migrate.ts";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { newId } from "#app/features/ids.ts";
import { proposalRow } from "#tests/proposal-row.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import type { SimilarityProposal } from "#app/features/proposals/similarity/similar.ts";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";

export interface BenchDatabase {
  db: Db;
  meetingId: string;
  consultationId: string;
  close(): Promise<void>;
}

const STAMP = "2026-09-01T00:00:00.000Z";
/** Answers come in one by one: each row its own second, as the submissions would write them. */
const at = (index: number) => new Date(Date.parse(STAMP) + index * 1_000).toISOString();

/** A migrated SQLite file in a scratch folder (removed on close), with a meeting and a consultation. */
export async function scratchDatabase(): Promise<BenchDatabase> {
  const folder = mkdtempSync(join(tmpdir(), "consulta-bench-proposals-"));
  const db = connect(`file:${join(folder, "bench.db")}`);
  await migrateToLatest(db);
  const meetingId = newId();
  await db.insertInto("meeting").values({ ...IDM_2018_SECOND_SESSION, id: meetingId, created_at: STAMP, updated_at: STAMP }).execute();
  const version = (await registerSurveyVersions(db)).find((survey) => survey.slug === "partnership-proposals");
  const text = { en: "Bench", fr: "Banc d’essai", es: "Banco de pruebas" };
  const consultationId = await createConsultation(
    db,
    null,
    { meetingId, slug: "bench", phase: "pre", kind: "call_for_proposals", audience: ["ngo"], surveySlug: "partnership-proposals", surveyVersionId: version?.versionId ?? "", title: text, description: text, opensAt: STAMP, closesAt: STAMP, publish: true },
    { ip: null },
  );
  await db
    .insertInto("organisation")
    .values(Array.from({ length: 2_000 }, (_, index) => ({ id: `org-${index}`, type: "ngo", name: `Organisation ${index}`, name_key: `organisation ${index}`, acronym: null, country_code: null, region_m49: null, website: null, created_at: STAMP, updated_at: STAMP })))
    .execute();
  return {
    db,
    meetingId,
    consultationId,
    close: async () => {
      await db.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The proposals as rows of the consultation (their pivot text stored or not), 500 per insert. */
export async function insertProposals(db: Db, consultationId: string, proposals: readonly SimilarityProposal[], { translated }: { translated: boolean }): Promise<void> {
  for (let start = 0; start < proposals.length; start += 500) {
    const slice = proposals.slice(start, start + 500);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("proposal")
        .values(
          slice.map((proposal, index) => {
            const pivotText = translated && proposal.language !== "es" ? (proposal.pivotText ?? null) : null;
            return proposalRow({ id: proposal.id, consultationId, language: proposal.language, title: proposal.title, summary: proposal.summary, pivotText, organisationId: proposal.organisationId, partners: (proposal.partners ?? []).join(", "), at: at(start + index) });
          }),
        )
        .execute();
      const codes = slice.flatMap((proposal) =>
        [...new Set(proposal.objectives)].map((number) => ({ proposal_id: proposal.id, scheme: "gcm_objective" as const, code: `gcm-${String(number).padStart(2, "0")}`, source: "author" as const, created_at: STAMP, created_by: null })),
      );
      if (codes.length > 0) await trx.insertInto("proposal_code").values(codes).execute();
    });
  }
}
