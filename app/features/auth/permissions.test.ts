import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema.ts";
import type { CurrentUser } from "./current-user.ts";
import { PERMISSIONS, can, type Action } from "./permissions.ts";

function userWith(role: Role, organisationId = `org-${role}`): CurrentUser {
  return {
    id: `user-${role}`,
    email: `${role}@example.org`,
    name: role,
    preferredLanguage: null,
    sessionId: "s",
    memberships: [{ organisationId, organisationType: role === "focal_point" ? "state" : "ngo", role }],
  };
}

const EXPECTED: Record<Action, Role[]> = {
  "meeting.read": ["admin", "rapporteur", "focal_point", "partner"],
  "account.manage": ["admin", "rapporteur", "focal_point", "partner"],
  "organisation.list": ["admin", "rapporteur"],
  "organisation.create": ["admin"],
  "organisation.read": ["admin", "rapporteur"],
  "people.list": ["admin"],
  "people.manage": ["admin"],
  "invitation.list": ["admin"],
  "invitation.create": ["admin"],
  "invitation.revoke": ["admin"],
  "outbox.read": ["admin"],
  "outbox.resend": ["admin"],
  "signInActivity.read": ["admin"],
  "consultation.list": ["admin", "rapporteur", "focal_point", "partner"],
  "consultation.manage": ["admin"],
  "survey.manage": ["admin"],
  "consultation.progress": ["admin"],
  "meeting.manage": ["admin"],
  "response.read": ["admin", "rapporteur"],
  "response.readAll": ["admin", "rapporteur"],
  "response.write": [],
  "response.proxy": ["admin"],
  "keyMessage.write": ["admin", "rapporteur"],
  "proposal.code": ["admin", "rapporteur"],
  "match.decide": ["admin", "rapporteur"],
};

describe("can", () => {
  it("covers every action of the table", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const [action, roles] of Object.entries(EXPECTED) as [Action, Role[]][]) {
    for (const role of ["admin", "rapporteur", "focal_point", "partner"] as const) {
      it(`${role} ${roles.includes(role) ? "may" : "may not"} ${action} (another organisation's resource)`, () => {
        expect(can(userWith(role), action, { organisationId: "someone-else" })).toBe(roles.includes(role));
      });
    }
  }

  it("lets anonymous visitors only read meetings", () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      expect(can(null, action)).toBe(action === "meeting.read");
    }
  });

  it("lets only members with an answering role write their organisation's response", () => {
    expect(can(userWith("focal_point", "state-mx"), "response.write", { organisationId: "state-mx" })).toBe(true);
    expect(can(userWith("partner", "ngo-1"), "response.write", { organisationId: "ngo-1" })).toBe(true);
    expect(can(userWith("admin", "secretariat"), "response.write", { organisationId: "secretariat" })).toBe(false);
  });

  it("lets members read their own organisation and no other", () => {
    const focal = userWith("focal_point", "state-mx");
    expect(can(focal, "organisation.read", { organisationId: "state-mx" })).toBe(true);
    expect(can(focal, "organisation.read", { organisationId: "state-fr" })).toBe(false);
    expect(can(focal, "organisation.read", {})).toBe(false);
  });
});
