import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { Language } from "#app/i18n/languages.ts";
import type { AnswerProblem } from "./validate.ts";

/**
 * survey-core's check of a submission, off the event loop. A survey the compiled rules do not
 * cover (docs/decisions/0006) is checked by survey-core on a fresh model: tens of milliseconds of
 * CPU per check, which on the main thread would hold every other request back. The checks run in
 * a small pool of worker threads (piscina) instead, at most one per spare core, started on first
 * use and stopped when idle.
 */

export interface SurveyCoreVerdict {
  problems: AnswerProblem[];
  shown: Record<string, unknown>;
}

let pool: Piscina | null = null;

/**
 * The worker's module: built next to the server's bundle (`npm run build` writes
 * build/server/survey-core-worker.js), or the TypeScript source, loaded through tsx, when the app
 * runs from its sources (tests, `npm run dev`).
 */
function worker(): { filename: string; execArgv: string[] } {
  const built = new URL("./survey-core-worker.js", import.meta.url);
  if (built.protocol === "file:" && existsSync(fileURLToPath(built))) return { filename: built.href, execArgv: [] };
  return { filename: new URL("./survey-core-worker.ts", import.meta.url).href, execArgv: ["--import", "tsx"] };
}

/** How many checks run at once: a core is left to the requests, and at least one check runs. */
export const SURVEY_CORE_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));

function thePool(): Piscina {
  if (!pool) {
    const { filename, execArgv } = worker();
    pool = new Piscina({ filename, execArgv, minThreads: 0, maxThreads: SURVEY_CORE_THREADS, idleTimeout: 60_000 });
  }
  return pool;
}

/** survey-core's verdict on answers already checked for shape, from a worker thread. */
export async function checkWithSurveyCore(definition: object, answers: Record<string, unknown>, language: Language): Promise<SurveyCoreVerdict> {
  return (await thePool().run({ definition, answers, language })) as SurveyCoreVerdict;
}

/** Stops the pool's threads (at shutdown, and after tests); the next check starts it again. */
export async function closeSurveyCorePool(): Promise<void> {
  const running = pool;
  pool = null;
  await running?.destroy();
}
