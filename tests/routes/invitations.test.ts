import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { action as acceptAction, loader as acceptLoader } from "#app/routes/invite.$token.tsx";
import { action as invitationsAction } from "#app/routes/invitations.tsx";
import { action as organisationAction } from "#app/routes/organisations.$id.tsx";
import { loader as outboxMessageLoader } from "#app/routes/outbox.$id.tsx";
import { context, cookieFor, demoEmail, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

async function tokenFromOutbox(email: string): Promise<string> {
  const message = await getDb().selectFrom("email_outbox").selectAll().where("to_address", "=", email).orderBy("created_at", "desc").executeTakeFirstOrThrow();
  const match = message.text_body.match(/\/invite\/([a-z2-7]+)/);
  if (!match?.[1]) throw new Error("no link in the e-mail");
  return match[1];
}

describe("invitation routes", () => {
  it("the secretariat invites; the invitee sets a password, is signed in, and the link then stops working", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    const ghana = await stateId("GH");
    const created = outcome(
      await invitationsAction({
        request: post("/invitations", { intent: "create", email: "Focal@Ghana.example", name: "Kofi Mensah", organisationId: ghana, role: "focal_point", language: "en", redirectTo: `/organisations/${ghana}?invited=1` }, { cookie: admin }),
        context,
        params: {},
      }),
    );
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe(`/organisations/${ghana}?invited=1`);

    const token = await tokenFromOutbox("focal@ghana.example");
    const page = outcome(await acceptLoader({ request: get(`/invite/${token}`), context, params: { token } }));
    expect(page.data).toMatchObject({ status: "pending", invitation: { email: "focal@ghana.example", organisation: "Ghana", existingUser: false } });

    const tooShort = outcome(await acceptAction({ request: post(`/invite/${token}`, { name: "Kofi Mensah", password: "short", confirmPassword: "short" }), context, params: { token } }));
    expect(tooShort.status).toBe(400);
    const differ = outcome(await acceptAction({ request: post(`/invite/${token}`, { name: "Kofi Mensah", password: "a long passphrase", confirmPassword: "another passphrase" }), context, params: { token } }));
    expect(differ.status).toBe(400);

    const accepted = outcome(await acceptAction({ request: post(`/invite/${token}`, { name: "Kofi Mensah", password: "a long passphrase", confirmPassword: "a long passphrase" }), context, params: { token } }));
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/organisations/${ghana}?welcome=1`);
    expect(accepted.headers.get("Set-Cookie")).toContain("consulta_session=");

    const reused = outcome(await acceptLoader({ request: get(`/invite/${token}`), context, params: { token } }));
    expect(reused.status).toBe(410);
    expect(reused.data).toMatchObject({ status: "accepted" });
    const reusedPost = outcome(await acceptAction({ request: post(`/invite/${token}`, { name: "X", password: "a long passphrase", confirmPassword: "a long passphrase" }), context, params: { token } }));
    expect(reusedPost.status).toBe(410);
  });

  it("from an organisation's page, errors come back to that page and success returns to it", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    const kenya = await stateId("KE");
    const bad = outcome(await organisationAction({ request: post(`/organisations/${kenya}`, { email: "x@kenya.example", organisationId: kenya, role: "partner", language: "en" }, { cookie: admin }), context, params: { id: kenya } }));
    expect(bad.status).toBe(400);
    expect((bad.data as { result: { error: Record<string, string[]> } }).result.error.role).toEqual(["invitations.error.role-not-allowed"]);
    const good = outcome(await organisationAction({ request: post(`/organisations/${kenya}`, { email: "x@kenya.example", organisationId: kenya, role: "focal_point", language: "fr" }, { cookie: admin }), context, params: { id: kenya } }));
    expect(good.headers.get("Location")).toBe(`/organisations/${kenya}?invited=1`);
  });

  it("an unknown link is a 404 with a clear status", async () => {
    const result = outcome(await acceptLoader({ request: get("/invite/nothing"), context, params: { token: "nothing" } }));
    expect(result.status).toBe(404);
    expect(result.data).toMatchObject({ status: "unknown" });
  });

  it("bad invitation input is refused field by field and nothing is written", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    const before = await getDb().selectFrom("invitation").select("id").execute();
    const ghana = await stateId("GH");
    const bad = outcome(await invitationsAction({ request: post("/invitations", { intent: "create", email: "nope", organisationId: ghana, role: "emperor", language: "de" }, { cookie: admin }), context, params: {} }));
    expect(bad.status).toBe(400);
    const errors = (bad.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.email).toEqual(["form.email"]);
    expect(errors.role).toEqual(["form.invalidChoice"]);
    expect(errors.language).toEqual(["form.invalidChoice"]);
    const wrongRole = outcome(await invitationsAction({ request: post("/invitations", { intent: "create", email: "x@ghana.example", organisationId: ghana, role: "partner", language: "en" }, { cookie: admin }), context, params: {} }));
    expect((wrongRole.data as { result: { error: Record<string, string[]> } }).result.error.role).toEqual(["invitations.error.role-not-allowed"]);
    expect(await getDb().selectFrom("invitation").select("id").execute()).toHaveLength(before.length);
  });

  it("only the secretariat may invite or read the outbox", async () => {
    const partner = await cookieFor(demoEmail("partner"));
    const ghana = await stateId("GH");
    const refused = outcome(await settle(() => invitationsAction({ request: post("/invitations", { intent: "create", email: "x@example.org", organisationId: ghana, role: "focal_point", language: "en" }, { cookie: partner }), context, params: {} })));
    expect(refused.status).toBe(403);
    const message = await getDb().selectFrom("email_outbox").select("id").executeTakeFirstOrThrow();
    const outbox = outcome(await settle(() => outboxMessageLoader({ request: get(`/outbox/${message.id}`, { cookie: partner }), context, params: { id: message.id } })));
    expect(outbox.status).toBe(403);
  });
});
