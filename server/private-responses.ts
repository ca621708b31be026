import type { NextFunction, Request, Response } from "express";
import { sessionCookieName } from "../app/features/auth/cookie.ts";

export const PRIVATE_NO_STORE = "private, no-store";

const SESSION_COOKIES = [sessionCookieName({ secure: true }), sessionCookieName({ secure: false })];

/**
 * Every response to a signed-in person (a request carrying the session cookie), or one that sets
 * a cookie, is `Cache-Control: private, no-store`: pages, data requests and JSON alike hold what
 * only that person may see (people, live invitation links, answers, receipts), and no cache,
 * shared or on a shared computer, may keep it. A route's own private caching (a survey version,
 * content-addressed) is kept. Set as the head goes out, so that it has the last word over
 * whatever the route set.
 */
export function privateResponses() {
  return (req: Request, res: Response, next: NextFunction) => {
    const signedIn = hasSessionCookie(req.headers.cookie);
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (signedIn || this.hasHeader("Set-Cookie")) this.setHeader("Cache-Control", privateCacheControl(this.getHeader("Cache-Control")));
      return (writeHead as (...args: unknown[]) => Response).apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}

function hasSessionCookie(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(";").some((pair) => SESSION_COOKIES.includes(pair.split("=")[0]?.trim() ?? ""));
}

/** The route's value when it already keeps the response private, otherwise private, no-store. */
export function privateCacheControl(current: number | string | string[] | undefined): string {
  const value = Array.isArray(current) ? current.join(", ") : String(current ?? "");
  return /(^|[\s,])private([\s,]|$)/.test(value) ? value : PRIVATE_NO_STORE;
}
