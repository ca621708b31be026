import { parseInstant } from "#app/features/dates.ts";
import { dateTimeFormat, MEETING_TIME_ZONE } from "./format.ts";

/** Minutes a time zone is ahead of UTC at a moment. */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    dateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A `datetime-local` value read as Geneva time, as an ISO instant; null when malformed. */
export function genevaLocalToIso(local: string, timeZone: string = MEETING_TIME_ZONE): string | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(naive)) return null;
  let instant = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  instant = naive - offsetMinutes(new Date(instant), timeZone) * 60_000;
  const iso = new Date(instant).toISOString();
  // Out-of-range parts (month 13, 25 o'clock) would roll over: refuse what does not read back the same.
  return isoToGenevaLocal(iso, timeZone) === local ? iso : null;
}

/** An ISO instant as a `datetime-local` value in Geneva time; empty (a field to fill again) when it cannot be read. */
export function isoToGenevaLocal(iso: string, timeZone: string = MEETING_TIME_ZONE): string {
  const at = parseInstant(iso);
  if (!at) return "";
  const shifted = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
