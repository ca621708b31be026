import { parseCalendarDay, parseInstant } from "#app/features/dates.ts";
import type { Language } from "./languages.ts";

/** The Dialogue meets in Geneva: times shown without the reader's zone are in Geneva time. */
export const MEETING_TIME_ZONE = "Europe/Zurich";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date formatter made once per language, zone and style: making one costs far more than using it. */
export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, options);
    formatters.set(key, format);
  }
  return format;
}

/** Two calendar days as a range; a stored day that does not exist is shown as it is stored, never a failed page. */
export function formatDateRange(startDay: string, endDay: string, language: Language): string {
  const start = parseCalendarDay(startDay);
  const end = parseCalendarDay(endDay);
  if (!start || !end) return `${startDay} – ${endDay}`;
  return dateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).formatRange(start, end);
}

/**
 * A moment in the meeting's time zone, another, or (null) the reader's own; one that cannot be
 * read is shown as it is stored.
 */
export function formatDateTime(iso: string, language: string, timeZone: string | null = MEETING_TIME_ZONE): string {
  const at = parseInstant(iso);
  if (!at) return iso;
  return dateTimeFormat(language, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: timeZone ?? undefined, timeZoneName: "short" }).format(at);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number with the language's separators (12,345 · 12 345 · 12.345). */
export function formatNumber(value: number, language: Language): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language);
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** A language's name as a reader of `language` calls it ("French", "français", "francés"), for running text. */
export function languageName(code: Language, language: Language): string {
  return new Intl.DisplayNames([language], { type: "language" }).of(code) ?? code;
}
