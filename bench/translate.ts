// Translation throughput (`npm run bench:translate`): generated English and French proposals
// written untranslated into a scratch database, then translated by the background job's own
// function (batches of TRANSLATION_BATCH, one Apertium process per language step and batch),
// in proposals per second. Needs Debian's Apertium; says so and stops without it. See bench/README.md.
import { translatePendingProposals } from "#app/features/proposals/translations.ts";
import { availability } from "#app/features/translation/apertium.ts";
import { syntheticProposals } from "./similarity-corpus.ts";
import { insertProposals, scratchDatabase } from "./proposals-db.ts";

const COUNT = Number(process.env.BENCH_TRANSLATED ?? 1_500);

const apertium = await availability();
if (!apertium.available) {
  console.log(`Translation throughput: not measured (${apertium.message}).`);
  process.exit(0);
}
const bench = await scratchDatabase();
try {
  // A third of the corpus is Spanish and needs no translation: the figure counts those translated.
  await insertProposals(bench.db, bench.consultationId, syntheticProposals(COUNT, 99), { translated: false });
  const started = performance.now();
  const { translated } = await translatePendingProposals(bench.db);
  const seconds = (performance.now() - started) / 1000;
  console.log(`Translation job: ${translated} English and French proposals into Spanish in ${seconds.toFixed(1)} s, ${(translated / seconds).toFixed(0)} proposals/s`);
} finally {
  await bench.close();
}
