import type { Consultation, Meeting } from "#db/schema.ts";
import { closingTime } from "#app/features/consultations/status.ts";
import { formatDateRange, formatDateTime } from "#app/i18n/format.ts";
import { localized, type Language } from "#app/i18n/languages.ts";

/**
 * What a survey's texts may name of the consultation that asks it, written `{meeting_title}` and
 * so on: one survey serves many meetings, and each reader sees the meeting, its dates and the
 * closing time of their consultation, in their language. SurveyJS fills them as variables
 * (its own text processing); texts shown outside SurveyJS go through `fillPlaceholders`. No
 * server code here: the answering page fills texts with it in the browser too.
 */
export const SURVEY_PLACEHOLDERS = ["meeting_title", "meeting_theme", "meeting_place", "meeting_dates", "closes_at"] as const;
export type SurveyPlaceholder = (typeof SURVEY_PLACEHOLDERS)[number];
export type PlaceholderValues = Record<SurveyPlaceholder, string>;

type MeetingTexts = Pick<Meeting, "starts_on" | "ends_on" | `${"title" | "theme" | "place"}_${Language}`>;

function meetingDates(meeting: MeetingTexts, language: Language): string {
  try {
    return formatDateRange(meeting.starts_on, meeting.ends_on, language);
  } catch {
    // A stored date Intl cannot read must not take the answering page down: show it as stored.
    return `${meeting.starts_on} – ${meeting.ends_on}`;
  }
}

/** The values for a consultation of a meeting, in the reader's language. */
export function placeholderValues(meeting: MeetingTexts, consultation: Pick<Consultation, "closes_at" | "closed_early_at">, language: Language): PlaceholderValues {
  return {
    meeting_title: localized(meeting, "title", language),
    meeting_theme: localized(meeting, "theme", language),
    meeting_place: localized(meeting, "place", language),
    meeting_dates: meetingDates(meeting, language),
    closes_at: formatDateTime(closingTime(consultation), language),
  };
}

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

/** A text with the known placeholders filled; any other `{…}` is left as it is. */
export function fillPlaceholders(text: string, values: Partial<Record<string, string>> | null | undefined): string {
  if (!values) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** The placeholder names a text uses (`{name}`, SurveyJS's own and question names included). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] as string);
}
