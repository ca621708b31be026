import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./passwords.ts";

describe("passwords", () => {
  it("hashes with scrypt at OWASP's cost and a random salt", async () => {
    const first = await hashPassword("a long enough passphrase");
    const second = await hashPassword("a long enough passphrase");
    expect(first).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("passphrase");
  });

  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("treats Unicode forms of the same text as the same password", async () => {
    const hash = await hashPassword("mot de passe \u00e9t\u00e9");
    expect(await verifyPassword("mot de passe e\u0301te\u0301", hash)).toBe(true);
  });

  it("refuses malformed stored hashes", async () => {
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
  });

  it("spends the time of a check for unknown accounts and never matches", async () => {
    expect(await verifyAgainstDecoy("anything")).toBe(false);
  });
});
