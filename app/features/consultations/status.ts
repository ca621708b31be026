import type { Consultation } from "#db/schema.ts";

export const CONSULTATION_STATUSES = ["draft", "scheduled", "open", "closed"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

type Timing = Pick<Consultation, "opens_at" | "closes_at" | "published_at" | "opened_early_at" | "closed_early_at">;

/**
 * Where a consultation stands at a moment: draft until the secretariat publishes it, then
 * scheduled, open and closed by the clock; opening or closing early moves it sooner.
 */
export function consultationStatus(consultation: Timing, now: Date = new Date()): ConsultationStatus {
  const at = now.toISOString();
  if (consultation.closed_early_at && consultation.closed_early_at <= at) return "closed";
  if (!consultation.published_at && !consultation.opened_early_at) return "draft";
  if (consultation.closes_at <= at) return "closed";
  if (consultation.opens_at <= at || (consultation.opened_early_at && consultation.opened_early_at <= at)) return "open";
  return "scheduled";
}

/** The moment answers stop being accepted. */
export function closingTime(consultation: Pick<Consultation, "closes_at" | "closed_early_at">): string {
  return consultation.closed_early_at && consultation.closed_early_at < consultation.closes_at ? consultation.closed_early_at : consultation.closes_at;
}
