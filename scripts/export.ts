import { parseEnv } from "../app/features/config/env.ts";
import { exportCommand } from "../app/features/exports/command.ts";
import { connect } from "../db/connect.ts";

const db = connect(parseEnv(process.env).DATABASE_URL);
try {
  process.exitCode = await exportCommand(db, process.argv.slice(2), { log: console.log, error: console.error });
} finally {
  await db.destroy();
}
