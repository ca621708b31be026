import type { PasswordRefusal } from "./throttle.ts";

/**
 * How a page answers a password that was not checked: 429 when the limits refused it, 503 when
 * the server is busy checking others, with Retry-After and a catalogue message either way.
 */
export function answerRefusal(refusal: PasswordRefusal): { status: 429 | 503; message: string; headers: { "Retry-After": string } } {
  const headers = { "Retry-After": String(refusal.retryAfterSeconds) };
  if (refusal.reason === "busy") return { status: 503, message: "signIn.busy", headers };
  const minutes = Math.ceil(refusal.retryAfterSeconds / 60);
  return { status: 429, message: refusal.limit === "successes" ? `signIn.tooManySignIns:${minutes}` : `signIn.throttled:${minutes}`, headers };
}
