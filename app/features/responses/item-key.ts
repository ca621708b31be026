/**
 * Stable ids of repeated-panel entries (docs/decisions/0017): each entry of a dynamic panel's
 * answer carries its id under this key, beside its answers. No survey question may take this
 * name; survey-core keeps the key as it is on the answering page. Browser-safe: the answering
 * page and the server share it.
 */
export const ITEM_ID_KEY = "_id";

const ITEM_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isItemId(value: unknown): value is string {
  return typeof value === "string" && ITEM_ID_PATTERN.test(value);
}

/** A random (version 4) UUID, also where `crypto.randomUUID` is missing (a page served over plain http). */
export function newItemId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord => !!value && typeof value === "object" && !Array.isArray(value);

/** An entry's answers without its id. */
export function withoutItemId(entry: JsonRecord): JsonRecord {
  const { [ITEM_ID_KEY]: _id, ...rest } = entry;
  return rest;
}

/** Answers (or one answer) without their entries' ids: what the person typed, for showing it in words. */
export function answersWithoutItemIds<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry: unknown) => (isRecord(entry) ? withoutItemId(entry) : entry)) as T;
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, Array.isArray(inner) ? answersWithoutItemIds(inner) : inner])) as T;
}
