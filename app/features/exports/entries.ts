import type { Attribution } from "#db/schema.ts";
import { needsConsent, profileAdmits } from "./profiles.ts";
import { noneOmitted, type ExportCell, type ExportProfile, type OmittedCounts } from "./source.ts";

/**
 * The rule for the entries derived from answers (proposals, needs, offers): which are rows of a
 * profile's export and, for the others, why they were left out. One function decides both the
 * count and the rows, so that the notes and the file cannot disagree.
 */
export interface EntryFacts {
  attribution: Attribution | null;
  withdrawn_at: string | null;
  /** Folded into a merged proposal (status `merged`). */
  merged: boolean;
  /** Whether its author consented to publication; null where nobody is asked. */
  consented: boolean | null;
}

export function leftOutAs(entry: EntryFacts, profile: ExportProfile): keyof OmittedCounts | null {
  if (entry.withdrawn_at !== null) return "withdrawn";
  if (entry.merged) return "merged";
  if (!profileAdmits(profile, entry.attribution)) return entry.attribution === "aggregate_only" ? "countOnly" : "notAttributable";
  if (entry.consented === false && needsConsent(profile)) return "notConsented";
  return null;
}

/** The rows a profile exports and the counts of the others, from the entries' facts grouped with their number. */
export function tally(groups: readonly (EntryFacts & { n: number | string | bigint })[], profile: ExportProfile): { expectedRows: number; omitted: OmittedCounts } {
  const omitted = noneOmitted();
  let expectedRows = 0;
  for (const group of groups) {
    const reason = leftOutAs(group, profile);
    if (reason === null) expectedRows += Number(group.n);
    else omitted[reason] += Number(group.n);
  }
  return { expectedRows, omitted };
}

/**
 * The rows of entries read in pages by their id (keyset: memory stays bounded), those the
 * profile leaves out skipped, each page turned into cells at once (so that its codes can be read
 * in one query).
 */
export async function* pagedEntries<Row extends { id: string }>(
  page: (after: string | null, limit: number) => Promise<Row[]>,
  factsOf: (row: Row) => EntryFacts,
  cells: (rows: Row[]) => Promise<ExportCell[][]>,
  profile: ExportProfile,
  pageSize: number,
): AsyncIterable<ExportCell[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await page(after, pageSize);
    yield* await cells(rows.filter((row) => leftOutAs(factsOf(row), profile) === null));
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    after = last.id;
  }
}
