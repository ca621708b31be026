import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAvailable } from "#app/features/translation/apertium.ts";
import { metrics, rocAuc } from "./evaluate.ts";

const apertiumInstalled = await isAvailable();

describe("metrics", () => {
  it("counts precision and recall at the threshold, and ROC-AUC from ranks with ties counted half", () => {
    const pairs = [
      { score: 0.9, duplicate: true, crossLanguage: false },
      { score: 0.5, duplicate: false, crossLanguage: false },
      { score: 0.4, duplicate: true, crossLanguage: false },
      { score: 0.1, duplicate: false, crossLanguage: false },
      { score: 0.1, duplicate: true, crossLanguage: false },
    ];
    // At 0.3: suggested 0.9 (right), 0.5 (wrong), 0.4 (right); duplicates 3, found 2.
    // AUC: 0.9 beats both negatives (2), 0.4 beats 0.1 and loses to 0.5 (1), 0.1 ties 0.1 (0.5): 3.5 / 6.
    expect(metrics(pairs, 0.3)).toEqual({ pairs: 5, duplicates: 3, precision: 2 / 3, recall: 2 / 3, auc: 3.5 / 6 });
  });

  it("gives null where a figure is undefined rather than a made-up number", () => {
    expect(metrics([{ score: 0.1, duplicate: false, crossLanguage: true }], 0.3)).toEqual({ pairs: 1, duplicates: 0, precision: null, recall: null, auc: null });
    expect(rocAuc([])).toBeNull();
  });
});

// Each run starts tsx, which takes seconds on a busy machine.
describe("npm run proposals:similar-eval", { timeout: 90_000 }, () => {
  const folder = mkdtempSync(join(tmpdir(), "consulta-similar-eval-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync("npx", ["tsx", "scripts/proposals-similar-eval.ts", ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });

  it("prints the figures of a small labelled file, checked by hand, and ends with them as one JSON line", () => {
    // a1 and a2 are one text (a duplicate found), f is labelled their duplicate but shares no
    // word (two duplicates missed), c1 and c2 are one text labelled distinct (a wrong suggestion),
    // es is in Spanish: with Apertium off, its pairs are not measured.
    const file = join(folder, "tiny.json");
    const text = { a: "Migration data training for statistics offices", c: "Mobile consular units for farm workers", f: "Radio campaign on risks of the sea route" };
    writeFileSync(
      file,
      JSON.stringify([
        { id: "a1", language: "en", title: text.a, summary: "", objectives: [1], group: "a" },
        { id: "a2", language: "en", title: text.a, summary: "", objectives: [1], group: "a" },
        { id: "c1", language: "en", title: text.c, summary: "", objectives: [14], group: null },
        { id: "c2", language: "en", title: text.c, summary: "", objectives: [6], group: null },
        { id: "f", language: "en", title: text.f, summary: "", objectives: [3], group: "a" },
        { id: "es", language: "es", title: "Formación sobre datos de migración", summary: "", objectives: [1], group: "a" },
      ]),
    );
    const result = run([file, "--json"], { APERTIUM_COMMAND: join(folder, "no-apertium") });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Cross-language comparison is off");
    const lines = result.stdout.trim().split("\n");
    const figures = JSON.parse(lines[lines.length - 1] as string) as Record<string, { precision: number | null; recall: number | null; auc: number | null }>;
    // Ten pairs in English, three duplicates (a1-a2 scoring 0.9, a1-f and a2-f 0), seven others
    // (c1-c2 scoring 0.8, six at 0). Suggested at 0.3: a1-a2 and c1-c2. AUC: a1-a2 beats all 7,
    // each 0 loses to c1-c2 and ties six: (7 + 3 + 3) / 21.
    const english = { precision: 0.5, recall: 1 / 3, auc: 13 / 21 };
    expect(figures.sameLanguage?.precision).toBeCloseTo(english.precision, 10);
    expect(figures.sameLanguage?.recall).toBeCloseTo(english.recall, 10);
    expect(figures.sameLanguage?.auc).toBeCloseTo(english.auc, 10);
    expect(figures.all).toEqual(figures.sameLanguage);
    expect(figures.crossLanguage).toEqual({ precision: null, recall: null, auc: null });
  });

  it("refuses a file that is not a labelled list, saying what is wrong", () => {
    const file = join(folder, "bad.json");
    writeFileSync(file, JSON.stringify([{ id: "x", language: "de", title: "t", summary: "s", objectives: [], group: null }]));
    const result = run([file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/at 0\.language/);
    expect(run([]).stderr).toMatch(/usage: npm run proposals:similar-eval/);
  });

  it.skipIf(!apertiumInstalled)("meets the issue's target across languages on the project's fixture (skipped without Apertium)", () => {
    const result = run(["tests/fixtures/proposals-similarity.json", "--json"]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    const figures = JSON.parse(lines[lines.length - 1] as string) as { crossLanguage: { precision: number; recall: number } };
    expect(figures.crossLanguage.precision).toBeGreaterThanOrEqual(0.85);
    expect(figures.crossLanguage.recall).toBeGreaterThanOrEqual(0.85);
  });
});
