import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, expect } from "vitest";
import { translateError } from "#app/components/forms.tsx";
import { getDb } from "#app/db.server.ts";
import { hasUnsafeCharacters } from "#app/features/text.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Database } from "#db/schema.ts";
import { BASE, outcome } from "#tests/helpers.ts";

/**
 * Building blocks for property-based fuzzing of the app's mutations and loaders: hostile values,
 * request bodies of every shape, and the invariants every answer must keep (never a server
 * error, a message with every refusal, nothing half-written).
 */

/** Fixed, so that every run tries the same cases and a failure comes back; FUZZ_SEED explores others. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20181010);

/**
 * Checks a property with the fixed seed, and reports a failure in a few lines: the error, and the
 * case cut short (cases hold strings of tens of kilobytes), with what reruns exactly that case.
 */
async function assertProperty<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { numRuns, seed: FUZZ_SEED, endOnFailure: true });
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const shown = fc.stringify(details.counterexample).replace(/(.)\1{40,}/gu, (run, char: string) => `${char}…×${run.length}`);
  throw new Error(`Failed after ${details.numRuns} cases (seed ${details.seed}, path "${details.counterexamplePath}"):\n${cause}\nCase: ${shown.slice(0, 2000)}`);
}

const SCRIPTS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "<svg/onload=alert(1)>", "{{constructor.constructor('alert(1)')()}}"];
const SQL = ["' OR '1'='1", "'; DROP TABLE response; --", '" OR 1=1 --', "1; SELECT * FROM user", "%' OR 1=1 --", "\\'; --"];
const FORMULAS = ['=HYPERLINK("http://evil.example","x")', "=1+2", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "=cmd|' /C calc'!A0"];
const NUMBERS = ["0", "-1", "1.5", "1e309", "NaN", "Infinity", "9007199254740993", "0x10", "-0"];
const DATES = ["2026-02-30T10:00", "2026-13-01T10:00", "2019-13-01", "2019-02-29", "2026-04-31", "2026-01-01T25:61", "0000-00-00T00:00", "9999-12-31T23:59", "2026-03-29T02:30", "2026-10-25T02:30", "2026-01-01", "yesterday", "2026-01-01T10:00:00Z"];
const ODD = ["", " ", "\u0000", "a\u0000b", "\t\r\n", "\u202eevil", "\u202agpj.exe\u202c", "\u2066isolated\u2069", "Caf\u0085e", "\u0080", "a\u009b31mb", "\u001b[2J", "\u200b", "\ufeff", "\ud800", "😀", "É\u0301", "𝕏", "null", "undefined", "true", "[]", "{}", "__proto__", "constructor", "../../etc/passwd", "%00", "%%%", "a&b=c"];
const HUGE = ["x".repeat(70_000), "Ω".repeat(5_000), "\u0000".repeat(3_000), "=".repeat(20_000)];

const HOSTILE_STRINGS: readonly string[] = [...SCRIPTS, ...SQL, ...FORMULAS, ...NUMBERS, ...DATES, ...ODD, ...HUGE];

/** Hostile text that is nonetheless valid text: a form accepts it and must store it as it came. */
export const storableText: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...SCRIPTS, ...SQL, ...FORMULAS), fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }));

/** Any text a client could send: the hostile classics, random unicode, control characters, numbers. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
  { weight: 1, arbitrary: fc.uuid() },
);

/**
 * Names conform and other parsers give a meaning to (paths, prototype keys, conform's reserved
 * fields), besides the form's own names and random ones.
 */
const SPECIAL_NAMES = ["__proto__", "__proto__.polluted", "constructor.prototype.polluted", "a[0]", "a[1].b", "x.y.z", "[]", "", "intent", "redirectTo", "_data", "__intent__", "__state__"];
const CONFORM_RESERVED_VALUES = ["garbage", "{", '{"type":"validate","payload":{"name":"email"}}', '{"type":"reset","payload":{}}', '{"type":"update","payload":{"name":"__proto__","value":{"polluted":1}}}', '{"type":"insert","payload":{"name":"audience"}}', "null", "1"];

function fieldName(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_NAMES) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  );
}

const fieldValue: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constantFrom(...CONFORM_RESERVED_VALUES) });

type Pair = [string, string];

