import { formatDateTime } from "#app/i18n/format.ts";
import type { RevisionEntry } from "./responses.ts";

export interface HistoryEntry {
  revision: number;
  action: string;
  /** When, in the reader's language and Geneva time. */
  at: string;
  by: string | null;
  byProxy: boolean;
  /** The titles of the questions whose answers changed, in the reader's language. */
  changed: string[];
}

/** An answer's revisions as a reader sees them: questions by their titles rather than their names. */
export function historyOf(revisions: RevisionEntry[], titles: Map<string, string>, language: string): HistoryEntry[] {
  return revisions.map((revision) => ({
    revision: revision.revision,
    action: revision.action,
    at: formatDateTime(revision.createdAt, language),
    by: revision.userName,
    byProxy: revision.byProxy,
    changed: revision.changedKeys.map((key) => titles.get(key) ?? key),
  }));
}
