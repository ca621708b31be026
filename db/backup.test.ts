import { writeFileSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { tempFolder } from "#tests/temp.ts";
import { BackupError, backupDatabase, checkBackupFile, restoreDatabase } from "./backup.ts";

const TABLES = ["user", "organisation", "membership", "consultation", "response", "response_revision", "audit_event", "survey_version"];

function counts(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((table) => [table, (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

// Backups are of the embedded SQLite database; PostgreSQL has pg_dump.
describe.skipIf(!!process.env.TEST_DATABASE_URL)("backup and restore", () => {
  it("copies the database while it is being written, consistently, and restores it", async () => {
    const dir = tempFolder("consulta-backup-");
    const backup = join(dir, "backup.db");
    const db = getDb();
    let writing = true;
    let written = 0;
    const load = (async () => {
      while (writing) {
        await recordAudit(db, { action: "test.load", detail: { n: written } });
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const { pages } = await backupDatabase(process.env.DATABASE_URL ?? "", backup);
    writing = false;
    await load;
    expect(pages).toBeGreaterThan(10);
    expect(written).toBeGreaterThan(0);
    await checkBackupFile(backup);

    const copied = counts(backup);
    expect(copied.response).toBeGreaterThan(50);
    const restoredPath = join(dir, "restored.db");
    await restoreDatabase(`file:${restoredPath}`, backup);
    expect(counts(restoredPath)).toEqual(copied);
    const restored = new SQLite(restoredPath, { readonly: true });
    const sample = (file: SQLite.Database) => file.prepare("select id, data from response order by id limit 5").all();
    const original = new SQLite(backup, { readonly: true });
    expect(sample(restored)).toEqual(sample(original));
    restored.close();
    original.close();
  });

  it("refuses files that are not sound Consulta backups, and PostgreSQL", async () => {
    const dir = tempFolder("consulta-backup-");
    const junk = join(dir, "junk.db");
    writeFileSync(junk, "not a database");
    await expect(checkBackupFile(junk)).rejects.toThrow(BackupError);
    await expect(checkBackupFile(join(dir, "missing.db"))).rejects.toThrow(/No such file/);
    await expect(backupDatabase("postgres://localhost/consulta", join(dir, "x.db"))).rejects.toThrow(/pg_dump/);
  });
});
