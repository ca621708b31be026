import { copyFileSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#app/db.server.ts";
import { isPostgresUrl, sqliteFilename } from "#app/features/config/env.ts";
import { connect, type Db } from "#db/connect.ts";
import { TMP_DIR } from "#tests/paths.ts";
import { checkDatabase, HEALTH_REUSE_MS } from "./health.ts";

const url = process.env.DATABASE_URL as string;
const postgres = isPostgresUrl(url);

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

/** A connection of its own to the test database, whose settings the test may spoil. */
function ownConnection(): Db {
  const db = connect(url, { poolSize: 1 });
  opened.push(db);
  return db;
}

async function writtenAt(): Promise<string | undefined> {
  const row = await getDb().selectFrom("health_check").select("checked_at").where("name", "=", "write").executeTakeFirst();
  return row?.checked_at;
}

describe("the database health check", () => {
  it("reads and writes: healthy, and the write is there", async () => {
    const now = Date.parse("2026-12-02T11:00:00Z");
    expect(await checkDatabase(getDb(), now)).toEqual({ ok: true });
    expect(await writtenAt()).toBe(new Date(now).toISOString());
  });

  it("is asked again within a second without writing again, and writes after it", async () => {
    const first = Date.parse("2026-12-02T12:00:00Z");
    await checkDatabase(getDb(), first);
    await checkDatabase(getDb(), first + HEALTH_REUSE_MS - 1);
    expect(await writtenAt()).toBe(new Date(first).toISOString());
    await checkDatabase(getDb(), first + HEALTH_REUSE_MS);
    expect(await writtenAt()).toBe(new Date(first + HEALTH_REUSE_MS).toISOString());
  });

  it("reports a database that can be read but not written, logs it once with the real error, and is healthy again when it takes writes", async () => {
    const db = ownConnection();
    const errors = vi.mocked(console.error).mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await sql`select 1`.execute(db);
    await (postgres ? sql`set default_transaction_read_only = on` : sql`pragma query_only = 1`).execute(db);
    const start = Date.now();
    expect(await checkDatabase(db, start)).toEqual({ ok: false, problem: "read-only" });
    expect(await checkDatabase(db, start + HEALTH_REUSE_MS)).toEqual({ ok: false, problem: "read-only" });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(postgres ? /25006: .*read-only transaction/ : /SQLITE_READONLY: attempt to write a readonly database/);
    await (postgres ? sql`set default_transaction_read_only = off` : sql`pragma query_only = 0`).execute(db);
    expect(await checkDatabase(db, start + 2 * HEALTH_REUSE_MS)).toEqual({ ok: true });
    expect(console.warn).toHaveBeenCalledWith("Health check: the database takes writes again.");
  });

  it.skipIf(postgres)("reports a SQLite file deleted while the server holds it open", async () => {
    const file = `${TMP_DIR}${randomUUID()}.db`;
    copyFileSync(sqliteFilename(url), file);
    const db = connect(`file:${file}`);
    opened.push(db);
    expect(await checkDatabase(db)).toEqual({ ok: true });
    vi.mocked(console.error).mockImplementation(() => {});
    rmSync(file);
    expect(await checkDatabase(db, Date.now() + HEALTH_REUSE_MS)).toEqual({ ok: false, problem: "gone" });
    expect(String(vi.mocked(console.error).mock.calls[0]?.[0])).toContain("was deleted while the server was running");
  });
});
