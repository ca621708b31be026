import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { createMember, currentUserFor, demoEmail, DEMO_PASSWORD, stateId } from "#tests/helpers.ts";
import { applyAccountChange, checkAccountChange } from "./accounts.ts";
import { acceptInvitation, invite } from "./invitations.ts";
import { listPeople } from "./people.ts";
import { createSession, validateSessionToken } from "./sessions.ts";
import { signIn } from "./sign-in.ts";

const context = { ip: "192.0.2.20" };

async function secretariatId(): Promise<string> {
  return (await getDb().selectFrom("organisation").select("id").where("type", "=", "secretariat").executeTakeFirstOrThrow()).id;
}

async function membershipOf(userId: string): Promise<string> {
  return (await getDb().selectFrom("membership").select("id").where("user_id", "=", userId).executeTakeFirstOrThrow()).id;
}

/** Leaves these the only active administrators, whatever earlier tests made. */
async function onlyAdministrators(ids: string[]): Promise<void> {
  const db = getDb();
  const admins = db.selectFrom("membership").select("user_id").where("role", "=", "admin");
  await db.updateTable("user").set({ disabled_at: "2026-01-01T00:00:00.000Z" }).where("id", "in", admins).where("id", "not in", ids).execute();
}

async function auditOf(userId: string): Promise<string[]> {
  return (await getDb().selectFrom("audit_event").select("action").where("target_id", "=", userId).orderBy("created_at").execute()).map((row) => row.action);
}

describe("deactivating and reactivating an account", () => {
  it("ends the person's sessions at once; they cannot sign in until reactivated; each step is audited", async () => {
    const db = getDb();
    const admin = await currentUserFor(demoEmail("admin"));
    const person = await createMember(await stateId("PE"), "focal_point");
    const { token } = await createSession(db, person.id);

    expect(await applyAccountChange(db, admin, { kind: "deactivate", userId: person.id }, context)).toMatchObject({ ok: true });
    expect(await validateSessionToken(db, token)).toBeNull();
    expect(await db.selectFrom("session").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect(await signIn(db, { email: person.email, password: DEMO_PASSWORD, ip: "192.0.2.21" })).toEqual({ ok: false, reason: "invalid" });
    expect((await listPeople(db, { q: person.email }))[0]?.disabled).toBe(true);
    expect(await applyAccountChange(db, admin, { kind: "deactivate", userId: person.id }, context)).toEqual({ ok: false, reason: "unchanged" });

    expect(await applyAccountChange(db, admin, { kind: "reactivate", userId: person.id }, context)).toMatchObject({ ok: true });
    expect(await signIn(db, { email: person.email, password: DEMO_PASSWORD, ip: "192.0.2.21" })).toMatchObject({ ok: true });
    expect(await auditOf(person.id)).toEqual(expect.arrayContaining(["user.deactivated", "user.reactivated"]));
  });

  it("refuses to deactivate oneself or the last active administrator", async () => {
    const db = getDb();
    const admin = await currentUserFor(demoEmail("admin"));
    expect(await applyAccountChange(db, admin, { kind: "deactivate", userId: admin.id }, context)).toEqual({ ok: false, reason: "self" });
    const second = await createMember(await secretariatId(), "admin");
    await onlyAdministrators([admin.id, second.id]);
    expect(await applyAccountChange(db, second, { kind: "deactivate", userId: admin.id }, context)).toMatchObject({ ok: true });
    // `second` is the last active administrator: the demo one, acting from before it was deactivated, cannot remove them.
    expect(await applyAccountChange(db, admin, { kind: "deactivate", userId: second.id }, context)).toEqual({ ok: false, reason: "last-admin" });
    expect(await applyAccountChange(db, admin, { kind: "role", membershipId: await membershipOf(second.id), role: "rapporteur" }, context)).toEqual({ ok: false, reason: "last-admin" });
    expect(await applyAccountChange(db, second, { kind: "reactivate", userId: admin.id }, context)).toMatchObject({ ok: true });
  });

  it("lets only one of two administrators deactivating each other at the same moment succeed", async () => {
    const db = getDb();
    const admin = await currentUserFor(demoEmail("admin"));
    const second = await createMember(await secretariatId(), "admin");
    await onlyAdministrators([admin.id, second.id]);
    const results = await Promise.all([
      applyAccountChange(db, admin, { kind: "deactivate", userId: second.id }, context),
      applyAccountChange(db, second, { kind: "deactivate", userId: admin.id }, context),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "last-admin" }]);
    const active = await db.selectFrom("user").select("id").where("id", "in", [admin.id, second.id]).where("disabled_at", "is", null).execute();
    expect(active).toHaveLength(1);
    await db.updateTable("user").set({ disabled_at: null }).where("id", "=", admin.id).execute();
  });
});

