/** The shape of a calendar day, `YYYY-MM-DD`, as `<input type="date">` gives it. */
export const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The shape of a `datetime-local` value, `YYYY-MM-DDTHH:MM`. */
export const LOCAL_DATE_TIME_FORMAT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/**
 * A calendar day (`YYYY-MM-DD`) as midnight UTC; null unless the day exists. JavaScript's own
 * parsing rolls 30 February over into March and answers Invalid Date for month 13, which makes
 * formatting throw: neither may reach a page.
 */
export function parseCalendarDay(text: string): Date | null {
  const match = DAY_FORMAT.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** Whether a `datetime-local` value (`YYYY-MM-DDTHH:MM`) names a day that exists and a time of day. */
export function isLocalDateTime(text: string): boolean {
  const match = LOCAL_DATE_TIME_FORMAT.exec(text);
  return !!match && parseCalendarDay(match[1] as string) !== null && Number(match[2]) <= 23 && Number(match[3]) <= 59;
}

/** A stored instant (ISO 8601) as a Date; null when it cannot be read, so that a page shows it as it is instead of failing. */
export function parseInstant(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
