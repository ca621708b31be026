// One load run with autocannon, the same tool and flags for the app and for the baseline.
import autocannon from "autocannon";
import type { RequestSource } from "./workload.ts";

export const CONNECTIONS = 50;

export interface LoadOptions {
  /** Seconds of load. */
  duration: number;
  /** Requests per second over all connections; full speed when absent. */
  rate?: number;
  /** Called every second with the requests answered so far, for long runs. */
  onTick?: (answered: number) => void;
}

export interface LoadFigures {
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  answered: number;
  /** Answers other than 2xx, network errors and timeouts: a healthy run has none. */
  failed: number;
  /** The failed answers by status code, and errors/timeouts, to tell what went wrong. */
  failures: Record<string, number>;
}

function failuresOf(result: autocannon.Result): Record<string, number> {
  const failures: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith("2") && stats.count) failures[code] = stats.count;
  }
  if (result.errors) failures.errors = result.errors;
  if (result.timeouts) failures.timeouts = result.timeouts;
  return failures;
}

export async function load(base: string, source: RequestSource, options: LoadOptions): Promise<LoadFigures> {
  let answered = 0;
  let ticker: NodeJS.Timeout | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: options.duration,
        ...(options.rate ? { overallRate: options.rate } : {}),
        timeout: 10,
        requests: [{ setupRequest: (request) => ({ ...request, ...source.next() }) }],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", () => {
      answered += 1;
    });
    if (options.onTick) ticker = setInterval(() => options.onTick?.(answered), 1_000);
  }).finally(() => clearInterval(ticker));
  return {
    requests_per_s: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    answered: result["2xx"] + result.non2xx,
    failed: result.non2xx + result.errors + result.timeouts,
    failures: failuresOf(result),
  };
}
