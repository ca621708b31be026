import { connect, type Db } from "#db/connect.ts";
import { getEnv } from "./env.server.ts";

export type { Db } from "#db/connect.ts";

let instance: Db | undefined;

/** The one Kysely instance of this process, opened on first use. */
export function getDb(): Db {
  const env = getEnv();
  instance ??= connect(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE });
  return instance;
}
