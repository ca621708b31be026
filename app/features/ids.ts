import { randomUUID } from "node:crypto";

export function newId(): string {
  return randomUUID();
}

export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export function addDays(date: Date, days: number): Date {
  return addMinutes(date, days * 24 * 60);
}
