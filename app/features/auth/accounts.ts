import { sql } from "kysely";
import type { Db } from "#db/connect.ts";
import type { Organisation, Role } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { isoNow } from "#app/features/ids.ts";
import { rolesFor } from "#app/features/organisations/types.ts";
import type { CurrentUser } from "./current-user.ts";
import { invalidateUserSessions } from "./sessions.ts";

/** What the secretariat may do to an account: end it for now, let it back in, change a member's role. */
export type AccountChange = { kind: "deactivate"; userId: string } | { kind: "reactivate"; userId: string } | { kind: "role"; membershipId: string; role: Role };

export type AccountRefusal = "not-found" | "self" | "last-admin" | "role-not-allowed" | "unchanged";

/** The account (and membership) a change is about, as the confirmation step shows it. */
export interface AccountChangeSubject {
  userId: string;
  name: string;
  email: string;
  membership: { organisationId: string; organisation: Pick<Organisation, "type" | "name" | "country_code">; role: Role } | null;
}

export type AccountCheck = { ok: true; subject: AccountChangeSubject } | { ok: false; reason: AccountRefusal };

interface Context {
  ip: string | null;
  now?: Date;
}

/** Distinct people holding the administrator role on an active account. */
async function activeAdministrators(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select("user.id")
    .distinct()
    .where("membership.role", "=", "admin")
    .where("user.disabled_at", "is", null)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes the write locks of every administrator's account before counting them, so that two
 * administrators removing each other at the same moment cannot both pass the "last one" check:
 * on PostgreSQL the second waits for the first to commit, then counts again; SQLite's
 * transactions already run one at a time.
 */
async function lockAdministrators(db: Db): Promise<void> {
  await db
    .updateTable("user")
    .set({ updated_at: sql`updated_at` })
    .where("id", "in", db.selectFrom("membership").select("user_id").where("role", "=", "admin"))
    .execute();
}

async function subjectOf(db: Db, change: AccountChange): Promise<AccountChangeSubject | undefined> {
  if (change.kind !== "role") {
    const user = await db.selectFrom("user").select(["id", "name", "email"]).where("id", "=", change.userId).executeTakeFirst();
    return user && { userId: user.id, name: user.name, email: user.email, membership: null };
  }
  const row = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["user.id", "user.name", "user.email", "membership.organisation_id", "organisation.type", "organisation.name as organisation_name", "organisation.country_code", "membership.role"])
    .where("membership.id", "=", change.membershipId)
    .executeTakeFirst();
  if (!row) return undefined;
  const organisation = { type: row.type, name: row.organisation_name, country_code: row.country_code };
  return { userId: row.id, name: row.name, email: row.email, membership: { organisationId: row.organisation_id, organisation, role: row.role } };
}

/** Whether a change is allowed now, and whom it is about: for the confirmation step and again when it is made. */
export async function checkAccountChange(db: Db, actor: CurrentUser, change: AccountChange): Promise<AccountCheck> {
  const subject = await subjectOf(db, change);
  if (!subject) return { ok: false, reason: "not-found" };
  // The secretariat cannot lock itself out: nobody deactivates or demotes themselves.
  if (subject.userId === actor.id && change.kind !== "reactivate") return { ok: false, reason: "self" };
  const disabled = (await db.selectFrom("user").select("disabled_at").where("id", "=", subject.userId).executeTakeFirstOrThrow()).disabled_at !== null;
  if (change.kind === "deactivate" && disabled) return { ok: false, reason: "unchanged" };
  if (change.kind === "reactivate" && !disabled) return { ok: false, reason: "unchanged" };
  if (change.kind === "role" && subject.membership) {
    if (!rolesFor(subject.membership.organisation.type).includes(change.role)) return { ok: false, reason: "role-not-allowed" };
    if (subject.membership.role === change.role) return { ok: false, reason: "unchanged" };
  }
  if (await removesLastAdministrator(db, change, subject)) return { ok: false, reason: "last-admin" };
  return { ok: true, subject };
}

async function removesLastAdministrator(db: Db, change: AccountChange, subject: AccountChangeSubject): Promise<boolean> {
  if (change.kind === "reactivate") return false;
  if (change.kind === "role" && subject.membership?.role !== "admin") return false;
  const admins = await activeAdministrators(db);
  if (!admins.includes(subject.userId) || admins.length > 1) return false;
  if (change.kind === "deactivate") return true;
  // Demoted here, they stay an administrator if another of their memberships says so.
  const otherAdminMembership = await db
    .selectFrom("membership")
    .select("id")
    .where("user_id", "=", subject.userId)
    .where("role", "=", "admin")
    .where("id", "!=", change.membershipId)
    .executeTakeFirst();
  return !otherAdminMembership;
}

/**
 * Makes a change the secretariat confirmed, checked again inside the transaction: deactivating
 * ends the person's sessions at once (a deactivated account cannot sign in, nor use a session).
 */
export async function applyAccountChange(db: Db, actor: CurrentUser, change: AccountChange, context: Context): Promise<AccountCheck> {
  const stamp = isoNow(context.now);
  return db.transaction().execute(async (trx): Promise<AccountCheck> => {
    await lockAdministrators(trx);
    const check = await checkAccountChange(trx, actor, change);
    if (!check.ok) return check;
    const { subject } = check;
    const audit = { actorUserId: actor.id, targetType: "user", targetId: subject.userId, ip: context.ip, now: context.now };
    if (change.kind === "deactivate") {
      await trx.updateTable("user").set({ disabled_at: stamp, updated_at: stamp }).where("id", "=", subject.userId).execute();
      const sessionsEnded = await invalidateUserSessions(trx, subject.userId);
      await recordAudit(trx, { ...audit, action: "user.deactivated", detail: { sessionsEnded } });
    } else if (change.kind === "reactivate") {
      await trx.updateTable("user").set({ disabled_at: null, updated_at: stamp }).where("id", "=", subject.userId).execute();
      await recordAudit(trx, { ...audit, action: "user.reactivated" });
    } else {
      await trx.updateTable("membership").set({ role: change.role }).where("id", "=", change.membershipId).execute();
      await recordAudit(trx, {
        ...audit,
        action: "membership.role_changed",
        organisationId: subject.membership?.organisationId ?? null,
        detail: { membershipId: change.membershipId, from: subject.membership?.role, to: change.role },
      });
    }
    return check;
  });
}
