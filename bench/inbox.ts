// The rapporteurs' inbox against 50,000 proposals (`npm run bench:inbox`): a fresh SQLite database
// (and a fresh PostgreSQL one on the server BENCH_DATABASE_URL names) gets the demo and 50,000
// synthetic proposals in three languages; then, warm, the p50/p95 of the inbox's query (count and
// page) with three filters and a search term, over several terms and filters, and of the plain first
// page. See bench/README.md.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCurrentUser, type CurrentUser } from "#app/features/auth/current-user.ts";
import { listInbox, type InboxView } from "#app/features/proposals/inbox.ts";
import { registerSurveyVersions } from "#app/features/surveys/versions.ts";
import { GUIDING_PRINCIPLES } from "#app/features/taxonomy/taxonomy.ts";
import { connect, type Db } from "#db/connect.ts";
import { migrateToLatest } from "#db/migrate.ts";
import { ATTRIBUTIONS, PROPOSAL_STATUSES } from "#db/schema.ts";
import { seed } from "#db/seed.ts";
import { createScratchDatabase, databaseExists, type ScratchDatabase } from "#tests/scratch-postgres.ts";
import { syntheticProposalRow } from "./proposal-rows.ts";
import { random, syntheticProposals } from "./similarity-corpus.ts";

const COUNT = Number(process.env.BENCH_PROPOSALS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const BATCH = 500;
const TAGS = ["priority", "to-check", "financing", "data", "cities", "labour", "returns", "youth", "gender", "marrakech"];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function fill(db: Db): Promise<void> {
  const consultations = await db.selectFrom("consultation").select("id").execute();
  const organisations = await db.selectFrom("organisation").select(["id", "type", "region_m49"]).where("type", "!=", "secretariat").execute();
  const next = random(9);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const proposals = syntheticProposals(COUNT);
  const started = performance.now();
  for (let from = 0; from < proposals.length; from += BATCH) {
    await db.transaction().execute(async (trx) => {
      const batch = proposals.slice(from, from + BATCH).map((proposal, offset) => {
        const organisation = pick(organisations);
        const attribution = next() < 0.8 ? "attributable" : pick(ATTRIBUTIONS);
        const place = { consultationId: pick(consultations).id, organisation };
        const use = { attribution, consentToPublish: false, status: pick(PROPOSAL_STATUSES), pivotText: proposal.language === "es" ? null : (proposal.pivotText ?? null) };
        return { proposal, row: syntheticProposalRow(proposal, from + offset, place, use) };
      });
      await trx.insertInto("proposal").values(batch.map((item) => item.row)).execute();
      const codes = batch.flatMap(({ proposal, row }) => [
        ...[...new Set(proposal.objectives)].map((objective) => ({ proposal_id: row.id, scheme: "gcm_objective" as const, code: `gcm-${String(objective).padStart(2, "0")}` })),
        { proposal_id: row.id, scheme: "guiding_principle" as const, code: pick(GUIDING_PRINCIPLES).value },
      ]);
      await trx
        .insertInto("proposal_code")
        .values(codes.map((code) => ({ ...code, source: "author" as const, created_at: "2018-07-01T00:00:00.000Z", created_by: null })))
        .execute();
      const tags = batch.filter(() => next() < 0.3).map(({ row }) => ({ proposal_id: row.id, tag: pick(TAGS), created_at: "2018-07-01T00:00:00.000Z", created_by: null }));
      if (tags.length) await trx.insertInto("proposal_tag").values(tags).execute();
    });
  }
  console.log(`  ${COUNT} proposals (en, fr, es) with their codes, tags and search index written in ${ms(performance.now() - started)}.`);
}

/** The inbox's query with three filters and a search term: several terms in the three languages, several filters. */
function searches(consultations: string[]): Partial<InboxView>[] {
  return [
    { language: "fr", status: "received", objective: "gcm-05", q: "formation" },
    { consultation: consultations[0], stakeholderType: "state", attribution: "attributable", q: "migrants" },
    { region: "019", status: "under_review", principle: "human-rights", q: "remesas" },
    { language: "en", tag: "priority", objective: "gcm-18", q: "vocational training" },
    { consultation: consultations[1], language: "es", status: "retained", q: "formaciones profesionales" },
    { region: "150", attribution: "non_attributable", objective: "gcm-23", q: "coopération" },
  ];
}

async function measure(db: Db, user: CurrentUser, views: Partial<InboxView>[]): Promise<{ p50: number; p95: number; rows: number }> {
  const base: InboxView = { withdrawn: "exclude", sort: "newest", page: 1 };
  for (const view of views) await listInbox(db, user, { ...base, ...view }, "en");
  const times: number[] = [];
  let rows = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const view of views) {
      const started = performance.now();
      const page = await listInbox(db, user, { ...base, ...view }, "en");
      times.push(performance.now() - started);
      rows += page.total;
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows: Math.round(rows / times.length) };
}

