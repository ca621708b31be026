import type { Role } from "#db/schema.ts";

/** Kinds of partner organisation, as in the Dialogue's list of stakeholders. */
export const PARTNER_TYPES = [
  "ngo",
  "diaspora",
  "migrant_led",
  "academia",
  "private_sector",
  "trade_union",
  "local_authority",
  "international_organisation",
  "regional_organisation",
  "rcp",
  "un_entity",
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const ORGANISATION_TYPES = ["secretariat", "state", ...PARTNER_TYPES] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export function isOrganisationType(value: string): value is OrganisationType {
  return (ORGANISATION_TYPES as readonly string[]).includes(value);
}

export function isPartnerType(value: string): value is PartnerType {
  return (PARTNER_TYPES as readonly string[]).includes(value);
}

/** Which roles a member of an organisation of each kind may hold. */
export function rolesFor(type: string): readonly Role[] {
  if (type === "secretariat") return ["admin", "rapporteur"];
  if (type === "state") return ["focal_point"];
  return isPartnerType(type) ? ["partner"] : [];
}
