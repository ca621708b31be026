import type { Db } from "#db/connect.ts";
import { getEnv } from "./env.server.ts";
import type { LinkContext } from "./features/auth/sign-in-links.ts";
import { deliverMessage } from "./features/email/outbox.ts";
import { smtpTransport } from "./features/email/smtp.ts";
import type { Language } from "./i18n/languages.ts";

/** The site's address for links in e-mails: PUBLIC_URL, or the address this request came to. */
export function baseUrl(request: Request): string {
  return getEnv().PUBLIC_URL ?? new URL(request.url).origin;
}

/** Where a sign-in link sent during this request points, and whether it goes out by SMTP. */
export function linkContext(request: Request, language: Language): LinkContext {
  return { baseUrl: baseUrl(request), delivers: !!smtpTransport(getEnv()), language };
}

/** Hands a queued e-mail to the mail server without holding up the answer; the outbox tries again if this fails. */
export function deliverInBackground(db: Db, emailId: string): void {
  const transport = smtpTransport(getEnv());
  if (!transport) return;
  void deliverMessage(db, transport, emailId).catch((error: unknown) => console.error(`E-mail ${emailId} could not be delivered:`, error));
}
