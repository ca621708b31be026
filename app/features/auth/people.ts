import type { Db } from "#db/connect.ts";
import type { Organisation, Role } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import { foldText } from "#app/features/text.ts";

export interface PersonListItem {
  id: string;
  name: string;
  email: string;
  createdAt: string;
  disabled: boolean;
  lastSignInAt: string | null;
  memberships: { id: string; organisationId: string; organisation: Pick<Organisation, "type" | "name" | "country_code">; role: Role }[];
}

/** Everyone with an account, with their organisations and roles, for the secretariat. */
export async function listPeople(db: Db, { q }: { q?: string } = {}): Promise<PersonListItem[]> {
  const needle = q ? foldText(q) : "";
  const all = await db.selectFrom("user").select(["id", "name", "email", "created_at", "disabled_at"]).execute();
  const collator = new Intl.Collator(undefined, { sensitivity: "base" });
  // Folded in code, not in SQL: SQLite's lower() knows only ASCII, and names are in every script.
  const rows = all
    .filter((row) => !needle || foldText(`${row.name} ${row.email}`).includes(needle))
    .sort((a, b) => collator.compare(a.name, b.name))
    .slice(0, 500);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const memberships = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["membership.id", "membership.user_id", "membership.organisation_id", "membership.role", "organisation.type", "organisation.name", "organisation.country_code"])
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
      .map((m) => ({ id: m.id, organisationId: m.organisation_id, role: m.role, organisation: { type: m.type, name: m.name, country_code: m.country_code } })),
  }));
}

export async function setPreferredLanguage(db: Db, userId: string, language: string, context: { ip: string | null; now?: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ preferred_language: language }).where("id", "=", userId).execute();
    await recordAudit(trx, { action: "user.language_changed", actorUserId: userId, targetType: "user", targetId: userId, ip: context.ip, now: context.now, detail: { language } });
  });
}
