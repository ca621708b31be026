import type { Db } from "#db/connect.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { queueEmail } from "#app/features/email/outbox.ts";
import { addMinutes, isoNow, newId } from "#app/features/ids.ts";
import { translator } from "#app/i18n/i18n.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import { createSession, type NewSession } from "./sessions.ts";
import { recordSignIn } from "./throttle.ts";
import { generateToken, hashToken } from "./tokens.ts";

/** A sign-in link works once, for this long. */
export const SIGN_IN_LINK_MINUTES = 15;
/** One link at a time: another is sent only once the last one is this old (or used). */
const RESEND_AFTER_MINUTES = 5;

export interface LinkContext {
  /** The site's address, for the link in the e-mail. */
  baseUrl: string;
  /** Whether an SMTP transport will send the e-mail; otherwise it stays in the outbox. */
  delivers: boolean;
  /** The language of the request, for a person who has not chosen one. */
  language: Language;
}

/**
 * Sends a one-time sign-in link to the person's mailbox, in their language, inside the caller's
 * transaction: the proof asked of an account under attack once the right password was given.
 * Returns the e-mail's id, or null when a link sent moments ago is still unused (the mailbox is
 * not flooded by someone who knows the password).
 */
export async function sendSignInLink(
  db: Db,
  user: { id: string; email: string; preferredLanguage: string | null },
  context: LinkContext & { ip: string | null; now: Date },
): Promise<string | null> {
  const recent = await db
    .selectFrom("sign_in_link")
    .select("id")
    .where("user_id", "=", user.id)
    .where("used_at", "is", null)
    .where("created_at", ">", isoNow(addMinutes(context.now, -RESEND_AFTER_MINUTES)))
    .executeTakeFirst();
  if (recent) return null;
  const token = generateToken(32);
  const id = newId();
  await db
    .insertInto("sign_in_link")
    .values({
      id,
      user_id: user.id,
      token_hash: hashToken(token),
      created_at: isoNow(context.now),
      expires_at: isoNow(addMinutes(context.now, SIGN_IN_LINK_MINUTES)),
      used_at: null,
      ip: context.ip,
    })
    .execute();
  const t = translator(isLanguage(user.preferredLanguage) ? user.preferredLanguage : context.language);
  const emailId = await queueEmail(
    db,
    {
      kind: "sign_in_link",
      to: user.email,
      subject: t("email.signInLink.subject"),
      text: t("email.signInLink.body", { link: `${context.baseUrl}/sign-in-link/${token}`, minutes: SIGN_IN_LINK_MINUTES }),
    },
    { delivers: context.delivers, now: context.now },
  );
  await recordAudit(db, { action: "auth.sign_in_link_sent", actorUserId: user.id, targetType: "user", targetId: user.id, ip: context.ip, now: context.now });
  return emailId;
}

export type SignInLinkStatus = "unknown" | "used" | "expired";
export type SignInLinkLookup = { status: "pending"; email: string } | { status: SignInLinkStatus };

const TOKEN = /^[a-z2-7]{40,80}$/;

export async function findSignInLink(db: Db, token: string, now: Date = new Date()): Promise<SignInLinkLookup> {
  if (!TOKEN.test(token)) return { status: "unknown" };
  const link = await db
    .selectFrom("sign_in_link")
    .innerJoin("user", "user.id", "sign_in_link.user_id")
    .select(["sign_in_link.used_at", "sign_in_link.expires_at", "user.email", "user.disabled_at"])
    .where("sign_in_link.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!link || link.disabled_at) return { status: "unknown" };
  if (link.used_at) return { status: "used" };
  if (link.expires_at <= isoNow(now)) return { status: "expired" };
  return { status: "pending", email: link.email };
}

export type LinkSignInResult = ({ ok: true; userId: string; preferredLanguage: string | null } & NewSession) | { ok: false; reason: SignInLinkStatus };

/**
 * Signs in through a link, once: a sign-in like any other (a new session, `auth.sign_in` in the
 * audit trail, a success for the limits of its address), in one transaction.
 */
export async function signInWithLink(db: Db, input: { token: string; ip: string | null; userAgent?: string | null; now?: Date }): Promise<LinkSignInResult> {
  const now = input.now ?? new Date();
  const found = await findSignInLink(db, input.token, now);
  if (found.status !== "pending") return { ok: false, reason: found.status };
  return db.transaction().execute(async (trx) => {
    // The guard in the WHERE clause makes a second, concurrent use of the same link fail.
    const claimed = await trx
      .updateTable("sign_in_link")
      .set({ used_at: isoNow(now) })
      .where("token_hash", "=", hashToken(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", isoNow(now))
      .returning("user_id")
      .executeTakeFirst();
    if (!claimed) return { ok: false as const, reason: "used" as const };
    const user = await trx.selectFrom("user").select(["id", "email", "preferred_language"]).where("id", "=", claimed.user_id).executeTakeFirstOrThrow();
    const session = await createSession(trx, user.id, { ip: input.ip, userAgent: input.userAgent, now });
    await recordSignIn(trx, { userId: user.id, account: user.email, ip: input.ip, now, method: "link" });
    return { ok: true as const, userId: user.id, preferredLanguage: user.preferred_language, ...session };
  });
}
