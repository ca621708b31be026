import { afterAll, describe, expect, it } from "vitest";
import { startMailServer, sendMailThrough } from "#tests/mail-server.ts";
import { getDb } from "#app/db.server.ts";
import { deliverPending } from "#app/features/email/outbox.ts";
import { smtpTransport } from "#app/features/email/smtp.ts";
import { getEnv } from "#app/env.server.ts";
import { action as invitationsAction } from "#app/routes/invitations.tsx";
import { action as messageAction, loader as messageLoader } from "#app/routes/outbox.$id.tsx";
import { loader as outboxLoader } from "#app/routes/outbox._index.tsx";
import { context, cookieFor, demoEmail, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

// This file's app sends e-mail through a mail server of its own on 127.0.0.1.
const mail = await startMailServer();
sendMailThrough(mail);
afterAll(() => mail.close());

const MINUTE = 60_000;

async function inviteFocalPoint(email: string): Promise<string> {
  const admin = await cookieFor(demoEmail("admin"));
  const ghana = await stateId("GH");
  const created = outcome(
    await invitationsAction({
      request: post("/invitations", { intent: "create", email, name: "Ama Owusu", organisationId: ghana, role: "focal_point", language: "en" }, { cookie: admin }),
      context,
      params: {},
    }),
  );
  expect(created.status).toBe(302);
  const row = await getDb().selectFrom("email_outbox").select("id").where("to_address", "=", email).executeTakeFirstOrThrow();
  return row.id;
}

const resend = async (id: string, cookie: string, intent = "resend") => outcome(await settle(() => messageAction({ request: post(`/outbox/${id}`, { intent }, { cookie }), context, params: { id } })));
const page = async (id: string, cookie: string) => outcome(await messageLoader({ request: get(`/outbox/${id}`, { cookie }), context, params: { id } }));

describe("e-mail through a mail server", () => {
  it("an invitation is sent at once when the mail server takes it", async () => {
    const id = await inviteFocalPoint("first@ghana.example");
    expect(mail.received.at(-1)?.to).toEqual(["first@ghana.example"]);
    const admin = await cookieFor(demoEmail("admin"));
    expect((await page(id, admin)).data).toMatchObject({ smtp: true, message: { status: "sent", attempts: 1, error: null } });
  });

  it("a passing refusal is tried again later and shown so; a refusal for good can be sent again by the secretariat", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    mail.refusals.set("later@ghana.example", [{ code: 451, message: "Greylisted, come back later" }]);
    const id = await inviteFocalPoint("later@ghana.example");
    const waiting = await page(id, admin);
    expect(waiting.data).toMatchObject({ message: { status: "pending", attempts: 1, error: expect.stringContaining("Greylisted") } });
    expect((waiting.data as { message: { nextAttempt: string | null } }).message.nextAttempt).toMatch(/\d/);
    const list = outcome(await outboxLoader({ request: get("/outbox", { cookie: admin }), context, params: {} }));
    expect((list.data as { messages: { id: string; nextAttempt: string | null }[] }).messages.find((message) => message.id === id)?.nextAttempt).toMatch(/\d/);

    // The maintenance loop, five minutes on: the server takes it now.
    const transport = smtpTransport(getEnv());
    if (!transport) throw new Error("the mail server is not configured");
    await deliverPending(getDb(), transport, () => new Date(Date.now() + 5 * MINUTE));
    expect((await page(id, admin)).data).toMatchObject({ message: { status: "sent", attempts: 2, error: null } });

    mail.refusals.set("typo@ghana.example", [{ code: 550, message: "No such user here" }]);
    const failed = await inviteFocalPoint("typo@ghana.example");
    expect((await page(failed, admin)).data).toMatchObject({ message: { status: "failed", attempts: 1, error: expect.stringContaining("No such user") } });
    // The mailbox was made meanwhile at the other end: the secretariat sends it again.
    const again = await resend(failed, admin);
    expect(again).toMatchObject({ status: 200, data: { ok: true, message: "outbox.resent" } });
    expect(mail.received.at(-1)?.to).toEqual(["typo@ghana.example"]);
    expect(mail.received.at(-1)?.raw).toMatch(/\/invite\/[a-z2-7]{40,}/);
    expect((await page(failed, admin)).data).toMatchObject({ message: { status: "sent", attempts: 1 } });
    const audit = await getDb().selectFrom("audit_event").select(["action", "target_id"]).where("target_id", "=", failed).execute();
    expect(audit).toEqual([{ action: "email.resent", target_id: failed }]);

    // Sent already: nothing to send again, and the page says why.
    expect(await resend(failed, admin)).toMatchObject({ status: 409, data: { ok: false, message: "outbox.notResent" } });
  });

  it("a resend refused again says so and leaves the message failed", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    mail.refusals.set("still@ghana.example", [{ code: 550, message: "No such user here" }, { code: 550, message: "Still no such user" }]);
    const id = await inviteFocalPoint("still@ghana.example");
    expect(await resend(id, admin)).toMatchObject({ status: 200, data: { ok: true, message: "outbox.resendRefused" } });
    expect((await page(id, admin)).data).toMatchObject({ message: { status: "failed", attempts: 1, error: expect.stringContaining("Still no such user") } });
  });

  it("revoking an invitation withdraws its e-mail, which can then not be sent again", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    mail.refusals.set("revoked@ghana.example", [{ code: 550, message: "No such user here" }]);
    const id = await inviteFocalPoint("revoked@ghana.example");
    const invitation = await getDb().selectFrom("invitation").select("id").where("email", "=", "revoked@ghana.example").executeTakeFirstOrThrow();
    const revoked = outcome(await invitationsAction({ request: post("/invitations", { intent: "revoke", invitationId: invitation.id }, { cookie: admin }), context, params: {} }));
    expect(revoked.status).toBe(200);
    expect((await page(id, admin)).data).toMatchObject({ message: { status: "withdrawn", body: expect.not.stringMatching(/\/invite\/[a-z2-7]{40,}/) } });
    expect(await resend(id, admin)).toMatchObject({ status: 409, data: { ok: false, message: "outbox.notResent" } });
  });

  it("a resend that fails again says so and leaves the message waiting for its next attempt", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    mail.refusals.set("down@ghana.example", [{ code: 554, message: "Refused" }, { code: 421, message: "Service not available" }]);
    const id = await inviteFocalPoint("down@ghana.example");
    expect(await resend(id, admin)).toMatchObject({ status: 200, data: { ok: true, message: "outbox.resendFailed" } });
    expect((await page(id, admin)).data).toMatchObject({ message: { status: "pending", attempts: 1, error: expect.stringContaining("Service not available") } });
  });

  it("refuses what it cannot do, changing nothing", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    mail.refusals.set("never@ghana.example", [{ code: 550, message: "No" }]);
    const id = await inviteFocalPoint("never@ghana.example");
    expect(await resend(id, admin, "delete")).toMatchObject({ status: 400, data: { ok: false, message: "form.invalid" } });
    expect((await resend("00000000-0000-4000-8000-000000000000", admin)).status).toBe(404);
    expect((await resend("not-an-id", admin)).status).toBe(404);
    expect((await resend(id, await cookieFor(demoEmail("rapporteur")))).status).toBe(403);
    expect((await page(id, admin)).data).toMatchObject({ message: { status: "failed", attempts: 1 } });
  });
});
