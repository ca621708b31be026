import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, sqliteFilename, trustProxySetting } from "./env.ts";

describe("parseEnv", () => {
  it("runs on defaults: SQLite under ./data, port 3000 on every interface", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/consulta.db");
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("0.0.0.0");
    expect(env.SMTP_HOST).toBeUndefined();
    expect(env.DEMO_DATA).toBe("auto");
    expect(env.WEB_CONCURRENCY).toBe(1);
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ DATABASE_POOL_SIZE: "4" }).DATABASE_POOL_SIZE).toBe(4);
  });

  it("cuts off a client that is slow to send its headers after 10 s, its whole request after 30 s, and closes an idle connection after 65 s", () => {
    const env = parseEnv({});
    expect([env.HEADERS_TIMEOUT_MS, env.REQUEST_TIMEOUT_MS, env.KEEP_ALIVE_TIMEOUT_MS]).toEqual([10_000, 30_000, 65_000]);
    expect(parseEnv({ REQUEST_TIMEOUT_MS: "60000" }).REQUEST_TIMEOUT_MS).toBe(60_000);
  });

  it("accepts SQLite paths, file: URLs and postgres:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "./x.db" }).DATABASE_URL).toBe("./x.db");
    expect(parseEnv({ DATABASE_URL: "file:///tmp/x.db" }).DATABASE_URL).toBe("file:///tmp/x.db");
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@localhost/consulta" }).DATABASE_URL).toContain("postgres://");
    expect(parseEnv({ DATABASE_URL: "postgresql://localhost/consulta" }).DATABASE_URL).toContain("postgresql://");
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL"],
    [{ PUBLIC_URL: "consulta.example.org" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "ftp://consulta.example.org" }, "PUBLIC_URL"],
    [{ SMTP_PORT: "-1" }, "SMTP_PORT"],
    [{ SMTP_HOST: "smtp.example.org", SMTP_USER: "me" }, "SMTP_PASSWORD"],
    [{ DEMO_DATA: "maybe" }, "DEMO_DATA"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ WEB_CONCURRENCY: "0" }, "WEB_CONCURRENCY"],
    [{ WEB_CONCURRENCY: "all" }, "WEB_CONCURRENCY"],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE"],
    [{ DATABASE_POOL_SIZE: "many" }, "DATABASE_POOL_SIZE"],
    [{ HEADERS_TIMEOUT_MS: "10" }, "HEADERS_TIMEOUT_MS"],
    [{ KEEP_ALIVE_TIMEOUT_MS: "forever" }, "KEEP_ALIVE_TIMEOUT_MS"],
    [{ HEADERS_TIMEOUT_MS: "20000", REQUEST_TIMEOUT_MS: "15000" }, "REQUEST_TIMEOUT_MS"],
  ])("rejects %o with one line naming %s", (source, variable) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(message).not.toContain("\n");
  });

  it("never repeats a password in its message", () => {
    expect(() => parseEnv({ SMTP_PASSWORD: "x".repeat(3), SMTP_PORT: "0" })).toThrow(/SMTP_PORT/);
  });

  it("never prints the credentials of a database URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://admin:s3cret@db.example.org/consulta" })).toThrow(/got "mysql:\/\/\*\*\*@db\.example\.org\/consulta"/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://admin:s3cret@db.example.org/consulta" })).not.toThrow(/s3cret/);
  });

  it("drops a trailing slash from PUBLIC_URL", () => {
    expect(parseEnv({ PUBLIC_URL: "https://consulta.example.org/" }).PUBLIC_URL).toBe("https://consulta.example.org");
  });
});

describe("sqliteFilename", () => {
  it("reads plain paths and both file: URL forms", () => {
    expect(sqliteFilename("./data/a.db")).toBe("./data/a.db");
    expect(sqliteFilename("file:./data/a.db")).toBe("./data/a.db");
    expect(sqliteFilename("file:///var/lib/consulta/a.db")).toBe("/var/lib/consulta/a.db");
  });
});

describe("trustProxySetting", () => {
  it("maps the variable to Express's setting", () => {
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("true")).toBe(true);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("loopback")).toBe("loopback");
  });
});
