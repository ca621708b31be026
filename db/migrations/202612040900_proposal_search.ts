import { SqliteAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// Full-text search of proposals in their own language and in their Spanish translation
// (docs/decisions/0021-searching-proposals.md).
//
// SQLite: an FTS5 table holding each proposal's words already stemmed by the language's Snowball
// stemmer (FTS5 has none for French or Spanish). Triggers keep it in step with every write to
// `proposal`, whoever makes it; they call `consulta_search_terms(text, language)`, which every
// connection the app opens registers (db/connect.ts). Its rowid comes from proposal_search_key,
// whose integer key, unlike proposal's own rowid, survives VACUUM.
//
// PostgreSQL: a table of each proposal's tsvectors (in its language's configuration, and the
// Spanish one of its translation), kept by a trigger, with GIN indexes.

const SQLITE_TRIGGER_FIELDS = `
  case when new.language in ('en', 'fr', 'es') then new.language else 'other' end,
  consulta_search_terms(coalesce(new.title, '') || ' ' || new.summary, new.language),
  consulta_search_terms(new.pivot_text, 'es')`;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await db.schema
      .createTable("proposal_search_key")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("proposal_id", "text", (c) => c.notNull().unique())
      .execute();
    await sql`create virtual table proposal_search using fts5(proposal_id unindexed, lang, own, pivot, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql.raw(`create trigger proposal_search_insert after insert on proposal begin
      insert into proposal_search_key (proposal_id) values (new.id);
      insert into proposal_search (rowid, proposal_id, lang, own, pivot)
        values ((select id from proposal_search_key where proposal_id = new.id), new.id, ${SQLITE_TRIGGER_FIELDS});
    end`).execute(db);
    await sql.raw(`create trigger proposal_search_update after update of title, summary, language, pivot_text on proposal begin
      update proposal_search set (lang, own, pivot) = (${SQLITE_TRIGGER_FIELDS})
        where rowid = (select id from proposal_search_key where proposal_id = new.id);
    end`).execute(db);
    await sql.raw(`create trigger proposal_search_delete after delete on proposal begin
      delete from proposal_search where rowid = (select id from proposal_search_key where proposal_id = old.id);
      delete from proposal_search_key where proposal_id = old.id;
    end`).execute(db);
    await sql`insert into proposal_search_key (proposal_id) select id from proposal order by created_at, id`.execute(db);
    await sql`insert into proposal_search (rowid, proposal_id, lang, own, pivot)
      select k.id, p.id, case when p.language in ('en', 'fr', 'es') then p.language else 'other' end, consulta_search_terms(coalesce(p.title, '') || ' ' || p.summary, p.language), consulta_search_terms(p.pivot_text, 'es')
      from proposal p join proposal_search_key k on k.proposal_id = p.id`.execute(db);
    return;
  }
  // A stored copy of each proposal's vectors, so that checking a candidate row's language does not
  // run to_tsvector again for every row the index returns.
  await sql`create table proposal_search (
    proposal_id text primary key references proposal (id) on delete cascade,
    lang text not null,
    own tsvector not null,
    pivot tsvector not null
  )`.execute(db);
  await sql`create function proposal_search_write() returns trigger language plpgsql as $$
    begin
      insert into proposal_search (proposal_id, lang, own, pivot)
      values (
        new.id,
        case when new.language in ('en', 'fr', 'es') then new.language else 'other' end,
        to_tsvector(case new.language when 'en' then 'english'::regconfig when 'fr' then 'french'::regconfig when 'es' then 'spanish'::regconfig else 'simple'::regconfig end, coalesce(new.title, '') || ' ' || new.summary),
        to_tsvector('spanish'::regconfig, coalesce(new.pivot_text, ''))
      )
      on conflict (proposal_id) do update set lang = excluded.lang, own = excluded.own, pivot = excluded.pivot;
      return null;
    end
  $$`.execute(db);
  await sql`create trigger proposal_search_insert after insert on proposal for each row execute function proposal_search_write()`.execute(db);
  await sql`create trigger proposal_search_update after update of title, summary, language, pivot_text on proposal for each row execute function proposal_search_write()`.execute(db);
  await sql`insert into proposal_search (proposal_id, lang, own, pivot)
    select id, case when language in ('en', 'fr', 'es') then language else 'other' end,
      to_tsvector(case language when 'en' then 'english'::regconfig when 'fr' then 'french'::regconfig when 'es' then 'spanish'::regconfig else 'simple'::regconfig end, coalesce(title, '') || ' ' || summary),
      to_tsvector('spanish'::regconfig, coalesce(pivot_text, ''))
    from proposal`.execute(db);
  await sql`create index proposal_search_own_idx on proposal_search using gin (own)`.execute(db);
  await sql`create index proposal_search_pivot_idx on proposal_search using gin (pivot)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const trigger of ["proposal_search_insert", "proposal_search_update", "proposal_search_delete"]) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
    await sql`drop table proposal_search`.execute(db);
    await db.schema.dropTable("proposal_search_key").execute();
    return;
  }
  for (const trigger of ["proposal_search_insert", "proposal_search_update"]) await sql`drop trigger ${sql.id(trigger)} on proposal`.execute(db);
  await sql`drop table proposal_search`.execute(db);
  await sql`drop function proposal_search_write`.execute(db);
}
