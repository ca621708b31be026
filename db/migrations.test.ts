import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "./migrations/index.ts";

describe("migrations", () => {
  it("lists every file of db/migrations, date-prefixed, in order", () => {
    const files = readdirSync(new URL("./migrations/", import.meta.url))
      .filter((name) => name !== "index.ts" && name.endsWith(".ts"))
      .map((name) => name.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    for (const name of files) expect(name).toMatch(/^\d{12}_[a-z0-9_]+$/);
  });
});
