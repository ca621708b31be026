import type { Db } from "#db/connect.ts";

/** Who changed which answers in one revision. */
export interface TrailEntry {
  revision: number;
  userId: string | null;
  userName: string | null;
  clientId: string | null;
  changed: string[];
}

/** One person's changes since a revision, as the raw answer keys. */
export interface ChangesBy {
  userId: string | null;
  name: string | null;
  /** Answer keys they changed. */
  changed: string[];
  /** Of those, the ones whose answer the reader had given last (now replaced). */
  replaced: string[];
}

/** Who is reading: the person, and the copy of the answering page they write from (if known). */
export interface Reader {
  userId: string;
  clientId: string | null;
}

/** Every revision of a response, oldest first, with who made it and which answers it changed. */
export async function trailOf(db: Db, responseId: string, upTo: number): Promise<TrailEntry[]> {
  const rows = await db
    .selectFrom("response_revision")
    .leftJoin("user", "user.id", "response_revision.user_id")
    .select(["response_revision.revision", "response_revision.user_id", "response_revision.client_id", "response_revision.changed_keys", "user.name"])
    .where("response_revision.response_id", "=", responseId)
    .where("response_revision.revision", "<=", upTo)
    .orderBy("response_revision.revision", "asc")
    .execute();
  return rows.map((row) => ({ revision: row.revision, userId: row.user_id, userName: row.name, clientId: row.client_id, changed: JSON.parse(row.changed_keys) as string[] }));
}

/**
 * What happened after revision `after`: the changes of other people (or of the same person in
 * another window or device), by person; and the answer keys changed meanwhile only by the
 * reader's own copy of the page (saves whose answer it never received).
 */
export function changesSince(trail: TrailEntry[], after: number, reader: Reader): { others: ChangesBy[]; own: Set<string> } {
  const lastWriter = new Map<string, string | null>();
  const others = new Map<string, ChangesBy>();
  const own = new Set<string>();
  const byOthers = new Set<string>();
  for (const entry of trail) {
    if (entry.revision <= after) {
      for (const key of entry.changed) lastWriter.set(key, entry.userId);
      continue;
    }
    if (reader.clientId !== null && entry.clientId === reader.clientId) {
      for (const key of entry.changed) own.add(key);
      continue;
    }
    const who = entry.userId ?? "";
    const person = others.get(who) ?? { userId: entry.userId, name: entry.userName, changed: [], replaced: [] };
    for (const key of entry.changed) {
      byOthers.add(key);
      if (!person.changed.includes(key)) person.changed.push(key);
      if (lastWriter.get(key) === reader.userId && !person.replaced.includes(key)) person.replaced.push(key);
    }
    if (person.changed.length) others.set(who, person);
  }
  for (const key of byOthers) own.delete(key);
  return { others: [...others.values()], own };
}

/**
 * For the answering page: what other people changed after the reader's own latest revision
 * (nothing when the reader never saved, or nobody else saved since).
 */
export async function changesSinceOwnLast(db: Db, response: { id: string; revision: number }, reader: Reader): Promise<ChangesBy[]> {
  const mine = await db
    .selectFrom("response_revision")
    .select((eb) => eb.fn.max("revision").as("last"))
    .where("response_id", "=", response.id)
    .where("user_id", "=", reader.userId)
    .executeTakeFirst();
  if (mine?.last === null || mine?.last === undefined || Number(mine.last) >= response.revision) return [];
  const last = Number(mine.last);
  return changesSince(await trailOf(db, response.id, response.revision), last, { userId: reader.userId, clientId: null }).others;
}