/**
 * A request body. Forms go url-encoded or as multipart (with files where text is expected);
 * raw bodies are anything at all under any content type, malformed encodings included.
 */
export type Body =
  | { kind: "urlencoded"; pairs: Pair[] }
  | { kind: "multipart"; pairs: Pair[]; files: Pair[] }
  | { kind: "raw"; contentType: string | null; bytes: Uint8Array<ArrayBuffer> };

const CONTENT_TYPES = [
  null,
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-16",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "multipart/form-data; boundary=",
  "application/json",
  "text/plain",
  "application/octet-stream",
  "x/y; charset=utf-42",
  "",
];

const MALFORMED_TEXT = [
  "%%%garbage&&==",
  "a=%E0%A4%A&b=%",
  "%FF%FE=%C0%AF",
  "email=%00%00&password=%ZZ",
  "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n",
  "--x\r\nContent-Disposition: form-data; name=\"a\"; filename=\"../../x\"\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n--x--\r\n",
  "{not json",
  '{"intent":"save"',
  "\u0000\u0001\u0002",
  "=".repeat(10_000),
  "&".repeat(10_000),
];

const encoder = new TextEncoder();

export const rawBody: fc.Arbitrary<Body> = fc.record({
  contentType: fc.constantFrom(...CONTENT_TYPES),
  bytes: fc.oneof(
    fc.constantFrom(...MALFORMED_TEXT).map((text) => encoder.encode(text)),
    hostileText.map((text) => encoder.encode(text)),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => new Uint8Array(bytes)),
  ),
}).map((raw) => ({ kind: "raw" as const, ...raw }));

/** A valid form changed a little: fields dropped, replaced by hostile values, repeated, added. */
function mutated(valid: Record<string, string>): fc.Arbitrary<Pair[]> {
  const keys = Object.keys(valid);
  return fc
    .record({
      dropped: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      replaced: fc.dictionary(fc.constantFrom(...keys), fieldValue, { maxKeys: 2 }),
      repeated: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      extra: fc.array(fc.tuple(fieldName(keys), fieldValue), { maxLength: 2 }),
    })
    .map(({ dropped, replaced, repeated, extra }) => [
      ...keys.filter((key) => !dropped.includes(key)).map((key): Pair => [key, replaced[key] ?? (valid[key] as string)]),
      ...repeated.map((key): Pair => [key, valid[key] as string]),
      ...extra,
    ]);
}

/**
 * Form bodies for a form with these field names: random fields, a valid form (from `valid`)
 * changed a little, the valid form itself, and raw malformed bodies.
 */
export function formBody(fields: readonly string[], valid: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<Body> {
  const pairs = fc.oneof(
    { weight: 2, arbitrary: fc.array(fc.tuple(fieldName(fields), fieldValue), { maxLength: 14 }) },
    { weight: 4, arbitrary: valid.chain(mutated) },
    { weight: 3, arbitrary: valid.map((form) => Object.entries(form)) },
  );
  return fc.oneof(
    { weight: 6, arbitrary: pairs.map((list) => ({ kind: "urlencoded" as const, pairs: list })) },
    { weight: 2, arbitrary: fc.record({ pairs, files: fc.array(fc.tuple(fieldName(fields), hostileText), { maxLength: 2 }) }).map((form) => ({ kind: "multipart" as const, ...form })) },
    { weight: 1, arbitrary: rawBody },
  );
}

function bodyInit(body: Body): { body: BodyInit; contentType: string | null } {
  if (body.kind === "urlencoded") return { body: new URLSearchParams(body.pairs).toString(), contentType: "application/x-www-form-urlencoded" };
  if (body.kind === "raw") return { body: body.bytes, contentType: body.contentType };
  const form = new FormData();
  for (const [name, value] of body.pairs) form.append(name, value);
  for (const [name, content] of body.files) form.append(name, new File([content], "upload.html", { type: "text/html" }));
  // The multipart boundary is set by Request itself.
  return { body: form, contentType: null };
}

/** The value a body gives a field, when it can be told without the app's parser. */
export function formValue(body: Body, name: string): string | undefined {
  if (body.kind !== "raw") return body.pairs.find(([key]) => key === name)?.[1];
  return body.contentType?.startsWith("application/x-www-form-urlencoded") ? (new URLSearchParams(new TextDecoder().decode(body.bytes)).get(name) ?? undefined) : undefined;
}

export function postBody(path: string, body: Body, headers: Record<string, string> = {}): Request {
  const { body: init, contentType } = bodyInit(body);
  return new Request(`${BASE}${path}`, { method: "POST", body: init, headers: { ...(contentType === null ? {} : { "Content-Type": contentType }), ...headers } });
}

/** A query string as typed or forged: known keys and others, repeated, with any values, or malformed. */
export function queryString(keys: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(fc.tuple(fieldName(keys), hostileText), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()),
    fc.constantFrom("%", "%E0%A4%A", "a=%FF%FE", "&&&==", "lang=%00", "q=%ZZ", "type[]=state&type=partner", "redirectTo=%2F%2Fevil.example", "redirectTo=%2F%E6%97%A5%E6%9C%AC"),
  );
}

