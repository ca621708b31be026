import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeApertium } from "#tests/fake-apertium.ts";
import { BACKGROUND_PRIORITY, availability, isAvailable, route, translateBatch } from "./apertium.ts";

const folder = mkdtempSync(join(tmpdir(), "consulta-fake-apertium-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("translateBatch with a stand-in program", () => {
  it("sends many texts through one process per pair step and gives each its own translation back, in order", async () => {
    const fake = fakeApertium("upper", `tr 'a-z' 'A-Z' < "$last"`);
    const texts = Array.from({ length: 50 }, (_, index) => `proposal ${index}\nits summary`);
    const result = await translateBatch(texts, "en", "fr", { command: fake.command });
    expect(result).toEqual({ ok: true, texts: texts.map((text) => text.toUpperCase()) });
    expect(fake.calls().map((call) => call.split(" ").slice(0, 2).join(" "))).toEqual(["-u eng-spa", "-u es-fr"]);
  });

  it("runs at the lowest CPU priority, with the pipeline it starts, so that translating never slows the pages", async () => {
    const fake = fakeApertium("niceness", `nice > "$last.nice"; sh -c nice >> "$last.nice"; cp "$last.nice" "$(dirname "$0")/seen"; cat "$last"`);
    expect(await translateBatch(["one text"], "en", "es", { command: fake.command })).toMatchObject({ ok: true });
    expect(readFileSync(join(dirname(fake.command), "seen"), "utf8").split("\n").filter(Boolean)).toEqual([String(BACKGROUND_PRIORITY), String(BACKGROUND_PRIORITY)]);
  });

  it("splits a batch over the size limit into several processes", async () => {
    const fake = fakeApertium("split", `cat "$last"`);
    const texts = ["a".repeat(40), "b".repeat(40), "c".repeat(40)];
    expect(await translateBatch(texts, "fr", "es", { command: fake.command, maxBatchChars: 90 })).toEqual({ ok: true, texts });
    expect(fake.calls()).toHaveLength(2);
    expect(await translateBatch(["x".repeat(91)], "fr", "es", { command: fake.command, maxBatchChars: 90 })).toMatchObject({ ok: false, reason: "too-large" });
    expect(fake.calls()).toHaveLength(2);
  });

  it("reports a program that does not exist as not installed, without throwing", async () => {
    const command = join(folder, "no-such-apertium");
    expect(await availability({ command })).toMatchObject({ available: false, reason: "not-installed" });
    expect(await isAvailable({ command })).toBe(false);
    const result = await translateBatch(["text"], "en", "es", { command });
    expect(result).toMatchObject({ ok: false, reason: "not-installed" });
    expect(result.ok ? "" : result.message).toMatch(/apt-get install apertium/);
  });

  it("stops a process that takes too long and says so", async () => {
    const fake = fakeApertium("slow", "sleep 30");
    const started = Date.now();
    const result = await translateBatch(["text"], "en", "es", { command: fake.command, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("fails clearly when markers between texts do not come back, or the program fails", async () => {
    const lossy = fakeApertium("lossy", `sed 's/⁂//g' "$last"`);
    expect(await translateBatch(["one", "two"], "en", "es", { command: lossy.command })).toMatchObject({ ok: false, reason: "failed" });
    const broken = fakeApertium("broken", "echo 'Error: Mode eng-spa does not exist' >&2; exit 1");
    const result = await translateBatch(["one"], "en", "es", { command: broken.command });
    expect(result).toMatchObject({ ok: false, reason: "failed" });
    expect(result.ok ? "" : result.message).toMatch(/does not exist/);
  });

  it("says which pairs are missing", async () => {
    const fake = join(folder, "few-modes");
    writeFileSync(fake, "#!/bin/sh\nprintf 'eng-spa\\nspa-eng\\n'\n");
    chmodSync(fake, 0o755);
    expect(await availability({ command: fake })).toMatchObject({ available: false, reason: "pair-missing", message: expect.stringContaining("fr-es, es-fr") });
  });
});

describe("route", () => {
  it("goes through Spanish between English and French, directly otherwise", () => {
    expect(route("en", "fr")).toEqual(["eng-spa", "es-fr"]);
    expect(route("fr", "en")).toEqual(["fr-es", "spa-eng"]);
    expect(route("es", "en")).toEqual(["spa-eng"]);
    expect(route("fr", "fr")).toEqual([]);
  });
});

const installed = await isAvailable();
describe.skipIf(!installed)("translateBatch with Debian's Apertium (skipped where apertium or its en-es and fr-es pairs are not installed)", () => {
  it("translates a batch through the pivot, markers intact, every text in its place", async () => {
    const result = await translateBatch(["Migration data.", "Decent work for migrant workers.", "Capacity building."], "en", "es");
    expect(result.ok).toBe(true);
    const texts = result.ok ? result.texts : [];
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/migraci[oó]n/i);
    expect(texts[1]).toMatch(/trabajador/i);
    expect(texts.join(" ")).not.toMatch(/⁂|\*/);
    const french = await translateBatch(["Renforcement des capacités.", "Données migratoires."], "fr", "en");
    expect(french.ok && french.texts.length).toBe(2);
    expect(french.ok ? french.texts[1] : "").toMatch(/data/i);
  });
});
