// Measures the duplicate suggestions on a labelled file (no server, no database):
// `npm run proposals:similar-eval -- <fixture.json> [--json]`. Pairs in two languages are compared
// through Apertium's translations into Spanish (one process per batch); without Apertium only
// same-language pairs are measured. APERTIUM_COMMAND names another apertium program.
import { readFileSync } from "node:fs";
import { availability } from "../app/features/translation/apertium.ts";
import { evaluate, labelledFileSchema, scorePairs, type Metrics } from "../app/features/proposals/similarity/evaluate.ts";
import { translateToPivot } from "../app/features/proposals/similarity/pivot.ts";
import { DEFAULT_THRESHOLD } from "../app/features/proposals/similarity/similar.ts";

const USAGE = "usage: npm run proposals:similar-eval -- <fixture.json> [--json]";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((arg) => arg !== "--json");
const unknown = files.filter((arg) => arg.startsWith("--"));
if (unknown.length > 0) fail(`unknown option ${unknown.join(", ")}\n${USAGE}`);
if (files.length !== 1) fail(USAGE);
const file = files[0] as string;

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  fail(`${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
}
const parsed = labelledFileSchema.safeParse(raw);
if (!parsed.success) {
  fail(`${file} is not a list of {"id", "language", "title", "summary", "objectives", "group"}:\n${parsed.error.issues.map((issue) => `  at ${issue.path.join(".") || "top"}: ${issue.message}`).join("\n")}`);
}
const items = parsed.data;

const options = process.env.APERTIUM_COMMAND ? { command: process.env.APERTIUM_COMMAND } : {};
let pivotTexts: Map<string, string> | null = null;
const apertium = await availability(options);
if (apertium.available) {
  const started = performance.now();
  const translated = await translateToPivot(items, options);
  if (translated.ok) {
    pivotTexts = translated.pivotTexts;
    console.log(`Translated ${pivotTexts.size} proposals into Spanish with Apertium in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } else {
    console.log(`Cross-language comparison is off: the translation failed (${translated.message}).`);
  }
} else {
  console.log(`Cross-language comparison is off: ${apertium.message}.`);
}

const report = evaluate(scorePairs(items, pivotTexts), DEFAULT_THRESHOLD);
const counts = ["en", "fr", "es"].map((language) => `${language} ${items.filter((item) => item.language === language).length}`).join(", ");
console.log(`${items.length} proposals (${counts}); default threshold ${DEFAULT_THRESHOLD}.`);

const figure = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));
const row = (label: string, m: Metrics) =>
  `${label.padEnd(15)}${String(m.pairs).padStart(7)}${String(m.duplicates).padStart(12)}${figure(m.precision).padStart(11)}${figure(m.recall).padStart(8)}${figure(m.auc).padStart(9)}`;
console.log(`${"pairs".padStart(22)}${"duplicates".padStart(12)}${"precision".padStart(11)}${"recall".padStart(8)}${"ROC-AUC".padStart(9)}`);
console.log(row("all", report.all));
console.log(row("same language", report.sameLanguage));
console.log(pivotTexts ? row("cross-language", report.crossLanguage) : `${"cross-language".padEnd(15)} off (no Apertium)`);

if (json) {
  const figures = ({ precision, recall, auc }: Metrics) => ({ precision, recall, auc });
  console.log(JSON.stringify({ all: figures(report.all), sameLanguage: figures(report.sameLanguage), crossLanguage: figures(report.crossLanguage) }));
}
