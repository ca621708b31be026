import type { Db } from "#db/connect.ts";
import type { Organisation, Role } from "#db/schema.ts";

export interface PersonListItem {
  id: string;
  name: string;
  email: string;
  createdAt: string;
  disabled: boolean;
  lastSignInAt: string | null;
  memberships: { organisationId: string; organisation: Pick<Organisation, "type" | "name" | "country_code">; role: Role }[];
}

/** Everyone with an account, with their organisations and roles, for the secretariat. */
export async function listPeople(db: Db, { q }: { q?: string } = {}): Promise<PersonListItem[]> {
  let users = db.selectFrom("user").select(["id", "name", "email", "created_at", "disabled_at"]).orderBy("name");
  const needle = q?.trim().toLowerCase();
  if (needle) {
    const like = `%${needle.replace(/[%_\\]/g, "")}%`;
    users = users.where((eb) => eb.or([eb(eb.fn<string>("lower", ["name"]), "like", like), eb("email", "like", like)]));
  }
  const rows = await users.limit(500).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const memberships = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["membership.user_id", "membership.organisation_id", "membership.role", "organisation.type", "organisation.name", "organisation.country_code"])
    .where("membership.user_id", "in", ids)
    .execute();
  const lastSignIns = await db
    .selectFrom("audit_event")
    .select((eb) => ["actor_user_id", eb.fn.max("created_at").as("at")])
    .where("action", "=", "auth.sign_in")
    .where("actor_user_id", "in", ids)
    .groupBy("actor_user_id")
    .execute();
  const lastByUser = new Map(lastSignIns.map((row) => [row.actor_user_id, row.at]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
    lastSignInAt: lastByUser.get(row.id) ?? null,
    memberships: memberships
      .filter((m) => m.user_id === row.id)
      .map((m) => ({ organisationId: m.organisation_id, role: m.role, organisation: { type: m.type, name: m.name, country_code: m.country_code } })),
  }));
}

export async function setPreferredLanguage(db: Db, userId: string, language: string): Promise<void> {
  await db.updateTable("user").set({ preferred_language: language }).where("id", "=", userId).execute();
}
