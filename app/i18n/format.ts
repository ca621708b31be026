import type { Language } from "./languages.ts";

/** The Dialogue meets in Geneva: times shown without the reader's zone are in Geneva time. */
export const MEETING_TIME_ZONE = "Europe/Zurich";

export function formatDateRange(startIso: string, endIso: string, language: Language): string {
  const format = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  return format.formatRange(new Date(`${startIso}T00:00:00Z`), new Date(`${endIso}T00:00:00Z`));
}

export function formatDateTime(iso: string, language: Language, timeZone = MEETING_TIME_ZONE): string {
  return new Intl.DateTimeFormat(language, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(iso));
}
