import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { invite } from "#app/features/auth/invitations.ts";
import { action as acceptAction } from "#app/routes/invite.$token.tsx";
import { action as peopleAction, loader as peopleLoader } from "#app/routes/people.tsx";
import { getUser } from "#app/session.server.ts";
import { BASE, context, cookieFor, createMember, currentUserFor, demoEmail, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

async function people(cookie: string, q: string) {
  const result = outcome(await settle(() => peopleLoader({ request: get(`/people?q=${encodeURIComponent(q)}`, { cookie }), context, params: {} })));
  return (result.data as Awaited<ReturnType<typeof peopleLoader>>).people;
}

function act(cookie: string, fields: Record<string, string>) {
  return settle(() => peopleAction({ request: post("/people", fields, { cookie }), context, params: {} })).then(outcome);
}

async function secretariatId(): Promise<string> {
  return (await getDb().selectFrom("organisation").select("id").where("type", "=", "secretariat").executeTakeFirstOrThrow()).id;
}

describe("the people page", () => {
  it("deactivates an account only once confirmed, ending its sessions at once, and reactivates it the same way", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    const person = await createMember(await stateId("EC"), "focal_point");
    const theirs = await cookieFor(person.email);
    const disabledAt = async () => (await getDb().selectFrom("user").select("disabled_at").where("id", "=", person.id).executeTakeFirstOrThrow()).disabled_at;

    const asked = await act(admin, { intent: "deactivate", userId: person.id });
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ confirm: { change: { kind: "deactivate", userId: person.id }, name: person.name, email: person.email }, done: null, error: null });
    expect(await disabledAt()).toBeNull();
    expect(await getUser(new Request(BASE, { headers: { Cookie: theirs } }))).not.toBeNull();

    const done = await act(admin, { intent: "deactivate", userId: person.id, confirmed: "yes" });
    expect(done.data).toMatchObject({ done: "peopleManage.done.deactivated", error: null });
    expect(await disabledAt()).not.toBeNull();
    expect(await getUser(new Request(BASE, { headers: { Cookie: theirs } }))).toBeNull();
    expect((await people(admin, person.email))[0]?.disabled).toBe(true);

    expect((await act(admin, { intent: "reactivate", userId: person.id })).data).toMatchObject({ confirm: { change: { kind: "reactivate" } } });
    expect((await act(admin, { intent: "reactivate", userId: person.id, confirmed: "yes" })).data).toMatchObject({ done: "peopleManage.done.reactivated" });
    expect(await disabledAt()).toBeNull();
  });

  it("changes a secretariat member's role once confirmed, and refuses one that does not fit the organisation", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    const member = await createMember(await secretariatId(), "rapporteur");
    const membershipId = (await getDb().selectFrom("membership").select("id").where("user_id", "=", member.id).executeTakeFirstOrThrow()).id;
    const role = async () => (await getDb().selectFrom("membership").select("role").where("id", "=", membershipId).executeTakeFirstOrThrow()).role;

    const asked = await act(admin, { intent: "role", membershipId, role: "admin" });
    expect(asked.data).toMatchObject({ confirm: { currentRole: "rapporteur", change: { kind: "role", role: "admin" } } });
    expect(await role()).toBe("rapporteur");
    expect((await act(admin, { intent: "role", membershipId, role: "admin", confirmed: "yes" })).data).toMatchObject({ done: "peopleManage.done.roleChanged" });
    expect(await role()).toBe("admin");
    expect((await currentUserFor(member.email)).memberships.map((m) => m.role)).toEqual(["admin"]);

    const refused = await act(admin, { intent: "role", membershipId, role: "focal_point", confirmed: "yes" });
    expect(refused).toMatchObject({ status: 409, data: { error: "peopleManage.error.role-not-allowed" } });
    expect(await role()).toBe("admin");
  });

  it("refuses to deactivate or demote oneself, and anything from anyone but the secretariat", async () => {
    const admin = await currentUserFor(demoEmail("admin"));
    const cookie = await cookieFor(admin.email);
    const membershipId = (await getDb().selectFrom("membership").select("id").where("user_id", "=", admin.id).executeTakeFirstOrThrow()).id;
    expect(await act(cookie, { intent: "deactivate", userId: admin.id, confirmed: "yes" })).toMatchObject({ status: 409, data: { error: "peopleManage.error.self" } });
    expect(await act(cookie, { intent: "role", membershipId, role: "rapporteur" })).toMatchObject({ status: 409, data: { error: "peopleManage.error.self" } });
    expect(await act(cookie, { intent: "promote", userId: admin.id })).toMatchObject({ status: 400, data: { error: "peopleManage.error.invalid" } });
    const person = await createMember(await stateId("EC"), "focal_point");
    for (const role of ["rapporteur", "focal_point", "partner"] as const) {
      expect((await act(await cookieFor(demoEmail(role)), { intent: "deactivate", userId: person.id, confirmed: "yes" })).status).toBe(403);
    }
    expect((await getDb().selectFrom("user").select("disabled_at").where("id", "=", person.id).executeTakeFirstOrThrow()).disabled_at).toBeNull();
  });

  it("shows as last signed in the moment a person signed in by accepting their invitation", async () => {
    const db = getDb();
    const inviter = await currentUserFor(demoEmail("admin"));
    const email = `joining.${crypto.randomUUID()}@gov.example`;
    const invited = await invite(db, inviter, { email, name: "Joining Person", organisationId: await stateId("GT"), role: "focal_point", language: "es" }, { baseUrl: BASE, delivers: false, ip: null });
    if (!invited.ok) throw new Error(invited.reason);
    const accepted = outcome(
      await settle(() =>
        acceptAction({ request: post(`/invite/${invited.token}`, { name: "Joining Person", password: "a long passphrase", confirmPassword: "a long passphrase" }), context, params: { token: invited.token } }),
      ),
    );
    expect(accepted.status).toBe(302);
    const [listed] = await people(await cookieFor(demoEmail("admin")), email);
    expect(listed?.lastSignIn).not.toBeNull();
  });
});