/** Text as one part of a URL; a lone surrogate, which no URL can hold, becomes U+FFFD as in a browser. */
export function urlSegment(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

/** Text that fits in an HTTP header value: the Fetch API refuses NUL, line breaks and code points above 255. */
export function headerSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000\r\n]|[^\u0000-\u00ff]/g, "");
}

export interface Answered {
  status: number;
  headers: Headers;
  /** The data returned, or a Response body parsed as JSON when it is JSON. */
  data: unknown;
  /** A Response's body as text; null for data returned by a loader or action. */
  text: string | null;
}

/**
 * Runs a loader or action as the framework would: a thrown Response is an answer; anything else
 * thrown would reach the visitor as a server error (500), and fails the property here.
 */
async function answer(run: () => Promise<unknown>): Promise<Answered> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw new Error(`A server error (500): ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
    result = thrown;
  }
  if (!(result instanceof Response)) return { ...outcome(result), text: null };
  const text = await result.text();
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON: a plain-text answer
  }
  return { status: result.status, headers: result.headers, data, text };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** The messages data carries for the reader: conform's errors, `error`, `message`, `problems`. */
function messagesOf(data: unknown): string[] {
  if (!isRecord(data)) return [];
  const found: string[] = [];
  const error = data.error;
  if (typeof error === "string") found.push(error);
  if (isRecord(error)) for (const list of Object.values(error)) if (Array.isArray(list)) found.push(...list.filter((item): item is string => typeof item === "string"));
  if (typeof data.message === "string") found.push(data.message);
  if (Array.isArray(data.problems)) for (const problem of data.problems) if (isRecord(problem) && typeof problem.message === "string") found.push(problem.message);
  if (isRecord(data.result)) found.push(...messagesOf(data.result));
  return found;
}

const english = translator("en");

/** A catalogue key (`form.tooLong:200`) that the page translates into a sentence. */
function expectCatalogueMessage(message: string): void {
  const key = message.split(":")[0] as string;
  expect(translateError(english, message), `"${message}" is not in the catalogue`).not.toBe(key);
}

/**
 * A refusal says why: a Response with a body (plain text, or JSON with a message, problems or a
 * reason the page explains), or data with catalogue messages (`uiMessage` names the one a page
 * shows from a flag, such as `{ ok: false }`).
 */
function expectExplained(answered: Answered, uiMessage?: (data: unknown) => string | undefined): void {
  if (answered.text !== null) {
    expect(answered.text.trim(), `a ${answered.status} with an empty body`).not.toBe("");
    if (isRecord(answered.data)) {
      const explained = messagesOf(answered.data).length > 0 || typeof answered.data.reason === "string";
      expect(explained, `a ${answered.status} without a message: ${answered.text.slice(0, 200)}`).toBe(true);
    }
    return;
  }
  const messages = [...messagesOf(answered.data), ...[uiMessage?.(answered.data)].filter((message): message is string => !!message)];
  expect(messages.length, `a ${answered.status} without a message: ${JSON.stringify(answered.data)?.slice(0, 300)}`).toBeGreaterThan(0);
  for (const message of messages) expectCatalogueMessage(message);
}

/** Accepted text holds no control or bidirectional-override characters, at any depth (item 5 of issue 8). */
export function expectSafeText(value: unknown, path = "stored"): void {
  if (typeof value === "string") expect(hasUnsafeCharacters(value, { multiline: true }), `${path}: ${JSON.stringify(value).slice(0, 200)}`).toBe(false);
  else if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) expectSafeText(inner, `${path}.${key}`);
}

/** A redirect never leads off the site. */
function expectSameSiteRedirect(answered: Answered): void {
  if (answered.status < 300 || answered.status >= 400) return;
  const location = answered.headers.get("Location") ?? "";
  expect(location, "a redirect without a Location").not.toBe("");
  expect(/^\/(?![/\\])/.test(location), `a redirect off the site: ${location}`).toBe(true);
}

const TABLES = ["user", "session", "organisation", "membership", "invitation", "email_outbox", "audit_event", "sign_in_link", "meeting", "survey_version", "consultation", "response", "response_revision"] as const satisfies readonly (keyof Database)[];

interface Snapshot {
  counts: Record<string, number>;
  watched: unknown;
}

/**
 * Row counts of every table in one query, and the rows a mutation could touch (`watch`). The
 * sign-in rows are left out: a refused password is recorded there on purpose.
 */
async function snapshot(watch?: () => Promise<unknown>): Promise<Snapshot> {
  const db = getDb();
  const counted = TABLES.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`);
  const { rows } = await sql<Record<string, number | string>>`select ${sql.join(counted)}`.execute(db);
  const counts = Object.fromEntries(Object.entries(rows[0] ?? {}).map(([table, n]) => [table, Number(n)]));
  return { counts, watched: watch ? await watch() : null };
}

