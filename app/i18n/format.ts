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

export function formatDateRange(startIso: string, endIso: string, language: Language): string {
  const format = dateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  return format.formatRange(new Date(`${startIso}T00:00:00Z`), new Date(`${endIso}T00:00:00Z`));
}

export function formatDateTime(iso: string, language: Language, timeZone = MEETING_TIME_ZONE): string {
  return dateTimeFormat(language, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(iso));
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
