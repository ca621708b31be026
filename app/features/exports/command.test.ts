import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { tempFolder } from "#tests/temp.ts";
import { exportCommand } from "./command.ts";

async function run(args: string[]) {
  const lines = { log: [] as string[], error: [] as string[] };
  const code = await exportCommand(getDb(), args, { log: (line) => lines.log.push(line), error: (line) => lines.error.push(line) });
  return { code, ...lines };
}

const SLUG = "idm-2018-2-capacity-needs";

describe("npm run export", () => {
  it("writes a consultation's answers to the file named, and says how many rows with their hash", async () => {
    const folder = tempFolder("export-command-");
    const out = join(folder, "answers.json");
    const result = await run(["--consultation", SLUG, "--format", "json", "--lang", "fr", "--out", out, "--profile", "rapporteur", "--values", "codes"]);
    expect(result).toMatchObject({ code: 0, error: [] });
    const document = JSON.parse(readFileSync(out, "utf8")) as { meta: { language: string; profile: string; values: string; consultation: string }; rows: unknown[]; notes: { rows: number; sha256: string } };
    expect(document.meta).toMatchObject({ language: "fr", profile: "rapporteur", values: "codes", consultation: SLUG });
    expect(document.rows.length).toBeGreaterThan(0);
    expect(result.log).toEqual([`export: ${document.notes.rows} rows written to ${out} (sha256 ${document.notes.sha256})`]);
    expect(readdirSync(folder)).toEqual(["answers.json"]);
  });

  it("refuses unknown slugs, formats, languages, profiles and options with a clear error and a non-zero exit, and writes nothing", async () => {
    const folder = tempFolder("export-command-");
    const out = join(folder, "answers.csv");
    const cases: [string[], RegExp][] = [
      [["--consultation", "no-such-consultation", "--format", "csv", "--lang", "en", "--out", out], /^unknown consultation "no-such-consultation"/],
      [["--consultation", SLUG, "--format", "pdf", "--lang", "en", "--out", out], /^unknown --format "pdf": use one of csv, xlsx, json$/],
      [["--consultation", SLUG, "--format", "csv", "--lang", "de", "--out", out], /^unknown --lang "de": use one of en, fr, es$/],
      [["--consultation", SLUG, "--format", "csv", "--lang", "en", "--out", out, "--profile", "everyone"], /^unknown --profile "everyone": use one of public, rapporteur$/],
      [["--consultation", SLUG, "--format", "csv", "--lang", "en"], /^missing --out/],
      [["--consultation", SLUG, "--format", "csv", "--lang", "en", "--out", out, "--colour", "blue"], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.error[0]).toMatch(message);
      expect(result.log).toEqual([]);
    }
    expect(existsSync(out)).toBe(false);
  });
});
