/**
 * How long the answering page waits for the server before treating a request as lost, like a
 * dropped connection. Without a limit, one connection that is never answered (a server process
 * that died holding it, a network that drops packets silently) would leave the page waiting for
 * good: every later save queued behind it, or the survey never shown.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * `fetch` and the JSON body of its answer, rejected like a lost connection when no whole answer
 * came within `timeoutMs` (an AbortError) or the body is not JSON (a SyntaxError).
 */
export async function fetchWithTimeout(url: string, init: Omit<RequestInit, "signal">, timeoutMs = REQUEST_TIMEOUT_MS): Promise<{ status: number; ok: boolean; json: unknown }> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    // The body is read under the same limit: a server can stall half-way through it too.
    const json: unknown = await response.json();
    return { status: response.status, ok: response.ok, json };
  } finally {
    clearTimeout(timeout);
  }
}
