import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ContentHash, type ExportCell, type ExportColumn } from "./source.ts";

const column = (key: string): ExportColumn => ({ key, headers: { en: key, fr: key, es: key }, type: "text", question: null, codes: [], multiple: false });

describe("ContentHash", () => {
  it("is SHA-256 over the keys' line and one JSON line per row, however many rows are gathered before hashing", () => {
    const columns = [column("reference"), column("text"), column("n")];
    // Rows of several kilobytes with accents and a character outside the BMP: their lines together far exceed one chunk.
    const rows: ExportCell[][] = Array.from({ length: 300 }, (_, index) => [`REF-${index}`, `Capacités « ${index} » 🌍 ${"é".repeat(index * 7)}`, index % 3 === 0 ? null : index]);
    const hash = new ContentHash(columns);
    for (const row of rows) hash.line(row);

    const expected = createHash("sha256");
    expected.update(`${JSON.stringify(columns.map((item) => item.key))}\n`, "utf8");
    for (const row of rows) expected.update(`${JSON.stringify(row)}\n`, "utf8");
    expect(hash.digest()).toBe(expected.digest("hex"));
  });

  it("hashes the keys' line alone when there are no rows", () => {
    expect(new ContentHash([column("reference")]).digest()).toBe(createHash("sha256").update('["reference"]\n', "utf8").digest("hex"));
  });
});
