// Duplicate suggestions for one proposal against 50,000 (`npm run bench:similarity`): the index's
// build, one query's p50/p95 (with its passages), an addition followed by a query, and Apertium's
// throughput in proposals per second when it is installed. See bench/README.md.
import { SimilarityIndex } from "#app/features/proposals/similarity/similar.ts";
import { availability, translateBatch } from "#app/features/translation/apertium.ts";
import { random, syntheticProposals } from "./similarity-corpus.ts";

const COUNT = Number(process.env.BENCH_PROPOSALS ?? 50_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 500);
const TRANSLATED = Number(process.env.BENCH_TRANSLATED ?? 1_000);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const proposals = syntheticProposals(COUNT + 1);
const extra = proposals.pop();
let started = performance.now();
const index = new SimilarityIndex();
for (const proposal of proposals) index.add(proposal);
index.similar("p0");
console.log(`Index of ${index.size} proposals (en, fr, es) built in ${ms(performance.now() - started)}, first query included.`);

const next = random(7);
for (let i = 0; i < 20; i++) index.similar(`p${Math.floor(next() * COUNT)}`);
const times: number[] = [];
let suggestions = 0;
for (let i = 0; i < QUERIES; i++) {
  const id = `p${Math.floor(next() * COUNT)}`;
  started = performance.now();
  suggestions += index.similar(id).length;
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(`Suggestions for one proposal against ${index.size} (${QUERIES} queries, ${(suggestions / QUERIES).toFixed(1)} suggestions each): p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times[times.length - 1] as number)}`);

if (extra) {
  started = performance.now();
  index.add(extra);
  index.similar(extra.id);
  console.log(`A proposal added, then its suggestions (every norm recomputed once): ${ms(performance.now() - started)}`);
}

const apertium = await availability();
if (TRANSLATED === 0) {
  console.log("Translation throughput: not measured (BENCH_TRANSLATED=0).");
} else if (!apertium.available) {
  console.log(`Translation throughput: not measured (${apertium.message}).`);
} else {
  for (const language of ["en", "fr"] as const) {
    const texts = syntheticProposals(TRANSLATED * 3, 99)
      .filter((proposal) => proposal.language === language)
      .map((proposal) => `${proposal.title}\n${proposal.summary}`);
    started = performance.now();
    const result = await translateBatch(texts, language, "es");
    const seconds = (performance.now() - started) / 1000;
    console.log(
      result.ok
        ? `Translation ${language} -> es with Apertium: ${texts.length} proposals in ${seconds.toFixed(1)} s, ${(texts.length / seconds).toFixed(0)} proposals/s`
        : `Translation ${language} -> es failed: ${result.message}`,
    );
  }
}
