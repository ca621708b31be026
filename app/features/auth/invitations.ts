import { isUniqueViolation, type Db } from "#db/connect.ts";
import type { Invitation, Organisation, Role } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { queueEmail, withdrawInvitationEmails } from "#app/features/email/outbox.ts";
import { addDays, isoNow, newId } from "#app/features/ids.ts";
import { rolesFor } from "#app/features/organisations/types.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { CurrentUser } from "./current-user.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { createSession, type NewSession } from "./sessions.ts";
import { normaliseEmail } from "./sign-in.ts";
import { PasswordChecksBusy } from "./password-gate.ts";
import { guardedPasswordCheck, recordSignIn, refusalOf, type PasswordRefusal } from "./throttle.ts";
import { generateToken, hashToken } from "./tokens.ts";

export const INVITATION_DAYS = 14;

export interface InviteInput {
  email: string;
  name?: string;
  organisationId: string;
  role: Role;
  language: Language;
}

export interface InviteContext {
  /** The site's address, for the link in the e-mail. */
  baseUrl: string;
  /** Whether an SMTP transport will send the e-mail; otherwise it stays in the outbox. */
  delivers: boolean;
  ip: string | null;
  now?: Date;
}

export type InviteResult =
  | { ok: true; invitationId: string; token: string; emailId: string }
  | { ok: false; reason: "unknown-organisation" | "role-not-allowed" | "already-member" };

/**
 * Invites a person into an organisation with a role: a single-use link valid for 14 days, sent
 * by e-mail in the invitee's language. An earlier pending invitation to the same place is revoked.
 */
export async function invite(db: Db, actor: CurrentUser, input: InviteInput, context: InviteContext): Promise<InviteResult> {
  const now = context.now ?? new Date();
  const email = normaliseEmail(input.email);
  return db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom("organisation").selectAll().where("id", "=", input.organisationId).executeTakeFirst();
    if (!organisation) return { ok: false as const, reason: "unknown-organisation" as const };
    if (!rolesFor(organisation.type).includes(input.role)) return { ok: false as const, reason: "role-not-allowed" as const };
    const member = await trx
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.user_id")
      .select("membership.id")
      .where("user.email", "=", email)
      .where("membership.organisation_id", "=", organisation.id)
      .executeTakeFirst();
    if (member) return { ok: false as const, reason: "already-member" as const };

    const replaced = await trx
      .updateTable("invitation")
      .set({ revoked_at: isoNow(now) })
      .where("email", "=", email)
      .where("organisation_id", "=", organisation.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    await withdrawInvitationEmails(trx, replaced.map(({ id }) => id));

    const token = generateToken(32);
    const invitationId = newId();
    await trx
      .insertInto("invitation")
      .values({
        id: invitationId,
        token_hash: hashToken(token),
        email,
        name: input.name?.trim() || null,
        organisation_id: organisation.id,
        role: input.role,
        language: input.language,
        invited_by: actor.id,
        created_at: isoNow(now),
        expires_at: isoNow(addDays(now, INVITATION_DAYS)),
        accepted_at: null,
        accepted_user_id: null,
        revoked_at: null,
      })
      .execute();
    const message = invitationEmail({ email, organisation, role: input.role, language: input.language, link: `${context.baseUrl}/invite/${token}`, expiresAt: addDays(now, INVITATION_DAYS) });
    const emailId = await queueEmail(trx, { ...message, invitationId }, { delivers: context.delivers, now });
    await recordAudit(trx, {
      action: "invitation.created",
      actorUserId: actor.id,
      targetType: "invitation",
      targetId: invitationId,
      organisationId: organisation.id,
      ip: context.ip,
      now,
      detail: { email, role: input.role },
    });
    return { ok: true as const, invitationId, token, emailId };
  });
}

