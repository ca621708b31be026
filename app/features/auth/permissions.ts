import type { Role } from "#db/schema.ts";
import { hasRole, organisationIdsOf, type CurrentUser } from "./current-user.ts";

/** What a resource tells a permission check: the organisation it belongs to, if any. */
export interface Resource {
  organisationId?: string | null;
}

type Rule =
  | { who: "anyone" }
  | { who: "signed-in" }
  | { who: "roles"; roles: readonly Role[] }
  /** Holders of the roles, or members of the organisation the resource belongs to. */
  | { who: "roles-or-members"; roles: readonly Role[] }
  /** Members of the organisation the resource belongs to, holding one of the roles. */
  | { who: "members-with"; roles: readonly Role[] };

/**
 * Every action in the app and who may take it: the one place permissions are decided.
 * Routes call `can` (or `requirePermission`); feature queries also scope rows by organisation.
 */
export const PERMISSIONS = {
  "meeting.read": { who: "anyone" },
  "account.manage": { who: "signed-in" },
  "organisation.list": { who: "roles", roles: ["admin", "rapporteur"] },
  "organisation.create": { who: "roles", roles: ["admin"] },
  "organisation.read": { who: "roles-or-members", roles: ["admin", "rapporteur"] },
  "people.list": { who: "roles", roles: ["admin"] },
  /** Deactivating and reactivating accounts, changing a member's role. */
  "people.manage": { who: "roles", roles: ["admin"] },
  "invitation.list": { who: "roles", roles: ["admin"] },
  "invitation.create": { who: "roles", roles: ["admin"] },
  "invitation.revoke": { who: "roles", roles: ["admin"] },
  "outbox.read": { who: "roles", roles: ["admin"] },
  "outbox.resend": { who: "roles", roles: ["admin"] },
  "signInActivity.read": { who: "roles", roles: ["admin"] },
  "consultation.list": { who: "signed-in" },
  "consultation.manage": { who: "roles", roles: ["admin"] },
  /** Each organisation's progress, with its people's e-mails: for the secretariat to chase. */
  "consultation.progress": { who: "roles", roles: ["admin"] },
  "meeting.manage": { who: "roles", roles: ["admin"] },
  /** Uploading, translating and publishing surveys made with a SurveyJS form builder. */
  "survey.manage": { who: "roles", roles: ["admin"] },
  "response.read": { who: "roles-or-members", roles: ["admin", "rapporteur"] },
  /** Every organisation's submitted answers, count-only ones included: for the rapporteurs and the secretariat. */
  "response.readAll": { who: "roles", roles: ["admin", "rapporteur"] },
  "response.write": { who: "members-with", roles: ["focal_point", "partner"] },
  "response.proxy": { who: "roles", roles: ["admin"] },
  /** Writing, ordering, agreeing and citing the key messages of a meeting. */
  "keyMessage.write": { who: "roles", roles: ["admin", "rapporteur"] },
  /** Coding proposals (status, tags, taxonomy codes) and merging them. */
  "proposal.code": { who: "roles", roles: ["admin", "rapporteur"] },
  /** Reading a meeting's matching of needs and offers, confirming and dismissing matches. */
  "match.decide": { who: "roles", roles: ["admin", "rapporteur"] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;

export function can(user: CurrentUser | null, action: Action, resource: Resource = {}): boolean {
  const rule: Rule = PERMISSIONS[action];
  switch (rule.who) {
    case "anyone":
      return true;
    case "signed-in":
      return user !== null;
    case "roles":
      return rule.roles.some((role) => hasRole(user, role));
    case "roles-or-members":
      if (rule.roles.some((role) => hasRole(user, role))) return true;
      return !!user && !!resource.organisationId && organisationIdsOf(user).includes(resource.organisationId);
    case "members-with":
      return !!user && user.memberships.some((m) => m.organisationId === resource.organisationId && rule.roles.includes(m.role));
  }
}

/** Whether the person reads across organisations (the secretariat) rather than only their own. */
export function readsAllOrganisations(user: CurrentUser): boolean {
  return hasRole(user, "admin") || hasRole(user, "rapporteur");
}
