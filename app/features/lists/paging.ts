/** The value if it is one of the known ones; undefined otherwise. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly (string | null)[]).includes(value) ? (value as T) : undefined;
}

/** A page number from an address: from 1, anything else reads as the first page. */
export function pageParam(params: URLSearchParams): number {
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export interface Paging {
  page: number;
  pageCount: number;
  offset: number;
}

/** Where a page of `size` rows starts; a page past the last shows the last, so that an old link still shows rows. */
export function paging(total: number, requested: number, size: number): Paging {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested), pageCount);
  return { page, pageCount, offset: (page - 1) * size };
}
