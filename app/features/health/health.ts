import { sql } from "kysely";
import type { Db } from "#db/connect.ts";

/** Whether the database answers a query. */
export async function checkDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