/** How many cases each property ran, by status, printed once the file is done. */
const tally = new Map<string, Map<number, number>>();

function countCase(property: string, status: number): void {
  const statuses = tally.get(property) ?? new Map<number, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  tally.set(property, statuses);
}

export function printTallyAfterAll(title: string): void {
  afterAll(() => {
    const sum = (counts: Iterable<number>) => [...counts].reduce((total, n) => total + n, 0);
    const total = sum([...tally.values()].map((statuses) => sum(statuses.values())));
    const lines = [...tally.entries()].map(([property, statuses]) => {
      const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
      return `  ${String(sum(statuses.values())).padStart(5)}  ${property}: ${byStatus.join(" ")}`;
    });
    process.stdout.write(`\n${title}: ${total} cases (seed ${FUZZ_SEED})\n${lines.join("\n")}\n`);
  });
}

interface Prepared {
  /** Calls the loader or action with the request built for this case. */
  run: () => Promise<unknown>;
  /** The rows this case could touch, compared before and after a refusal. */
  watch?: () => Promise<unknown>;
}

export interface Property<T> {
  name: string;
  runs: number;
  input: fc.Arbitrary<T>;
  /** Builds the case's request; rows it needs (a fresh session, an invitation) are made here, before the snapshot. */
  prepare: (input: T) => Promise<Prepared>;
  /** A loader: nothing is written, whatever the answer. */
  readOnly?: boolean;
  /** The message a page shows for a refusal given as a flag (`{ ok: false }`). */
  uiMessage?: (data: unknown) => string | undefined;
  /** What an accepted case must have stored, whole. */
  accepted?: (answered: Answered, input: T) => Promise<void>;
}

/**
 * The properties every case keeps: no server error, no redirect off the site, no polluted
 * prototype; a refusal (4xx) says why and leaves every table as it was, as does any answer of a
 * loader; an acceptance stores what `accepted` expects.
 */
export async function checkProperty<T>(property: Property<T>): Promise<void> {
  await assertProperty(
    fc.asyncProperty(property.input, async (input) => {
      const { run, watch } = await property.prepare(input);
      const before = await snapshot(watch);
      const answered = await answer(run);
      countCase(property.name, answered.status);
      expect(answered.status, JSON.stringify(answered.data)?.slice(0, 300)).toBeLessThan(500);
      expectSameSiteRedirect(answered);
      expect(Object.prototype).not.toHaveProperty("polluted");
      if (answered.status >= 400) expectExplained(answered, property.uiMessage);
      if (answered.status >= 400 || property.readOnly) {
        expect(await snapshot(watch), `a ${answered.status} changed the database`).toEqual(before);
      } else {
        await property.accepted?.(answered, input);
      }
    }),
    property.runs,
  );
}
