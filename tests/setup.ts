import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, vi } from "vitest";
import { TEMPLATE_DB, TMP_DIR } from "./paths.ts";

// Each test file works on its own copy of the migrated, seeded template database.
const file = `${TMP_DIR}${randomUUID()}.db`;
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

// An unexpected console.error is a bug: fail the test that caused it.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  const { getDb } = await import("#app/db.server.ts");
  await getDb().destroy();
});
