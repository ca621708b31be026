import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./statement-cache.ts";

interface Tables {
  item: { id: number; name: string };
}

function open(size?: number) {
  const sqlite = new SQLite(":memory:");
  const prepared: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    prepared.push(text);
    return prepare(text);
  }) as typeof sqlite.prepare;
  const cached = withStatementCache(sqlite, size);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cached }) });
  return { sqlite, cached, db, prepared };
}

async function withItems(db: Kysely<Tables>, count: number): Promise<void> {
  await db.schema.createTable("item").addColumn("id", "integer", (col) => col.primaryKey()).addColumn("name", "text", (col) => col.notNull()).execute();
  for (let id = 1; id <= count; id++) await db.insertInto("item").values({ id, name: `item ${id}` }).execute();
}

describe("the SQLite statement cache", () => {
  it("prepares each SQL text once and gives the same answers with other parameters", async () => {
    const { db, prepared } = open();
    await withItems(db, 3);
    const byId = (id: number) => db.selectFrom("item").select("name").where("id", "=", id).executeTakeFirst();
    expect(await byId(1)).toEqual({ name: "item 1" });
    expect(await byId(2)).toEqual({ name: "item 2" });
    expect(await byId(9)).toBeUndefined();
    const update = await db.updateTable("item").set({ name: "renamed" }).where("id", "=", 3).executeTakeFirst();
    expect(update.numUpdatedRows).toBe(1n);
    expect(await byId(3)).toEqual({ name: "renamed" });
    expect(prepared.filter((text) => text.startsWith("select")).length).toBe(1);
    expect(prepared.filter((text) => text.startsWith("insert")).length).toBe(1);
    await db.destroy();
  });

  it("gives a query its own statement while the cached one is still iterating", () => {
    const { cached } = open();
    cached.prepare("create table item (id integer primary key)").run([]);
    for (const id of [1, 2, 3]) cached.prepare("insert into item (id) values (?)").run([id]);
    const text = "select id from item order by id";
    const seen: { iterated: unknown; again: number }[] = [];
    for (const row of cached.prepare(text).iterate([])) seen.push({ iterated: row, again: cached.prepare(text).all([]).length });
    expect(seen).toEqual([1, 2, 3].map((id) => ({ iterated: { id }, again: 3 })));
  });

  it("keeps at most `size` statements, dropping the least recently used", async () => {
    const { cached } = open(2);
    const a = cached.prepare("select 1");
    const b = cached.prepare("select 2");
    expect(cached.prepare("select 1")).toBe(a);
    cached.prepare("select 3");
    expect(cached.prepare("select 1")).toBe(a);
    expect(cached.prepare("select 2")).not.toBe(b);
  });

  it("sees schema changes made after a statement was prepared", async () => {
    const { db } = open();
    await withItems(db, 1);
    const everything = () => sql<Record<string, unknown>>`select * from item`.execute(db);
    expect((await everything()).rows).toEqual([{ id: 1, name: "item 1" }]);
    await sql`alter table item add column note text`.execute(db);
    expect((await everything()).rows).toEqual([{ id: 1, name: "item 1", note: null }]);
  });

  it("closes the database", () => {
    const { sqlite, cached } = open();
    cached.prepare("select 1");
    cached.close();
    expect(sqlite.open).toBe(false);
  });
});
