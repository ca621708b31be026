import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { connect, openSqlite, SQLITE_BUSY_TIMEOUT_MS, type Db } from "./connect.ts";

// Two connections on one SQLite file, as two server processes (WEB_CONCURRENCY) have: the raw one
// holds the write lock as the other process would, the app's connection waits for it.
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function twoConnections(lockTimeoutMs?: number) {
  const dir = mkdtempSync(join(tmpdir(), "consulta-connect-"));
  const url = `file:${join(dir, "app.db")}`;
  const other = openSqlite(url);
  other.exec("create table item (id integer primary key, name text not null)");
  const db: Db = connect(url, lockTimeoutMs === undefined ? {} : { lockTimeoutMs });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => void other.close());
  cleanups.push(() => db.destroy());
  return { db, other };
}

const insertItem = (db: Db, name: string) =>
  db.transaction().execute(async (trx) => {
    await sql`insert into item (name) values (${name})`.execute(trx);
  });

async function busyTimeout(db: Db): Promise<number> {
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
  return rows[0]?.timeout ?? -1;
}

describe("SQLite transactions with another process writing", () => {
  it("wait for the write lock without stopping the process, then write", async () => {
    const { db, other } = twoConnections();
    other.exec("begin immediate");
    other.prepare("insert into item (name) values ('theirs')").run();
    let ticks = 0;
    const ticking = setInterval(() => (ticks += 1), 2);
    // The other process commits 60 ms later: a timer that could not fire if the wait blocked.
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec("commit");
        resolve();
      }, 60),
    );
    const ours = insertItem(db, "ours");
    await released;
    await ours;
    clearInterval(ticking);
    expect(ticks).toBeGreaterThan(0);
    expect(other.prepare("select name from item order by id").pluck().all()).toEqual(["theirs", "ours"]);
    expect(await busyTimeout(db)).toBe(SQLITE_BUSY_TIMEOUT_MS);
  });

  it("give up with SQLite's busy error after the timeout, writing nothing, and work again once the lock is free", async () => {
    const { db, other } = twoConnections(80);
    other.exec("begin immediate");
    const started = Date.now();
    await expect(insertItem(db, "ours")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    other.exec("rollback");
    expect(other.prepare("select count(*) from item").pluck().get()).toBe(0);
    expect(await busyTimeout(db)).toBe(SQLITE_BUSY_TIMEOUT_MS);
    await insertItem(db, "ours");
    expect(other.prepare("select name from item").pluck().all()).toEqual(["ours"]);
  });
});
