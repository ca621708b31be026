import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { withMemberships, type CurrentUser } from "#app/features/auth/current-user.ts";
import { clearedSessionCookie, readSessionToken, sessionCookie } from "#app/features/auth/cookie.ts";
import { can, type Action, type Resource } from "#app/features/auth/permissions.ts";
import { validateSessionToken } from "#app/features/auth/sessions.ts";
import { databaseFault } from "#db/faults.ts";
import { getDb } from "./db.server.ts";
import { getEnv } from "./env.server.ts";

export function usesHttps(request: Request): boolean {
  const publicUrl = getEnv().PUBLIC_URL;
  return publicUrl ? publicUrl.startsWith("https://") : new URL(request.url).protocol === "https:";
}

export function cookieOptions(request: Request) {
  return { secure: usesHttps(request) };
}

export interface RequestUser {
  user: CurrentUser | null;
  /** A Set-Cookie header to send back: the renewed session, or its removal when it is no longer valid. */
  setCookie: string | null;
}

const cache = new WeakMap<Request, Promise<RequestUser>>();

/** The person signed in on this request, if any; looked up once per request, never renewed. */
export function getRequestUser(request: Request): Promise<RequestUser> {
  let pending = cache.get(request);
  if (!pending) {
    pending = lookUpUser(request, false);
    cache.set(request, pending);
  }
  return pending;
}

/**
 * The same, renewing a session past half its life: only for the root loader, which runs on
 * every document request and navigation and sends the renewed cookie back.
 */
export function getRenewedRequestUser(request: Request): Promise<RequestUser> {
  return lookUpUser(request, true);
}

async function lookUpUser(request: Request, renew: boolean): Promise<RequestUser> {
  const options = cookieOptions(request);
  const token = readSessionToken(request.headers.get("Cookie"), options);
  if (!token) return { user: null, setCookie: null };
  const db = getDb();
  const valid = await validateSessionToken(db, token, new Date(), { renew }).catch((error: unknown) => {
    // A database that takes no writes for now (full, read-only, busy) still lets people read:
    // the renewal waits for a later request.
    if (!renew || !databaseFault(error)) throw error;
    return validateSessionToken(db, token, new Date(), { renew: false });
  });
  if (!valid) return { user: null, setCookie: clearedSessionCookie(options) };
  return {
    user: await withMemberships(db, valid.user, valid.session.id),
    setCookie: valid.renewed ? sessionCookie(token, new Date(valid.session.expires_at), options) : null,
  };
}

export async function getUser(request: Request): Promise<CurrentUser | null> {
  return (await getRequestUser(request)).user;
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  return redirect(`/sign-in?${params}`);
}

/** The signed-in person, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) throw signInRedirect(request);
  return user;
}

/**
 * The signed-in person if they may take the action: anonymous visitors are sent to sign in,
 * signed-in people without the right get a 403.
 */
export async function requirePermission(request: Request, action: Action, resource?: Resource): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user, action, resource)) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return user;
}

export function clientIp(context: AppLoadContext | undefined): string | null {
  return context?.ip ?? null;
}
