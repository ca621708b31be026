import { join } from "node:path";
import { connect, type Db } from "../../db/connect.ts";

/** The database the browser tests' server runs on (playwright.config.ts), for data a page cannot give. */
export async function withE2eDatabase<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const db = connect(process.env.E2E_DATABASE_URL ?? `file:${join(process.env.CONSULTA_E2E_FOLDER ?? "", "e2e.db")}`);
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}