async function bench(label: string, db: Db, filled = false): Promise<void> {
  console.log(`${label}:`);
  await migrateToLatest(db);
  if (!filled) {
    await registerSurveyVersions(db);
    await seed(db);
    await fill(db);
  }
  const rapporteur = await db.selectFrom("user").select("id").where("email", "=", "rapporteur@consulta.test").executeTakeFirstOrThrow();
  const user = await loadCurrentUser(db, rapporteur.id, "bench");
  if (!user) throw new Error("No rapporteur in the demo");
  const consultations = (await db.selectFrom("consultation").select("id").orderBy("id").execute()).map((row) => row.id);
  const filtered = await measure(db, user, searches(consultations));
  console.log(`  three filters and a search term (${searches(consultations).length} views × ${ROUNDS}, ${filtered.rows} matches on average): p50 ${ms(filtered.p50)}, p95 ${ms(filtered.p95)}`);
  const plain = await measure(db, user, [{}, { page: 500 }, { sort: "updated", page: 2 }]);
  console.log(`  plain pages (first page newest first, page 500, page 2 by last change): p50 ${ms(plain.p50)}, p95 ${ms(plain.p95)}`);
  const byTitle = await measure(db, user, [{ sort: "title" }]);
  console.log(`  first page of all 50,000 by title (the reader's collation): p50 ${ms(byTitle.p50)}, p95 ${ms(byTitle.p95)}`);
}

// BENCH_SQLITE_FILE keeps the SQLite database (filled once, reused by the next runs) for looking into plans.
const kept = process.env.BENCH_SQLITE_FILE;
const folder = kept ? undefined : mkdtempSync(join(tmpdir(), "consulta-bench-inbox-"));
try {
  const file = kept ?? join(folder ?? "", "bench.db");
  const filled = kept !== undefined && existsSync(kept);
  const sqlite = connect(`file:${file}`);
  try {
    await bench("SQLite", sqlite, filled);
  } finally {
    await sqlite.destroy();
  }
} finally {
  if (folder) rmSync(folder, { recursive: true, force: true });
}

const postgres = process.env.BENCH_DATABASE_URL;
// BENCH_POSTGRES_KEEP=name keeps the PostgreSQL database of that name in the same way.
const keptPostgres = process.env.BENCH_POSTGRES_KEEP;
if (postgres) {
  const url = new URL(postgres);
  let scratch: ScratchDatabase | undefined;
  let filledBefore = false;
  if (keptPostgres) {
    url.pathname = `/${keptPostgres}`;
    filledBefore = await databaseExists(postgres, keptPostgres);
    if (!filledBefore) await createScratchDatabase(postgres, keptPostgres);
  } else {
    scratch = await createScratchDatabase(postgres, `consulta_bench_inbox_${Date.now()}`);
  }
  const db = connect(scratch?.url ?? url.toString());
  try {
    await bench("PostgreSQL", db, filledBefore);
  } finally {
    await db.destroy();
    await scratch?.drop();
  }
}
