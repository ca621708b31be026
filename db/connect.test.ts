import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { connect, openSqlite, type Db } from "./connect.ts";
import { databaseFault } from "./faults.ts";

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
  return { db, other, url };
}

const insertItem = (db: Db, name: string) =>
  db.transaction().execute(async (trx) => {
    await sql`insert into item (name) values (${name})`.execute(trx);
  });

async function busyTimeout(db: Db): Promise<number> {
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
  return rows[0]?.timeout ?? -1;
}

/** Counts timer ticks until stopped: a count above 0 shows the process was not stopped meanwhile. */
function ticking() {
  let ticks = 0;
  const interval = setInterval(() => (ticks += 1), 2);
  return () => {
    clearInterval(interval);
    return ticks;
  };
}

const settled = <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
};

describe("SQLite transactions with another process writing", () => {
  it("wait for the write lock without stopping the process, then write", async () => {
    const { db, other } = twoConnections();
    other.exec("begin immediate");
    other.prepare("insert into item (name) values ('theirs')").run();
    const stop = ticking();
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
    expect(stop()).toBeGreaterThan(0);
    expect(other.prepare("select name from item order by id").pluck().all()).toEqual(["theirs", "ours"]);
  });

  it("give up with SQLite's busy error after the timeout, writing nothing, and work again once the lock is free", async () => {
    const { db, other } = twoConnections(80);
    other.exec("begin immediate");
    const started = Date.now();
    const failure = await insertItem(db, "ours").catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "SQLITE_BUSY" });
    expect(databaseFault(failure)).toBe("busy");
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    other.exec("rollback");
    expect(other.prepare("select count(*) from item").pluck().get()).toBe(0);
    await insertItem(db, "ours");
    expect(other.prepare("select name from item").pluck().all()).toEqual(["ours"]);
  });
});

describe("SQLite writes outside a transaction with another process writing", () => {
  it("wait for the lock on a timer, SQLite's own busy timeout being off, and reads answer meanwhile", async () => {
    const { db, other } = twoConnections();
    expect(await busyTimeout(db)).toBe(0);
    other.exec("begin immediate");
    const stop = ticking();
    const write = sql`insert into item (name) values ('waiting')`.execute(db);
    const writeDone = settled(write);
    // A read on the same Kysely instance is not queued behind the write that waits.
    const { rows } = await sql<{ n: number }>`select count(*) as n from item`.execute(db);
    expect(rows[0]?.n).toBe(0);
    expect(writeDone()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(writeDone()).toBe(false);
    other.exec("commit");
    await write;
    expect(stop()).toBeGreaterThan(0);
    expect(other.prepare("select name from item").pluck().all()).toEqual(["waiting"]);
  });

  it("give up with the busy fault after the timeout", async () => {
    const { db, other } = twoConnections(60);
    other.exec("begin immediate");
    const failure = await sql`insert into item (name) values ('late')`.execute(db).catch((error: unknown) => error);
    expect(databaseFault(failure)).toBe("busy");
    other.exec("rollback");
    expect(other.prepare("select count(*) from item").pluck().get()).toBe(0);
  });
});

describe("SQLite storage faults", () => {
  it("a transaction that runs out of space fails with SQLite's own error, not a failed rollback, and the next one works once there is room", async () => {
    const { db } = twoConnections();
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
    const pages = rows[0]?.page_count ?? 0;
    expect(pages).toBeGreaterThan(0);
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
    const failure = await insertItem(db, "x".repeat(20_000)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "SQLITE_FULL" });
    expect(databaseFault(failure)).toBe("full");
    await sql.raw(`pragma max_page_count = ${pages + 100}`).execute(db);
    await insertItem(db, "x".repeat(20_000));
    expect((await sql<{ n: number }>`select count(*) as n from item`.execute(db)).rows[0]?.n).toBe(1);
  });

  it("a read-only database refuses writes with the read-only fault, inside a transaction or not", async () => {
    const { db } = twoConnections();
    await sql`pragma query_only = 1`.execute(db);
    expect(databaseFault(await insertItem(db, "a").catch((error: unknown) => error))).toBe("read-only");
    expect(databaseFault(await sql`insert into item (name) values ('b')`.execute(db).catch((error: unknown) => error))).toBe("read-only");
  });

  it("once the file is deleted or replaced, writes are refused as gone (nothing acknowledged into an unlinked file), reads still answer", async () => {
    const { db, url } = twoConnections();
    await insertItem(db, "before");
    const file = url.slice("file:".length);
    rmSync(file);
    const inTransaction = await insertItem(db, "lost").catch((error: unknown) => error);
    expect(databaseFault(inTransaction)).toBe("gone");
    expect(String(inTransaction)).toContain("deleted");
    expect(databaseFault(await sql`insert into item (name) values ('lost')`.execute(db).catch((error: unknown) => error))).toBe("gone");
    expect((await sql<{ name: string }>`select name from item`.execute(db)).rows).toEqual([{ name: "before" }]);
    writeFileSync(file, "");
    expect(String(await insertItem(db, "lost").catch((error: unknown) => error))).toContain("replaced");
  });
});
