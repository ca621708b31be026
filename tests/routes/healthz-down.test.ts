import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { openSqlite } from "#db/connect.ts";
import type { Database } from "#db/schema.ts";

const sqlite = openSqlite(":memory:");
const broken = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });

vi.mock("#app/db.server.ts", () => ({ getDb: () => broken }));

describe("health when the database is down", () => {
  it("answers 503 with db: error", async () => {
    vi.mocked(console.error).mockImplementation(() => {});
    sqlite.close();
    const { loader } = await import("#app/routes/healthz.ts");
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "error", problem: "unknown" });
  });
});
