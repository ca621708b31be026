import type { Db } from "#db/connect.ts";
import type { Role } from "#db/schema.ts";
import type { SessionUser } from "./sessions.ts";

export interface UserMembership {
  organisationId: string;
  organisationType: string;
  role: Role;
}

/** The signed-in person as every permission check sees them. */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  preferredLanguage: string | null;
  memberships: UserMembership[];
  sessionId: string;
}

export async function loadCurrentUser(db: Db, userId: string, sessionId: string): Promise<CurrentUser | null> {
  const user = await db
    .selectFrom("user")
    .select(["id", "email", "name", "preferred_language"])
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return user ? withMemberships(db, user, sessionId) : null;
}

/** The person a session was validated for (read with it), with their memberships. */
export async function withMemberships(db: Db, user: SessionUser, sessionId: string): Promise<CurrentUser> {
  const memberships = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["membership.organisation_id", "membership.role", "organisation.type"])
    .where("membership.user_id", "=", user.id)
    .orderBy("membership.created_at")
    .execute();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    preferredLanguage: user.preferred_language,
    sessionId,
    memberships: memberships.map((m) => ({ organisationId: m.organisation_id, organisationType: m.type, role: m.role })),
  };
}

export function hasRole(user: CurrentUser | null, role: Role): boolean {
  return !!user?.memberships.some((m) => m.role === role);
}

/** The role that decides the menu: the most powerful one the person holds. */
export function primaryRole(user: CurrentUser | null): Role | null {
  if (!user) return null;
  for (const role of ["admin", "rapporteur", "focal_point", "partner"] as const) {
    if (hasRole(user, role)) return role;
  }
  return null;
}

export function organisationIdsOf(user: CurrentUser): string[] {
  return user.memberships.map((m) => m.organisationId);
}
