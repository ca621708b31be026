import type { Meeting } from "#db/schema.ts";
import { getDb } from "#app/db.server.ts";
import { isId } from "#app/features/ids.ts";
import { getMeeting } from "#app/features/meetings/meetings.ts";

/** The meeting a page's address names; a 404 answer when no meeting has that id. */
export async function requireMeeting(id: string | undefined): Promise<Meeting> {
  const meeting = isId(id) ? await getMeeting(getDb(), id) : undefined;
  if (!meeting) throw new Response("Not found", { status: 404 });
  return meeting;
}
