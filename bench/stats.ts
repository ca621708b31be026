// What the benches share: a line of output, and the quantiles of a set of timings.

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The value at quantile `q` of samples sorted in increasing order. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Median and p99 of timings in milliseconds, to the microsecond. */
export function timings(samples: readonly number[]): { runs: number; median_ms: number; p99_ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: samples.length, median_ms: +quantile(sorted, 0.5).toFixed(3), p99_ms: +quantile(sorted, 0.99).toFixed(3) };
}
