import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { addDays } from "#app/features/ids.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { acceptInvitation, findInvitation, invite, listInvitations, revokeInvitation } from "./invitations.ts";
import { validateSessionToken } from "./sessions.ts";
import { signIn } from "./sign-in.ts";

const T0 = new Date("2026-05-04T12:00:00Z");
const context = { baseUrl: "https://consulta.example.org", delivers: false, ip: "192.0.2.9", now: T0 };

async function admin() {
  return currentUserFor(demoEmail("admin"));
}

describe("invitations", () => {
  it("invites into an organisation with a role and writes the e-mail to the outbox in the invitee's language", async () => {
    const db = getDb();
    const france = await stateId("FR");
    const result = await invite(db, await admin(), { email: "Claire.Martin@Diplomatie.example", name: "Claire Martin", organisationId: france, role: "focal_point", language: "fr" }, context);
    if (!result.ok) throw new Error(result.reason);
    const invitation = await db.selectFrom("invitation").selectAll().where("id", "=", result.invitationId).executeTakeFirstOrThrow();
    expect(invitation.email).toBe("claire.martin@diplomatie.example");
    expect(invitation.token_hash).not.toBe(result.token);
    expect(invitation.expires_at).toBe(addDays(T0, 14).toISOString());
    const email = await db.selectFrom("email_outbox").selectAll().where("id", "=", result.emailId).executeTakeFirstOrThrow();
    expect(email.status).toBe("logged");
    expect(email.to_address).toBe("claire.martin@diplomatie.example");
    expect(email.subject).toContain("France");
    expect(email.text_body).toContain(`https://consulta.example.org/invite/${result.token}`);
    expect(email.text_body).toMatch(/Point focal/i);
    const audit = await db.selectFrom("audit_event").select("action").where("target_id", "=", result.invitationId).execute();
    expect(audit.map((event) => event.action)).toContain("invitation.created");
  });

  it("opens the e-mail with the formal salutation of each language, never with the invitee's name or address", async () => {
    const db = getDb();
    const salutations = { en: "Dear Sir or Madam,", fr: "Madame, Monsieur,", es: "Señora, señor:" } as const;
    for (const [language, salutation] of Object.entries(salutations) as [keyof typeof salutations, string][]) {
      for (const name of ["Claire Martin", undefined]) {
        const email = `${language}-${name ? "named" : "unnamed"}@diplomatie.example`;
        const result = await invite(db, await admin(), { email, name, organisationId: await stateId("NL"), role: "focal_point", language }, context);
        if (!result.ok) throw new Error(result.reason);
        const message = await db.selectFrom("email_outbox").selectAll().where("id", "=", result.emailId).executeTakeFirstOrThrow();
        const [firstLine] = message.text_body.split("\n");
        expect(firstLine).toBe(salutation);
        expect(message.text_body).not.toContain(email);
      }
    }
  });

  it("refuses a role that does not fit the organisation, and people already members", async () => {
    const db = getDb();
    const mexico = await stateId("MX");
    expect(await invite(db, await admin(), { email: "x@example.org", organisationId: mexico, role: "admin", language: "es" }, context)).toEqual({ ok: false, reason: "role-not-allowed" });
    expect(await invite(db, await admin(), { email: demoEmail("focal_point"), organisationId: mexico, role: "focal_point", language: "es" }, context)).toEqual({ ok: false, reason: "already-member" });
    expect(await invite(db, await admin(), { email: "x@example.org", organisationId: "no-such-org", role: "partner", language: "es" }, context)).toEqual({ ok: false, reason: "unknown-organisation" });
  });

  it("lets a new person choose a password, signs them in, and then works only once", async () => {
    const db = getDb();
    const kenya = await stateId("KE");
    const sent = await invite(db, await admin(), { email: "focal@kenya.example", organisationId: kenya, role: "focal_point", language: "en" }, context);
    if (!sent.ok) throw new Error(sent.reason);
    expect((await findInvitation(db, sent.token, T0)).status).toBe("pending");

    const accepted = await acceptInvitation(db, { token: sent.token, name: "Wanjiru Kamau", password: "a strong passphrase", ip: null, now: addDays(T0, 1) });
    if (!accepted.ok) throw new Error(accepted.reason);
    expect(accepted.organisationId).toBe(kenya);
    expect(await validateSessionToken(db, accepted.token, addDays(T0, 1))).not.toBeNull();
    const membership = await db.selectFrom("membership").selectAll().where("user_id", "=", accepted.userId).executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ organisation_id: kenya, role: "focal_point" });
    expect((await signIn(db, { email: "focal@kenya.example", password: "a strong passphrase", ip: null })).ok).toBe(true);

    const again = await acceptInvitation(db, { token: sent.token, name: "Someone Else", password: "another passphrase", ip: null, now: addDays(T0, 1) });
    expect(again).toEqual({ ok: false, reason: "accepted" });
    expect(await db.selectFrom("user").select("id").where("email", "=", "focal@kenya.example").execute()).toHaveLength(1);
  });

  it("refuses expired, revoked and unknown links and changes nothing", async () => {
    const db = getDb();
    const peru = await stateId("PE");
    const expired = await invite(db, await admin(), { email: "late@peru.example", organisationId: peru, role: "focal_point", language: "es" }, context);
    if (!expired.ok) throw new Error(expired.reason);
    const usersBefore = await db.selectFrom("user").select("id").execute();
    expect(await acceptInvitation(db, { token: expired.token, name: "Late", password: "a strong passphrase", ip: null, now: addDays(T0, 15) })).toEqual({ ok: false, reason: "expired" });

    const revoked = await invite(db, await admin(), { email: "gone@peru.example", organisationId: peru, role: "focal_point", language: "es" }, context);
    if (!revoked.ok) throw new Error(revoked.reason);
    expect(await revokeInvitation(db, await admin(), revoked.invitationId, { ip: null, now: T0 })).toBe(true);
    expect(await revokeInvitation(db, await admin(), revoked.invitationId, { ip: null, now: T0 })).toBe(false);
    expect(await acceptInvitation(db, { token: revoked.token, name: "Gone", password: "a strong passphrase", ip: null, now: T0 })).toEqual({ ok: false, reason: "revoked" });
    // Its e-mail, not sent yet, is withdrawn with it, the dead link masked.
    const email = await db.selectFrom("email_outbox").select(["status", "text_body"]).where("id", "=", revoked.emailId).executeTakeFirstOrThrow();
    expect(email.status).toBe("withdrawn");
    expect(email.text_body).not.toContain(revoked.token);

    expect(await acceptInvitation(db, { token: "abcdefghijklmnopqrstuvwxyz234567", name: "X", password: "a strong passphrase", ip: null, now: T0 })).toEqual({ ok: false, reason: "unknown" });
    expect(await acceptInvitation(db, { token: "../../etc/passwd", name: "X", password: "a strong passphrase", ip: null, now: T0 })).toEqual({ ok: false, reason: "unknown" });
    expect(await db.selectFrom("user").select("id").execute()).toHaveLength(usersBefore.length);
  });

  it("a second invitation to the same place withdraws the first", async () => {
    const db = getDb();
    const chile = await stateId("CL");
    const first = await invite(db, await admin(), { email: "twice@chile.example", organisationId: chile, role: "focal_point", language: "es" }, context);
    const second = await invite(db, await admin(), { email: "twice@chile.example", organisationId: chile, role: "focal_point", language: "es" }, context);
    if (!first.ok || !second.ok) throw new Error("invite failed");
    expect((await findInvitation(db, first.token, T0)).status).toBe("revoked");
    expect((await findInvitation(db, second.token, T0)).status).toBe("pending");
    const emails = await db.selectFrom("email_outbox").select(["id", "status"]).where("id", "in", [first.emailId, second.emailId]).execute();
    expect(Object.fromEntries(emails.map((email) => [email.id, email.status]))).toEqual({ [first.emailId]: "withdrawn", [second.emailId]: "logged" });
    const statuses = (await listInvitations(db, T0)).filter((item) => item.email === "twice@chile.example").map((item) => item.status);
    expect(statuses.sort()).toEqual(["pending", "revoked"]);
  });

  it("someone with an account joins another organisation by confirming their password", async () => {
    const db = getDb();
    const partnerOrg = await db.selectFrom("organisation").select("id").where("type", "=", "diaspora").executeTakeFirstOrThrow();
    const sent = await invite(db, await admin(), { email: demoEmail("rapporteur"), organisationId: partnerOrg.id, role: "partner", language: "en" }, context);
    if (!sent.ok) throw new Error(sent.reason);
    const lookup = await findInvitation(db, sent.token, T0);
    expect(lookup.status === "pending" && lookup.existingUser).toBe(true);
    expect(await acceptInvitation(db, { token: sent.token, password: "wrong", ip: null, now: T0 })).toEqual({ ok: false, reason: "wrong-password" });
    const accepted = await acceptInvitation(db, { token: sent.token, password: "consulta-demo-2018", ip: null, now: T0 });
    expect(accepted.ok).toBe(true);
  });
});
