import type { Db } from "#db/connect.ts";
import { getMeeting } from "#app/features/meetings/meetings.ts";
import { publishedProposals, type PublishedProposals, type PublishedView } from "#app/features/proposals/published.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import { listKeyMessages, type KeyMessageView } from "./key-messages.ts";

/**
 * What anyone may read of a meeting's outcome, in one language: only agreed messages, and the
 * proposals their authors consented to publish (one page of them), attribution applied.
 */
export interface PublicOutcome {
  meeting: { id: string; title: string; theme: string; place: string; startsOn: string; endsOn: string; description: string };
  messages: KeyMessageView[];
  proposals: PublishedProposals;
}

/** A message's citations as the public sees them: whose quote it is, not the answer's receipt reference nor a proposal its author may not have published. */
export function forThePublic(message: KeyMessageView): KeyMessageView {
  return { ...message, citations: message.citations.map((citation) => ({ ...citation, source: { ...citation.source, reference: null, question: null, proposal: null } })) };
}

/**
 * How long one process reuses what it read: a crowd reloading the page during the meeting costs
 * one read per language every half minute. A change made by the rapporteurs shows at once in the
 * process that made it (see `forgetPublicOutcomes`), and within this time in the others. Each
 * page of proposals (and objective filtered by) is kept on its own; only pages that exist are kept,
 * so that made-up addresses cannot fill the cache.
 */
export const PUBLIC_CACHE_MS = 30_000;

const cache = new Map<string, { at: number; value: PublicOutcome | null }>();

/** Reads a meeting's public outcome, or null when there is no such meeting. */
export async function publicOutcome(db: Db, meetingId: string, language: Language, now: number = Date.now(), view: PublishedView = {}): Promise<PublicOutcome | null> {
  const key = `${meetingId}:${language}:${view.objective ?? ""}:${view.page ?? 1}`;
  const cached = cache.get(key);
  if (cached && now - cached.at < PUBLIC_CACHE_MS) return cached.value;
  const meeting = await getMeeting(db, meetingId);
  const value: PublicOutcome | null = meeting
    ? {
        meeting: {
          id: meeting.id,
          title: localized(meeting, "title", language),
          theme: localized(meeting, "theme", language),
          place: localized(meeting, "place", language),
          description: localized(meeting, "description", language),
          startsOn: meeting.starts_on,
          endsOn: meeting.ends_on,
        },
        messages: (await listKeyMessages(db, meeting.id, { language, agreedOnly: true })).map(forThePublic),
        proposals: await publishedProposals(db, meeting.id, language, view),
      }
    : null;
  // Unknown ids, objectives and pages are not kept: anyone could fill the cache with them.
  if (value && (view.objective ?? null) === value.proposals.objective && (view.page ?? 1) === value.proposals.page) cache.set(key, { at: now, value });
  return value;
}

/** Drops what this process keeps of a meeting's public outcome, after the rapporteurs or an answer's authors changed it. */
export function forgetPublicOutcomes(meetingId?: string): void {
  if (!meetingId) return cache.clear();
  for (const key of cache.keys()) if (key.startsWith(`${meetingId}:`)) cache.delete(key);
}
