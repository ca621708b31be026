import { parse } from "cookie";
import Negotiator from "negotiator";
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from "./languages.ts";

export const LANGUAGE_COOKIE = "consulta_lang";
export const LANGUAGE_PARAM = "lang";

/**
 * The language of a request: `?lang=` in the URL first, then the language cookie, then the
 * browser's Accept-Language, then English.
 */
export function detectLanguage(request: Request): Language {
  const fromUrl = new URL(request.url).searchParams.get(LANGUAGE_PARAM);
  if (isLanguage(fromUrl)) return fromUrl;
  const fromCookie = parse(request.headers.get("Cookie") ?? "")[LANGUAGE_COOKIE];
  if (isLanguage(fromCookie)) return fromCookie;
  return negotiateLanguage(request.headers.get("Accept-Language"));
}

export function negotiateLanguage(acceptLanguage: string | null): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const best = new Negotiator({ headers: { "accept-language": acceptLanguage } }).language([...LANGUAGES]);
  return isLanguage(best) ? best : DEFAULT_LANGUAGE;
}

export function languageCookie(language: Language, secure: boolean): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
