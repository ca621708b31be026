import { describe, expect, it, vi } from "vitest";
import { DatabaseFault, databaseFault, describeDatabaseError, logFailure } from "./faults.ts";

function withCode(code: string, message = "failed"): Error {
  return Object.assign(new Error(message), { code });
}

describe("database faults", () => {
  it.each([
    ["SQLITE_BUSY", "busy"],
    ["SQLITE_BUSY_SNAPSHOT", "busy"],
    ["SQLITE_FULL", "full"],
    ["SQLITE_READONLY", "read-only"],
    ["SQLITE_READONLY_DBMOVED", "read-only"],
    ["SQLITE_IOERR_WRITE", "storage"],
    ["53100", "full"],
    ["25006", "read-only"],
    ["55P03", "busy"],
    ["40P01", "busy"],
    ["08006", "unreachable"],
    ["57P01", "unreachable"],
    ["ECONNREFUSED", "unreachable"],
  ])("%s is %s", (code, kind) => {
    expect(databaseFault(withCode(code))).toBe(kind);
  });

  it("leaves every other error alone: a constraint, a syntax error, a bug", () => {
    for (const error of [withCode("SQLITE_CONSTRAINT_UNIQUE"), withCode("23505"), withCode("42601"), new TypeError("x is undefined"), "a string"]) {
      expect(databaseFault(error)).toBeNull();
    }
  });

  it("knows node-postgres's lost connections, which carry no code", () => {
    expect(databaseFault(new Error("Connection terminated unexpectedly"))).toBe("unreachable");
  });

  it("knows its own faults by name, whichever bundle's class made them", () => {
    expect(databaseFault(new DatabaseFault("gone", "deleted"))).toBe("gone");
    class OtherBundlesFault extends Error {
      readonly kind = "gone";
      override name = "DatabaseFault";
    }
    expect(databaseFault(new OtherBundlesFault("deleted"))).toBe("gone");
  });

  it("describes an error in one line with its code", () => {
    expect(describeDatabaseError(withCode("SQLITE_FULL", "database or disk is full"))).toBe("SQLITE_FULL: database or disk is full");
  });

  it("logs background work that met a busy database in one line, and any other failure with its stack", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      logFailure("Background jobs failed", withCode("SQLITE_BUSY", "database is locked"));
      expect(log).toHaveBeenLastCalledWith("Background jobs failed: the database is unavailable (busy): SQLITE_BUSY: database is locked");
      const bug = new TypeError("x is undefined");
      logFailure("Background jobs failed", bug);
      expect(log).toHaveBeenLastCalledWith("Background jobs failed:", bug);
    } finally {
      log.mockRestore();
    }
  });
});