describe("changing a member's role", () => {
  it("changes it within the roles that fit the organisation, audited with both roles", async () => {
    const db = getDb();
    const admin = await currentUserFor(demoEmail("admin"));
    const member = await createMember(await secretariatId(), "rapporteur");
    const membershipId = await membershipOf(member.id);
    expect(await checkAccountChange(db, admin, { kind: "role", membershipId, role: "admin" })).toMatchObject({ ok: true, subject: { email: member.email, membership: { role: "rapporteur" } } });
    expect(await applyAccountChange(db, admin, { kind: "role", membershipId, role: "admin" }, context)).toMatchObject({ ok: true });
    expect((await db.selectFrom("membership").select("role").where("id", "=", membershipId).executeTakeFirstOrThrow()).role).toBe("admin");
    const event = await db.selectFrom("audit_event").select(["action", "detail"]).where("target_id", "=", member.id).where("action", "=", "membership.role_changed").executeTakeFirstOrThrow();
    expect(JSON.parse(event.detail ?? "{}")).toMatchObject({ from: "rapporteur", to: "admin" });
    expect(await applyAccountChange(db, admin, { kind: "role", membershipId, role: "admin" }, context)).toEqual({ ok: false, reason: "unchanged" });
  });

  it("refuses a role that does not fit the organisation, one's own role, and a membership that does not exist", async () => {
    const db = getDb();
    const admin = await currentUserFor(demoEmail("admin"));
    const focalPoint = await createMember(await stateId("UY"), "focal_point");
    const before = await db.selectFrom("membership").selectAll().orderBy("id").execute();
    for (const role of ["partner", "admin", "rapporteur"] as const) {
      expect(await applyAccountChange(db, admin, { kind: "role", membershipId: await membershipOf(focalPoint.id), role }, context)).toEqual({ ok: false, reason: "role-not-allowed" });
    }
    expect(await applyAccountChange(db, admin, { kind: "role", membershipId: await membershipOf(admin.id), role: "rapporteur" }, context)).toEqual({ ok: false, reason: "self" });
    expect(await applyAccountChange(db, admin, { kind: "role", membershipId: crypto.randomUUID(), role: "rapporteur" }, context)).toEqual({ ok: false, reason: "not-found" });
    expect(await db.selectFrom("membership").selectAll().orderBy("id").execute()).toEqual(before);
  });
});

describe("last sign-in", () => {
  it("is the moment of accepting an invitation, for a new person and for someone who already had an account", async () => {
    const db = getDb();
    const admin = await currentUserFor(demoEmail("admin"));
    const settings = { baseUrl: "https://consulta.example.org", delivers: false, ip: null };
    const accepted = new Date("2026-06-01T10:00:00.000Z");
    const fresh = await invite(db, admin, { email: "newcomer@gov.example", name: "Newcomer", organisationId: await stateId("BO"), role: "focal_point", language: "es" }, settings);
    if (!fresh.ok) throw new Error(fresh.reason);
    expect(await acceptInvitation(db, { token: fresh.token, name: "Newcomer", password: "a long passphrase", ip: "192.0.2.30", now: accepted })).toMatchObject({ ok: true });
    expect((await listPeople(db, { q: "newcomer@gov.example" }))[0]?.lastSignInAt).toBe(accepted.toISOString());

    const existing = await createMember(await stateId("PY"), "focal_point");
    const joining = await invite(db, admin, { email: existing.email, organisationId: await stateId("AR"), role: "focal_point", language: "es" }, settings);
    if (!joining.ok) throw new Error(joining.reason);
    expect(await acceptInvitation(db, { token: joining.token, password: DEMO_PASSWORD, ip: "192.0.2.31", now: accepted })).toMatchObject({ ok: true });
    expect((await listPeople(db, { q: existing.email }))[0]?.lastSignInAt).toBe(accepted.toISOString());
  });
});
