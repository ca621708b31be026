// Duplicate suggestions through the app's own function (`npm run bench:suggestions`): a SQLite
// database of 50,000 generated proposals in three languages, the meeting's index built by the
// first question, then p50/p95 of `suggestionsFor` (the freshness check, the index, the rows
// shown and their passages), then a question after a write (the index refreshed). See bench/README.md.
import { suggestionsFor } from "#app/features/proposals/suggestions.ts";
import { random, syntheticProposals } from "./similarity-corpus.ts";
import { insertProposals, scratchDatabase } from "./proposals-db.ts";

const COUNT = Number(process.env.BENCH_PROPOSALS ?? 50_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 500);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
// Apertium's availability is asked once a minute by the page; here it is left out of the figures.
const options = { language: "en" as const, availability: async () => ({ available: true as const }) };

const bench = await scratchDatabase();
try {
  let started = performance.now();
  await insertProposals(bench.db, bench.consultationId, syntheticProposals(COUNT), { translated: true });
  console.log(`${COUNT} proposals written in ${ms(performance.now() - started)}.`);

  started = performance.now();
  await suggestionsFor(bench.db, "p0", options);
  console.log(`Index of the meeting built by the first question in ${ms(performance.now() - started)}.`);

  const next = random(11);
  for (let i = 0; i < 20; i++) await suggestionsFor(bench.db, `p${Math.floor(next() * COUNT)}`, options);
  const times: number[] = [];
  let shown = 0;
  for (let i = 0; i < QUERIES; i++) {
    const id = `p${Math.floor(next() * COUNT)}`;
    started = performance.now();
    const result = await suggestionsFor(bench.db, id, options);
    times.push(performance.now() - started);
    if (result.ok) shown += result.suggestions.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `suggestionsFor one proposal against ${COUNT} (${QUERIES} questions, ${(shown / QUERIES).toFixed(1)} suggestions each): p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times[times.length - 1] as number)}`,
  );

  await bench.db.updateTable("proposal").set({ summary: "Mobile consular units in farming areas.", pivot_text: "Unidades consulares móviles en zonas agrícolas.", updated_at: new Date().toISOString() }).where("id", "=", "p1").execute();
  started = performance.now();
  await suggestionsFor(bench.db, "p2", options);
  console.log(`A question after one proposal was edited (its row read again, every norm recomputed): ${ms(performance.now() - started)}`);
} finally {
  await bench.close();
}
