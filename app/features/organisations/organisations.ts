import type { Db } from "#db/connect.ts";
import type { Organisation } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { organisationIdsOf } from "#app/features/auth/current-user.ts";
import { readsAllOrganisations } from "#app/features/auth/permissions.ts";
import { isoNow, newId } from "#app/features/ids.ts";
import { foldText } from "#app/features/text.ts";
import { countryName, listStates } from "./countries.ts";
import type { PartnerType } from "./types.ts";

/** The name to show for an organisation: a State by its country's name in the reader's language. */
export function organisationName(org: Pick<Organisation, "type" | "name" | "country_code">, language: string): string {
  if (org.type === "state" && org.country_code) return countryName(org.country_code, language);
  return org.name ?? "";
}

/** Creates a State organisation for every UN Member and observer State that has none yet. */
export async function ensureStates(db: Db, now: Date = new Date()): Promise<number> {
  const existing = await db.selectFrom("organisation").select("country_code").where("type", "=", "state").execute();
  const have = new Set(existing.map((row) => row.country_code));
  const missing = listStates().filter((state) => !have.has(state.code));
  for (const state of missing) {
    await db
      .insertInto("organisation")
      .values({
        id: newId(),
        type: "state",
        name: null,
        name_key: null,
        acronym: null,
        country_code: state.code,
        region_m49: state.regionM49,
        website: null,
        created_at: isoNow(now),
        updated_at: isoNow(now),
      })
      .execute();
  }
  return missing.length;
}

/**
 * The organisations a person may see, as a query already restricted to them: the secretariat
 * reads all, everyone else only their own. Further filters are added by the caller.
 */
export function visibleOrganisations(db: Db, user: CurrentUser) {
  const query = db.selectFrom("organisation");
  if (readsAllOrganisations(user)) return query;
  const own = organisationIdsOf(user);
  return own.length > 0 ? query.where("organisation.id", "in", own) : query.where(({ lit }) => lit(false));
}

export interface OrganisationFilter {
  type?: string;
  q?: string;
  language: string;
}

export interface OrganisationListItem {
  id: string;
  type: string;
  name: string;
  acronym: string | null;
  countryCode: string | null;
  regionM49: string | null;
  members: number;
}

export async function listOrganisations(db: Db, user: CurrentUser, filter: OrganisationFilter): Promise<OrganisationListItem[]> {
  const columns = [
    "organisation.id",
    "organisation.type",
    "organisation.name",
    "organisation.acronym",
    "organisation.country_code",
    "organisation.region_m49",
  ] as const;
  let query = visibleOrganisations(db, user)
    .leftJoin("membership", "membership.organisation_id", "organisation.id")
    .select((eb) => [...columns, eb.fn.count<number>("membership.id").as("members")])
    .groupBy([...columns]);
  if (filter.type === "partner") query = query.where("organisation.type", "not in", ["state", "secretariat"]);
  else if (filter.type) query = query.where("organisation.type", "=", filter.type);
  const rows = await query.execute();
  const needle = filter.q ? foldText(filter.q) : "";
  const collator = collatorFor(filter.language);
  return rows
    .map((row) => ({
      id: row.id,
      type: row.type,
      name: organisationName(row, filter.language),
      acronym: row.acronym,
      countryCode: row.country_code,
      regionM49: row.region_m49,
      members: Number(row.members),
    }))
    .filter((row) => !needle || foldText(`${row.name} ${row.acronym ?? ""} ${row.countryCode ?? ""}`).includes(needle))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export interface OrganisationChoice {
  id: string;
  name: string;
}

/**
 * The organisations of some types a person may see, named in a language and sorted by name: for
 * a picker (the secretariat choosing whom to answer for). Only what a picker shows is read.
 */
export async function organisationChoices(db: Db, user: CurrentUser, types: readonly string[], language: string): Promise<OrganisationChoice[]> {
  if (types.length === 0) return [];
  const rows = await visibleOrganisations(db, user)
    .select(["organisation.id", "organisation.type", "organisation.name", "organisation.country_code"])
    .where("organisation.type", "in", [...types])
    .execute();
  const collator = collatorFor(language);
  return rows.map((row) => ({ id: row.id, name: organisationName(row, language) })).sort((a, b) => collator.compare(a.name, b.name));
}

const collators = new Map<string, Intl.Collator>();

/** Making a collator costs more than sorting a few hundred names with it: one per language. */
function collatorFor(language: string): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language);
    collators.set(language, collator);
  }
  return collator;
}

export async function getOrganisation(db: Db, user: CurrentUser, id: string): Promise<Organisation | undefined> {
  return visibleOrganisations(db, user).selectAll("organisation").where("organisation.id", "=", id).executeTakeFirst();
}

export interface OrganisationMember {
  userId: string;
  name: string;
  email: string;
  role: string;
  since: string;
}

export async function listMembers(db: Db, user: CurrentUser, organisationId: string): Promise<OrganisationMember[]> {
  const rows = await visibleOrganisations(db, user)
    .innerJoin("membership", "membership.organisation_id", "organisation.id")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["user.id", "user.name", "user.email", "membership.role", "membership.created_at"])
    .where("organisation.id", "=", organisationId)
    .orderBy("user.name")
    .execute();
  return rows.map((row) => ({ userId: row.id, name: row.name, email: row.email, role: row.role, since: row.created_at }));
}

export interface NewPartnerInput {
  type: PartnerType;
  name: string;
  acronym?: string;
  countryCode?: string;
  regionM49?: string;
  website?: string;
}

export type CreatePartnerResult = { ok: true; id: string } | { ok: false; reason: "duplicate-name" };

export async function createPartnerOrganisation(
  db: Db,
  actor: CurrentUser,
  input: NewPartnerInput,
  context: { ip: string | null; now?: Date },
): Promise<CreatePartnerResult> {
  const name = input.name.trim();
  const nameKey = foldText(name);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("organisation").select("id").where("name_key", "=", nameKey).executeTakeFirst();
    if (existing) return { ok: false as const, reason: "duplicate-name" as const };
    const id = newId();
    const now = isoNow(context.now);
    await trx
      .insertInto("organisation")
      .values({
        id,
        type: input.type,
        name,
        name_key: nameKey,
        acronym: input.acronym?.trim() || null,
        country_code: input.countryCode || null,
        region_m49: input.regionM49 || null,
        website: input.website?.trim() || null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, {
      action: "organisation.created",
      actorUserId: actor.id,
      targetType: "organisation",
      targetId: id,
      organisationId: id,
      ip: context.ip,
      now: context.now,
      detail: { type: input.type, name },
    });
    return { ok: true as const, id };
  });
}

export interface OwnMembership {
  organisationId: string;
  organisation: Pick<Organisation, "type" | "name" | "country_code">;
  role: string;
}

export async function membershipsOf(db: Db, userId: string): Promise<OwnMembership[]> {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["organisation.id", "organisation.type", "organisation.name", "organisation.country_code", "membership.role"])
    .where("membership.user_id", "=", userId)
    .orderBy("membership.created_at")
    .execute();
  return rows.map((row) => ({ organisationId: row.id, organisation: row, role: row.role }));
}

/** An organisation's id and type, for checks that do not need the rest. */
export async function organisationKind(db: Db, id: string): Promise<{ id: string; type: string } | undefined> {
  return db.selectFrom("organisation").select(["id", "type"]).where("id", "=", id).executeTakeFirst();
}
