import type { Db } from "#db/connect.ts";
import type { Meeting } from "#db/schema.ts";

/** The meetings, the most recent first. */
export async function listMeetings(db: Db): Promise<Meeting[]> {
  return db.selectFrom("meeting").selectAll().orderBy("starts_on", "desc").execute();
}
