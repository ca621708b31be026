import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { zipBehind, zipCaughtUp } from "./xlsx-zip.ts";

describe("waiting for exceljs's zip", () => {
  it("tells when a sheet's rows come faster than the zip compresses them, and waits until it has taken them", async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet("Rows");
    const text = "Capacités « partagées » ".repeat(40);
    const LIMIT = 20_000;
    let written = 0;
    // Rows written without a pause: the zip, which compresses between them, falls behind at once.
    while (written < LIMIT && !zipBehind(sheet)) {
      sheet.addRow([written, `${text}${written}`]).commit();
      written += 1;
    }
    expect(written).toBeLessThan(LIMIT);
    await zipCaughtUp(sheet);
    expect(zipBehind(sheet)).toBe(false);

    for (const extra of [1, 2, 3]) sheet.addRow([written + extra, text]).commit();
    sheet.commit();
    await workbook.commit();
    const back = new ExcelJS.Workbook();
    const bytes = Buffer.concat(chunks);
    await back.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(back.getWorksheet("Rows")?.rowCount).toBe(written + 3);
  });

  it("does not hold back a sheet the zip keeps up with", async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet("Rows");
    sheet.addRow(["one row"]).commit();
    expect(zipBehind(sheet)).toBe(false);
    await expect(zipCaughtUp(sheet)).resolves.toBeUndefined();
  });
});