function invitationEmail(input: {
  email: string;
  organisation: Organisation;
  role: Role;
  language: Language;
  link: string;
  expiresAt: Date;
}) {
  const t = translator(input.language);
  const organisation = organisationName(input.organisation, input.language);
  const expires = new Intl.DateTimeFormat(input.language, { dateStyle: "long", timeZone: "Europe/Zurich" }).format(input.expiresAt);
  return {
    kind: "invitation",
    to: input.email,
    subject: t("email.invitation.subject", { organisation }),
    text: t("email.invitation.body", {
      organisation,
      role: t(`role.${input.role}`),
      link: input.link,
      expires,
    }),
  };
}

export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";

export function invitationStatus(invitation: Pick<Invitation, "accepted_at" | "revoked_at" | "expires_at">, now: Date = new Date()): InvitationStatus {
  if (invitation.accepted_at) return "accepted";
  if (invitation.revoked_at) return "revoked";
  if (invitation.expires_at <= isoNow(now)) return "expired";
  return "pending";
}

export type InvitationLookup =
  | { status: "pending"; invitation: Invitation; organisation: Organisation; existingUser: boolean }
  | { status: "unknown" | "accepted" | "expired" | "revoked" };

export async function findInvitation(db: Db, token: string, now: Date = new Date()): Promise<InvitationLookup> {
  if (!/^[a-z2-7]{20,80}$/.test(token)) return { status: "unknown" };
  const invitation = await db.selectFrom("invitation").selectAll().where("token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!invitation) return { status: "unknown" };
  const status = invitationStatus(invitation, now);
  if (status !== "pending") return { status };
  const organisation = await db.selectFrom("organisation").selectAll().where("id", "=", invitation.organisation_id).executeTakeFirstOrThrow();
  const existing = await db.selectFrom("user").select("id").where("email", "=", invitation.email).executeTakeFirst();
  return { status: "pending", invitation, organisation, existingUser: !!existing };
}

export interface AcceptInput {
  token: string;
  /** For a new account: the name to show and the password chosen. */
  name?: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  now?: Date;
}

export type AcceptResult =
  | ({ ok: true; userId: string; organisationId: string } & NewSession)
  | { ok: false; reason: "unknown" | "accepted" | "expired" | "revoked" | "wrong-password" | "name-required" }
  | PasswordRefusal;

/**
 * Accepts an invitation once: a new person chooses a name and password; someone who already has
 * an account confirms with their password. The person is signed in with a new session.
 */
export async function acceptInvitation(db: Db, input: AcceptInput): Promise<AcceptResult> {
  const now = input.now ?? new Date();
  const found = await findInvitation(db, input.token, now);
  if (found.status !== "pending") return { ok: false, reason: found.status };
  const { invitation } = found;
  const existing = await db
    .selectFrom("user")
    .select(["id", "password_hash", "disabled_at"])
    .where("email", "=", invitation.email)
    .executeTakeFirst();
  if (existing?.disabled_at) return { ok: false, reason: "revoked" };
  let attemptId: string | undefined;
  if (existing) {
    const check = await guardedPasswordCheck(db, {
      account: invitation.email,
      ip: input.ip,
      now,
      check: async () => !!existing.password_hash && (await verifyPassword(input.password, existing.password_hash)),
    });
    const refused = refusalOf(check);
    if (refused) return refused;
    if (check.outcome !== "valid") return { ok: false, reason: "wrong-password" };
    attemptId = check.attemptId;
  } else if (!input.name?.trim()) {
    return { ok: false, reason: "name-required" };
  }
  let passwordHash: string | null = null;
  try {
    if (!existing) passwordHash = await hashPassword(input.password);
  } catch (error) {
    if (error instanceof PasswordChecksBusy) return { ok: false, reason: "busy", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }

  try {
    return await claimAndJoin(db, { input, invitation, now, existingUserId: existing?.id, passwordHash, attemptId });
  } catch (error) {
    // Two invitations to the same new address, accepted at the same moment: the second loses.
    if (isUniqueViolation(error)) return { ok: false, reason: "accepted" };
    throw error;
  }
}

async function claimAndJoin(
  db: Db,
  {
    input,
    invitation,
    now,
    existingUserId,
    passwordHash,
    attemptId,
  }: { input: AcceptInput; invitation: Invitation; now: Date; existingUserId?: string; passwordHash: string | null; attemptId?: string },
): Promise<AcceptResult> {
  return db.transaction().execute(async (trx) => {
    // The guard in the WHERE clause makes a second, concurrent acceptance of the same link fail.
    const claimed = await trx
      .updateTable("invitation")
      .set({ accepted_at: isoNow(now) })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", isoNow(now))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false as const, reason: "accepted" as const };

    let userId = existingUserId;
    if (!userId) {
      userId = newId();
      await trx
        .insertInto("user")
        .values({
          id: userId,
          email: invitation.email,
          name: (input.name ?? "").trim(),
          password_hash: passwordHash,
          preferred_language: invitation.language,
          created_at: isoNow(now),
          updated_at: isoNow(now),
          disabled_at: null,
        })
        .execute();
    }
    await trx.updateTable("invitation").set({ accepted_user_id: userId }).where("id", "=", invitation.id).execute();
    const alreadyMember = await trx
      .selectFrom("membership")
      .select("id")
      .where("user_id", "=", userId)
      .where("organisation_id", "=", invitation.organisation_id)
      .executeTakeFirst();
    if (!alreadyMember) {
      await trx
        .insertInto("membership")
        .values({ id: newId(), user_id: userId, organisation_id: invitation.organisation_id, role: invitation.role, created_at: isoNow(now) })
        .execute();
    }
    await recordAudit(trx, {
      action: "invitation.accepted",
      actorUserId: userId,
      targetType: "invitation",
      targetId: invitation.id,
      organisationId: invitation.organisation_id,
      ip: input.ip,
      now,
    });
    const session = await createSession(trx, userId, { ip: input.ip, userAgent: input.userAgent, now });
    // Accepting signs the person in: recorded as a sign-in, the people page shows it as their last one.
    await recordSignIn(trx, { userId, account: invitation.email, ip: input.ip, now, method: "invitation", attemptId });
    return { ok: true as const, userId, organisationId: invitation.organisation_id, ...session };
  });
}

export interface InvitationListItem {
  id: string;
  email: string;
  name: string | null;
  organisationId: string;
  organisation: Pick<Organisation, "type" | "name" | "country_code">;
  role: Role;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
}

export async function listInvitations(db: Db, now: Date = new Date(), { limit = 300 }: { limit?: number } = {}): Promise<InvitationListItem[]> {
  const rows = await db
    .selectFrom("invitation")
    .innerJoin("organisation", "organisation.id", "invitation.organisation_id")
    .select([
      "invitation.id",
      "invitation.email",
      "invitation.name",
      "invitation.organisation_id",
      "invitation.role",
      "invitation.created_at",
      "invitation.expires_at",
      "invitation.accepted_at",
      "invitation.revoked_at",
      "organisation.type",
      "organisation.name as organisation_name",
      "organisation.country_code",
    ])
    .orderBy("invitation.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    organisationId: row.organisation_id,
    organisation: { type: row.type, name: row.organisation_name, country_code: row.country_code },
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: invitationStatus(row, now),
  }));
}

export async function revokeInvitation(db: Db, actor: CurrentUser, id: string, context: { ip: string | null; now?: Date }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("invitation")
      .set({ revoked_at: isoNow(context.now) })
      .where("id", "=", id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("organisation_id")
      .executeTakeFirst();
    if (!result) return false;
    await withdrawInvitationEmails(trx, [id]);
    await recordAudit(trx, {
      action: "invitation.revoked",
      actorUserId: actor.id,
      targetType: "invitation",
      targetId: id,
      organisationId: result.organisation_id,
      ip: context.ip,
      now: context.now,
    });
    return true;
  });
}
