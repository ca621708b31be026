/**
 * Machine translation with Debian's Apertium (server only: it runs a local program). Many texts
 * go through one process per pair step, joined by numbered marker lines Apertium leaves intact,
 * so a batch of proposals costs one start-up (about 0.3 s) rather than one per proposal.
 * Debian has no English-French pair: English and French go through Spanish (ADR 0016).
 */
import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type TranslationLanguage = "en" | "fr" | "es";

export interface ApertiumOptions {
  /** The apertium program (a path, or a name looked up in PATH). */
  command?: string;
  /** Longest a process may run before it is killed and the batch fails. */
  timeoutMs?: number;
  /** Most characters one process is given; a longer list is split into several processes. */
  maxBatchChars?: number;
}

export type TranslationFailureReason = "not-installed" | "pair-missing" | "timeout" | "too-large" | "failed";
export type TranslationResult = { ok: true; texts: string[] } | { ok: false; reason: TranslationFailureReason; message: string };
export type Availability = { available: true } | { available: false; reason: "not-installed" | "pair-missing" | "timeout" | "failed"; message: string };

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_BATCH_CHARS = 200_000;

/** Apertium's mode for each direction it has in Debian (apertium-eng-spa, apertium-fr-es). */
const MODES: Record<string, string> = { "en>es": "eng-spa", "es>en": "spa-eng", "fr>es": "fr-es", "es>fr": "es-fr" };
export const REQUIRED_MODES = Object.values(MODES);

/** The modes a translation goes through: direct, or through Spanish. */
export function route(from: TranslationLanguage, to: TranslationLanguage): string[] {
  if (from === to) return [];
  const direct = MODES[`${from}>${to}`];
  if (direct) return [direct];
  return [MODES[`${from}>es`] as string, MODES[`es>${to}`] as string];
}

type RunResult = { ok: true; stdout: string } | { ok: false; reason: "not-installed" | "timeout" | "failed"; message: string };

/**
 * Translation is background work: it runs at the lowest CPU priority, so that on a small server
 * a batch never slows the pages. Started through `nice` (coreutils), so that the program and the
 * pipeline it starts have that priority from their first instruction.
 */
export const BACKGROUND_PRIORITY = 19;
const NICE = "nice";
/** What `nice` ends with when it cannot find the program it was asked to start. */
const NOT_FOUND_EXIT = 127;

const notInstalled = (command: string): RunResult => ({
  ok: false,
  reason: "not-installed",
  message: `Apertium is not installed (${command} not found): apt-get install apertium apertium-eng-spa apertium-fr-es`,
});

/** Runs the program once; killed (its whole process group: apertium is a pipeline) on timeout. */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(NICE, ["-n", String(BACKGROUND_PRIORITY), command, ...args], { stdio: ["ignore", "pipe", "pipe"], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone: the close event settles it.
      }
      finish({ ok: false, reason: "timeout", message: `${command} ${args.join(" ")} took longer than ${timeoutMs} ms and was stopped` });
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      finish(error.code === "ENOENT" ? notInstalled(NICE) : { ok: false, reason: "failed", message: `${command}: ${error.message}` });
    });
    child.on("close", (code) => {
      if (code === 0) finish({ ok: true, stdout: Buffer.concat(stdout).toString("utf8") });
      else if (code === NOT_FOUND_EXIT) finish(notInstalled(command));
      else finish({ ok: false, reason: "failed", message: `${command} ${args.join(" ")} ended with ${code}: ${Buffer.concat(stderr).toString("utf8").trim().slice(0, 500)}` });
    });
  });
}

/**
 * Runs apertium on a file holding the input: its script reads stdin as /dev/stdin, which
 * cannot be opened when stdin is the socket Node gives a child.
 */
async function runOnFile(command: string, args: readonly string[], input: string, timeoutMs: number): Promise<RunResult> {
  const folder = await mkdtemp(join(tmpdir(), "consulta-apertium-"));
  try {
    const file = join(folder, "input.txt");
    await writeFile(file, input, "utf8");
    return await run(command, [...args, file], timeoutMs);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Whether Apertium and the four modes the pivot needs are installed. */
export async function availability(options: ApertiumOptions = {}): Promise<Availability> {
  const result = await run(options.command ?? "apertium", ["-l"], Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 10_000));
  if (!result.ok) return { available: false, reason: result.reason, message: result.message };
  const installed = new Set(result.stdout.split(/\s+/).filter(Boolean));
  const missing = REQUIRED_MODES.filter((mode) => !installed.has(mode));
  if (missing.length > 0) {
    return { available: false, reason: "pair-missing", message: `Apertium lacks the modes ${missing.join(", ")}: apt-get install apertium-eng-spa apertium-fr-es` };
  }
  return { available: true };
}

export async function isAvailable(options: ApertiumOptions = {}): Promise<boolean> {
  return (await availability(options)).available;
}

function separator(nonce: number, index: number): string {
  return `\n\n⁂ ${nonce} ${index} ⁂\n\n`;
}

/** Groups consecutive texts so that each group's characters stay within the limit. */
function chunks(texts: readonly string[], maxChars: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const text of texts) {
    if (current.length > 0 && size + text.length > maxChars) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(text);
    size += text.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** One process for a group of texts through one mode; the markers must come back, in order. */
async function translateGroup(texts: readonly string[], mode: string, command: string, timeoutMs: number): Promise<TranslationResult> {
  const nonce = randomInt(10_000_000, 99_999_999);
  // Line breaks inside a text would read as paragraph marks to no purpose; markers need their own lines.
  const input = texts.map((text, index) => (index === 0 ? "" : separator(nonce, index)) + text.replace(/\s*\n\s*/g, "\n")).join("");
  const result = await runOnFile(command, ["-u", mode], input, timeoutMs);
  if (!result.ok) return result;
  const pieces = result.stdout.split(new RegExp(`\\s*⁂ ${nonce} (\\d+) ⁂\\s*`));
  const translated = pieces.filter((_, index) => index % 2 === 0).map((piece) => piece.trim());
  const numbers = pieces.filter((_, index) => index % 2 === 1).map(Number);
  if (translated.length !== texts.length || numbers.some((number, index) => number !== index + 1)) {
    return { ok: false, reason: "failed", message: `Apertium (${mode}) changed the markers between texts: ${translated.length} texts came back for ${texts.length}` };
  }
  return { ok: true, texts: translated };
}

/**
 * Translates texts from one language into another: one Apertium process per group of texts
 * (groups of at most `maxBatchChars`) and per step (two through Spanish). Never throws:
 * a missing program, a missing pair, a timeout or a text over the limit is a failure result.
 */
export async function translateBatch(texts: readonly string[], from: TranslationLanguage, to: TranslationLanguage, options: ApertiumOptions = {}): Promise<TranslationResult> {
  const command = options.command ?? "apertium";
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxChars = options.maxBatchChars ?? DEFAULT_MAX_BATCH_CHARS;
  const tooLong = texts.findIndex((text) => text.length > maxChars);
  if (tooLong >= 0) return { ok: false, reason: "too-large", message: `Text ${tooLong + 1} has ${texts[tooLong]?.length} characters, more than the ${maxChars} one batch may hold` };
  let current = [...texts];
  for (const mode of route(from, to)) {
    const next: string[] = [];
    for (const group of chunks(current, maxChars)) {
      const result = await translateGroup(group, mode, command, timeoutMs);
      if (!result.ok) return result;
      next.push(...result.texts);
    }
    current = next;
  }
  return { ok: true, texts: current };
}
