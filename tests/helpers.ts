import type { AppLoadContext } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { sessionCookieName } from "#app/features/auth/cookie.ts";
import { loadCurrentUser, type CurrentUser } from "#app/features/auth/current-user.ts";
import { PASSWORD_GATE, passwordGate } from "#app/features/auth/password-gate.ts";
import { createSession } from "#app/features/auth/sessions.ts";
import { queueEmail } from "#app/features/email/outbox.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import type { Role } from "#db/schema.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "#db/seed.ts";

export { DEMO_PASSWORD };

export const BASE = "http://localhost:3000";
export const context: AppLoadContext = { nonce: "test-nonce", ip: "127.0.0.1" };

export function demoEmail(role: Role): string {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`No demo account for ${role}`);
  return account.email;
}

/** A session cookie for an existing account, made without going through the sign-in form. */
export async function cookieFor(email: string): Promise<string> {
  const db = getDb();
  const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const { token } = await createSession(db, user.id);
  return `${sessionCookieName({ secure: false })}=${token}`;
}

export async function currentUserFor(email: string): Promise<CurrentUser> {
  const db = getDb();
  const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const loaded = await loadCurrentUser(db, user.id, "test-session");
  if (!loaded) throw new Error(`No user ${email}`);
  return loaded;
}

/** A new person in an organisation, with the demo password (its hash is copied, not recomputed). */
export async function createMember(organisationId: string, role: Role, email = `${newId()}@example.org`): Promise<CurrentUser> {
  const db = getDb();
  const template = await db.selectFrom("user").select("password_hash").where("email", "=", demoEmail("admin")).executeTakeFirstOrThrow();
  const id = newId();
  const now = isoNow();
  await db
    .insertInto("user")
    .values({ id, email, name: `Test ${role}`, password_hash: template.password_hash, preferred_language: null, created_at: now, updated_at: now, disabled_at: null })
    .execute();
  await db.insertInto("membership").values({ id: newId(), user_id: id, organisation_id: organisationId, role, created_at: now }).execute();
  return currentUserFor(email);
}

export async function stateId(countryCode: string): Promise<string> {
  const row = await getDb()
    .selectFrom("organisation")
    .select("id")
    .where("type", "=", "state")
    .where("country_code", "=", countryCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

export function get(path: string, init: { cookie?: string; headers?: Record<string, string> } = {}): Request {
  return new Request(`${BASE}${path}`, { headers: { ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
}

export function post(path: string, fields: Record<string, string>, init: { cookie?: string; headers?: Record<string, string> } = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers },
  });
}

/** Runs a loader or action and returns what it threw or returned, as the framework would see it. */
export async function settle<T>(run: () => Promise<T>): Promise<T | Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export interface Outcome {
  status: number;
  headers: Headers;
  data: unknown;
}

/** What a loader or action produced: a Response, a `data()` value with its status, or plain data. */
export function outcome(result: unknown): Outcome {
  if (result instanceof Response) return { status: result.status, headers: result.headers, data: null };
  if (result && typeof result === "object" && (result as { type?: unknown }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, headers: new Headers(init?.headers), data };
  }
  return { status: 200, headers: new Headers(), data: result };
}

/** An e-mail to `to` that the mail server refused for good, as "Send again" finds it. */
export async function failedEmail(to: string): Promise<string> {
  const db = getDb();
  const id = await queueEmail(db, { kind: "test", to, subject: "Refused", text: "x" }, { delivers: true });
  await db.updateTable("email_outbox").set({ status: "failed", attempts: 1, error: "550 No such user" }).where("id", "=", id).execute();
  return id;
}

/** Runs `run` while every place of the process's password gate is taken, then frees them. */
export async function whilePasswordGateFull<T>(run: () => Promise<T>): Promise<T> {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  // Checks still under way (a test that gave up on them) hold places too: take the rest.
  const taken: Promise<void>[] = [];
  while (!passwordGate.full() && taken.length < PASSWORD_GATE.running + PASSWORD_GATE.waiting) taken.push(passwordGate.run(() => opened));
  try {
    return await run();
  } finally {
    open();
    await Promise.all(taken);
  }
}
