import { z } from "zod";
import { ATTRIBUTIONS } from "#db/schema.ts";
import { MAX_ANSWERS_BYTES, type AnswerProblem } from "#app/features/surveys/validate.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";

/** The copy of the answering page that sends a save: random, chosen by the browser. */
const client = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/)
  .optional();

/** What the answering page posts: one intent, the answers, and the revision they were based on. */
export const answerRequestSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    answers: z.record(z.unknown()),
    revision: z.number().int().min(0),
    page: z.number().int().min(0).max(500),
    client,
  }),
  z.object({
    intent: z.literal("submit"),
    answers: z.record(z.unknown()),
    revision: z.number().int().min(0),
    page: z.number().int().min(0).max(500),
    attribution: z.enum(ATTRIBUTIONS),
    client,
  }),
  z.object({ intent: z.literal("reopen") }),
  z.object({ intent: z.literal("attribution"), attribution: z.enum(ATTRIBUTIONS) }),
]);

export type AnswerRequest = z.infer<typeof answerRequestSchema>;

/**
 * How deep a request may nest. The deepest answer a survey gives is a matrix or a list of choices
 * inside a repeated panel: four levels under the request. Comparing and storing answers walks
 * them recursively, so a request nested thousands of levels deep would overflow the stack.
 */
export const MAX_REQUEST_DEPTH = 12;
/** The largest request read: answers up to their own limit, and the few fields around them. */
export const MAX_REQUEST_BYTES = MAX_ANSWERS_BYTES + 4 * 1024;

export type ReadAnswerRequest =
  | { ok: true; request: AnswerRequest }
  | { ok: false; reason: "malformed"; message: string }
  | { ok: false; reason: "invalid"; problems: AnswerProblem[] };

/**
 * Reads the answering page's request from its body, checking its size and depth before anything
 * walks it (JSON.parse itself does not recurse). Answers too large or too deep are refused like
 * other answers with problems; a body that is not such a request at all is malformed.
 */
export function readAnswerRequest(body: string, language: Language): ReadAnswerRequest {
  const t = translator(language);
  const problem = (message: string): ReadAnswerRequest => ({ ok: false, reason: "invalid", problems: [{ name: "", title: "", message }] });
  if (Buffer.byteLength(body, "utf8") > MAX_REQUEST_BYTES) return problem(t("validation.tooLarge", { count: MAX_ANSWERS_BYTES / 1024 }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: "malformed", message: t("answer.malformed") };
  }
  if (nestsDeeperThan(parsed, MAX_REQUEST_DEPTH)) return problem(t("validation.tooDeep"));
  const request = answerRequestSchema.safeParse(parsed);
  return request.success ? { ok: true, request: request.data } : { ok: false, reason: "malformed", message: t("answer.malformed") };
}

/** Whether a parsed JSON value has objects or arrays nested more than `limit` levels; walked without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (!item || typeof item !== "object") continue;
    if (depth >= limit) return true;
    for (const inner of Object.values(item)) pending.push([inner, depth + 1]);
  }
  return false;
}
