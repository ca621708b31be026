import pg from "pg";

async function runStatement(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the PostgreSQL server a URL names, for one test file or one bench run.
 * Made from template0, which takes no connections, so that several can be made at once.
 */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<ScratchDatabase> {
  await runStatement(serverUrl, `create database "${name}" template template0`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}

/** Whether the server holds a database of that name (a bench's kept database). */
export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/**
 * Drops a scratch database once its user's connections are closed. A plain DROP DATABASE first:
 * it stops an autovacuum worker busy in the database by itself, where WITH (FORCE) refuses a
 * role that is not a superuser ("must be a member of the role whose process is being
 * terminated"). FORCE only when a connection of the same role is still open.
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  try {
    await runStatement(serverUrl, `drop database if exists "${name}"`);
  } catch (error) {
    // 55006: the database is being accessed by other users.
    if ((error as { code?: unknown }).code !== "55006") throw error;
    await runStatement(serverUrl, `drop database if exists "${name}" with (force)`);
  }
}

/**
 * Drops every database whose name begins with a prefix: what one test run made, including the
 * databases of test files that ran no test (their afterAll hooks do not run).
 */
export async function dropScratchDatabases(serverUrl: string, prefix: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`Not a scratch database prefix: ${prefix}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  let names: string[];
  try {
    const result = await client.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [prefix]);
    names = result.rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
  for (const name of names) await dropDatabase(serverUrl, name);
}
