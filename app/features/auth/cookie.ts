import { parse, serialize } from "cookie";

export interface CookieOptions {
  secure: boolean;
}

/** `__Host-` binds the cookie to this exact origin; browsers accept the prefix only over https. */
export function sessionCookieName({ secure }: CookieOptions): string {
  return secure ? "__Host-consulta_session" : "consulta_session";
}

export function readSessionToken(cookieHeader: string | null, options: CookieOptions): string | null {
  if (!cookieHeader) return null;
  return parse(cookieHeader)[sessionCookieName(options)] ?? null;
}

export function sessionCookie(token: string, expiresAt: Date, options: CookieOptions): string {
  return serialize(sessionCookieName(options), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: options.secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(options: CookieOptions): string {
  return serialize(sessionCookieName(options), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: options.secure,
    path: "/",
    maxAge: 0,
  });
}
