import { z } from "zod";
import { ATTRIBUTIONS } from "#db/schema.ts";

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
