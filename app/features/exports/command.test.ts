import { createHash } from "node:crypto";
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
    type Part = { meta: { language: string; profile: string; values: string; consultation: string }; rows: unknown[]; notes: { rows: number; sha256: string } };
    const document = JSON.parse(readFileSync(out, "utf8")) as { sources: Record<string, Part> };
    expect(document.sources.answers?.meta).toMatchObject({ language: "fr", profile: "rapporteur", values: "codes", consultation: SLUG });
    expect(document.sources.answers?.rows.length).toBeGreaterThan(0);
    const parts = Object.entries(document.sources);
    const rows = parts.reduce((sum, [, part]) => sum + part.rows.length, 0);
    const sha256 = createHash("sha256").update(parts.map(([kind, part]) => `${kind} ${part.notes.sha256}\n`).join("")).digest("hex");
    expect(result.log).toEqual([`export: ${rows} rows written to ${out} (sha256 ${sha256})`]);
    expect(readdirSync(folder)).toEqual(["answers.json"]);
  });

  it("refuses unknown slugs, formats, languages, profiles and options with a clear error and a non-zero exit, and writes nothing", async () => {
    const folder = tempFolder("export-command-");
    const out = join(folder, "answers.csv");
    const cases: [string[], RegExp][] = [
      [["--consultation", "no-such-consultation", "--format", "csv", "--lang", "en", "--out", out], /^unknown consultation "no-such-consultation"/],
      [["--consultation", SLUG, "--format", "odt", "--lang", "en", "--out", out], /^unknown --format "odt": use one of csv, xlsx, json, docx, pdf$/],
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

  it("writes a whole meeting's export (--meeting): every consultation's parts, the meeting named, the filters applied and stated", async () => {
    const folder = tempFolder("export-command-");
    const out = join(folder, "meeting.json");
    const result = await run(["--meeting", "idm-2018-2", "--format", "json", "--lang", "es", "--out", out, "--profile", "rapporteur", "--values", "codes", "--type", "state", "--region", "002"]);
    expect(result).toMatchObject({ code: 0, error: [] });
    type Part = { meta: { meeting?: string; consultation: string; filters: Record<string, string> }; rows: unknown[] };
    const { sources } = JSON.parse(readFileSync(out, "utf8")) as { sources: Record<string, Part> };
    const slugs = (await getDb().selectFrom("consultation").innerJoin("meeting", "meeting.id", "consultation.meeting_id").select("consultation.slug").where("meeting.slug", "=", "idm-2018-2").execute()).map((row) => row.slug);
    for (const slug of slugs) expect(sources[`${slug}/answers`]?.meta).toMatchObject({ meeting: "idm-2018-2", consultation: slug, filters: { region: "002", type: "state" } });
    expect(sources.matches?.meta.meeting).toBe("idm-2018-2");
    expect(result.log[0]).toMatch(/^export: \d+ rows written to .*meeting\.json \(sha256 [0-9a-f]{64}\)$/);
  });

  it("refuses a meeting's CSV, an unknown meeting, both or neither scope, and bad filters, with one clear line and exit 2, writing nothing", async () => {
    const folder = tempFolder("export-command-");
    const out = join(folder, "meeting.xlsx");
    const cases: [string[], RegExp][] = [
      [["--meeting", "no-such-meeting", "--format", "xlsx", "--lang", "en", "--out", out], /^unknown meeting "no-such-meeting": no meeting has this slug$/],
      [["--meeting", "idm-2018-2", "--format", "csv", "--lang", "en", "--out", out], /^a meeting's export cannot be CSV: .*--consultation <slug> .*idm-2018-2-capacity-needs/],
      [["--meeting", "idm-2018-2", "--consultation", SLUG, "--format", "xlsx", "--lang", "en", "--out", out], /^name exactly one of --consultation and --meeting/],
      [["--format", "xlsx", "--lang", "en", "--out", out], /^name exactly one of --consultation and --meeting/],
      [["--meeting", "idm-2018-2", "--format", "xlsx", "--lang", "en", "--out", out, "--region", "mars"], /^unknown --region "mars": use an M49 area code/],
      [["--consultation", SLUG, "--format", "xlsx", "--lang", "en", "--out", out, "--type", "ngo"], /^unknown --type "ngo": use one of state$/],
      [["--meeting", "idm-2018-2", "--format", "json", "--lang", "en", "--out", out, "--attribution", "public"], /^unknown --attribution "public": use one of attributable, non_attributable, aggregate_only$/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.error[0], args.join(" ")).toMatch(message);
      expect(result.log).toEqual([]);
    }
    expect(readdirSync(folder)).toEqual([]);
  });
});
