import { ITEM_ID_KEY } from "#app/features/responses/item-key.ts";

/** Answers (or a part of them) without the stable ids the server gives repeated panels' entries: what a person typed. */
export function withoutItemIds<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutItemIds(item)) as T;
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== ITEM_ID_KEY).map(([key, inner]) => [key, withoutItemIds(inner)])) as T;
}
