import type { Attribution, CodeScheme } from "#db/schema.ts";

/** What derivation reads of a submitted answer: its last submission and who gave it. */
export interface SubmittedSource {
  responseId: string;
  consultationId: string;
  /** The survey version it answered, whose compiled model reads its values. */
  surveyVersionId: string;
  organisationId: string;
  stakeholderType: string;
  regionM49: string | null;
  language: string | null;
  attribution: Attribution | null;
  answers: Record<string, unknown>;
}

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** A free-text answer, trimmed; null when empty or not text. */
export function textOf(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** The codes of a checkbox (several) or dropdown (one) answer under one scheme. */
export function codesOf(scheme: CodeScheme, value: unknown): { scheme: CodeScheme; code: string }[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return [...new Set(values.filter((code): code is string => typeof code === "string" && code !== ""))].map((code) => ({ scheme, code }));
}

/** The entries of a repeated panel's answer (records only). */
export function entriesOf(answers: JsonRecord, panel: string): { entry: JsonRecord; position: number }[] {
  const value = answers[panel];
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown, position) => (isRecord(entry) ? [{ entry, position }] : []));
}

/** Two sets of codes hold the same ones. */
export function sameCodes(a: { scheme: string; code: string }[], b: { scheme: string; code: string }[]): boolean {
  const key = (codes: { scheme: string; code: string }[]) => codes.map((code) => `${code.scheme}\u0000${code.code}`).sort().join("\u0001");
  return key(a) === key(b);
}
