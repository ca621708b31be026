import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { deliverMessage, deliverPending, isPermanentFailure, maskSecrets, MAX_ATTEMPTS, queueEmail, resendMessage, RETRY_DELAYS_MS, STUCK_AFTER_MS, type Transport } from "./outbox.ts";

const LINK = "https://consulta.example.org/invite/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnop";
const MINUTE = 60_000;

/** An address of this test only: other tests' messages may be due in the same outbox. */
const address = (name: string) => `${name}.${newId().slice(0, 8)}@example.org`;

/** A mail server that answers each address with what `outcomes` says, in turn, and records what it took. */
function mailServer(outcomes: Record<string, (Error | "ok")[]>) {
  const delivered: string[] = [];
  const tried: string[] = [];
  const transport: Transport = async ({ to }) => {
    tried.push(to);
    const outcome = outcomes[to]?.shift() ?? "ok";
    if (outcome !== "ok") throw outcome;
    delivered.push(to);
  };
  return { transport, delivered, tried };
}

/** An error as nodemailer gives it: the server's reply code and the command it answered. */
function smtpError(message: string, responseCode?: number, command = "RCPT TO"): Error {
  return Object.assign(new Error(message), responseCode === undefined ? {} : { responseCode, command });
}

const row = (id: string) => getDb().selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const at = (start: Date, minutes: number) => () => new Date(start.getTime() + minutes * MINUTE);

describe("outbox", () => {
  it("keeps messages as logged when nothing delivers them", async () => {
    const id = await queueEmail(getDb(), { kind: "test", to: "a@example.org", subject: "Hello", text: LINK }, { delivers: false });
    expect(await row(id)).toMatchObject({ status: "logged", text_body: LINK, attempts: 0 });
  });

  it("sends each pending message once, then masks its link; a refusal for good is recorded as failed", async () => {
    const db = getDb();
    const good = address("ok");
    const bad = address("bad");
    const ok = await queueEmail(db, { kind: "test", to: good, subject: "One", text: `Open ${LINK}` }, { delivers: true });
    const refused = await queueEmail(db, { kind: "test", to: bad, subject: "Two", text: "x" }, { delivers: true });
    const server = mailServer({ [bad]: [smtpError("550 mailbox unavailable", 550)] });
    await Promise.all([deliverPending(db, server.transport), deliverPending(db, server.transport)]);
    expect(server.delivered.filter((to) => to === good)).toEqual([good]);
    expect(server.tried.filter((to) => to === bad)).toEqual([bad]);
    expect(await row(ok)).toMatchObject({ status: "sent", text_body: "Open https://consulta.example.org/invite/[…]", attempts: 1, error: null });
    expect(await row(refused)).toMatchObject({ status: "failed", error: "550 mailbox unavailable", attempts: 1, next_attempt_at: null });
  });

  it("tries again after a passing failure, waiting longer each time, then sends", async () => {
    const db = getDb();
    const start = new Date("2030-03-01T09:00:00.000Z");
    const to = address("later");
    const id = await queueEmail(db, { kind: "test", to, subject: "Later", text: LINK }, { delivers: true, now: start });
    const server = mailServer({ [to]: [smtpError("connect ECONNREFUSED 127.0.0.1:25"), smtpError("421 try again later", 421), "ok"] });

    await deliverPending(db, server.transport, at(start, 0));
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1, error: "connect ECONNREFUSED 127.0.0.1:25", next_attempt_at: "2030-03-01T09:05:00.000Z", text_body: LINK });
    await deliverPending(db, server.transport, at(start, 4));
    expect(server.tried.filter((address) => address === to)).toHaveLength(1);

    await deliverPending(db, server.transport, at(start, 5));
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 2, error: "421 try again later", next_attempt_at: "2030-03-01T09:20:00.000Z" });

    await deliverPending(db, server.transport, at(start, 20));
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 3, error: null, next_attempt_at: null, sent_at: "2030-03-01T09:20:00.000Z" });
    expect(server.delivered.filter((address) => address === to)).toEqual([to]);
  });

  it(`marks a message failed after ${MAX_ATTEMPTS} passing failures, about half a day`, async () => {
    const db = getDb();
    const start = new Date("2030-03-02T09:00:00.000Z");
    const to = address("down");
    const id = await queueEmail(db, { kind: "test", to, subject: "Down", text: "x" }, { delivers: true, now: start });
    const server = mailServer({ [to]: Array.from({ length: MAX_ATTEMPTS }, () => smtpError("Greeting never received")) });
    let minutes = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await deliverPending(db, server.transport, at(start, minutes));
      expect((await row(id)).attempts).toBe(attempt);
      minutes += (RETRY_DELAYS_MS[attempt - 1] ?? 0) / MINUTE;
    }
    expect(minutes).toBe(5 + 15 + 60 + 180 + 480);
    expect(await row(id)).toMatchObject({ status: "failed", error: "Greeting never received", next_attempt_at: null });
    await deliverPending(db, server.transport, at(start, minutes + 24 * 60));
    expect(server.tried.filter((address) => address === to)).toHaveLength(MAX_ATTEMPTS);
  });

  it("takes up a message left 'being sent' by a process that stopped, once it has been so for long", async () => {
    const db = getDb();
    const start = new Date("2030-03-03T09:00:00.000Z");
    const to = address("stuck");
    const id = await queueEmail(db, { kind: "test", to, subject: "Stuck", text: "x" }, { delivers: true, now: start });
    await db.updateTable("email_outbox").set({ status: "sending", claimed_at: start.toISOString(), attempts: 1 }).where("id", "=", id).execute();
    const server = mailServer({});
    await deliverPending(db, server.transport, at(start, STUCK_AFTER_MS / MINUTE - 1));
    expect(await row(id)).toMatchObject({ status: "sending", attempts: 1 });
    await deliverPending(db, server.transport, at(start, STUCK_AFTER_MS / MINUTE));
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, claimed_at: null });
    expect(server.delivered.filter((address) => address === to)).toEqual([to]);
  });

  it("sends one message at once, only when it is pending", async () => {
    const db = getDb();
    const to = address("now");
    const other = address("other");
    const id = await queueEmail(db, { kind: "test", to, subject: "Now", text: "x" }, { delivers: true });
    const otherId = await queueEmail(db, { kind: "test", to: other, subject: "Other", text: "x" }, { delivers: true });
    const server = mailServer({});
    expect(await deliverMessage(db, server.transport, id)).toBe("sent");
    expect(await deliverMessage(db, server.transport, id)).toBe("not-claimed");
    expect(server.delivered).toEqual([to]);
    expect((await row(otherId)).status).toBe("pending");
    expect(await deliverMessage(db, server.transport, "no-such-message")).toBe("not-claimed");
  });

  it("puts a failed message back in line with fresh attempts, recorded in the audit trail; nothing else", async () => {
    const db = getDb();
    const to = address("again");
    const id = await queueEmail(db, { kind: "test", to, subject: "Again", text: LINK }, { delivers: true });
    const server = mailServer({ [to]: [smtpError("550 no such user", 550)] });
    const actor = await db.selectFrom("user").select("id").executeTakeFirstOrThrow();
    expect(await resendMessage(db, actor, id, { ip: "192.0.2.1" })).toBe(false);
    await deliverMessage(db, server.transport, id);
    expect((await row(id)).status).toBe("failed");

    expect(await resendMessage(db, actor, id, { ip: "192.0.2.1" })).toBe(true);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 0, error: null, next_attempt_at: null });
    const audit = await db.selectFrom("audit_event").selectAll().where("target_id", "=", id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: "email.resent", actor_user_id: actor.id, target_type: "email", ip: "192.0.2.1" })]);
    expect(await resendMessage(db, actor, id, { ip: null })).toBe(false);

    expect(await deliverMessage(db, server.transport, id)).toBe("sent");
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1, text_body: "https://consulta.example.org/invite/[…]" });
    expect(await resendMessage(db, actor, id, { ip: null })).toBe(false);
  });

  it("keeps the wait of a message that failed while the loop was working through its list", async () => {
    const db = getDb();
    const first = address("first");
    const to = address("raced");
    const firstId = await queueEmail(db, { kind: "test", to: first, subject: "First", text: "x" }, { delivers: true, now: new Date(Date.now() - 2_000) });
    const id = await queueEmail(db, { kind: "test", to, subject: "Raced", text: "x" }, { delivers: true, now: new Date(Date.now() - 1_000) });
    const tried: string[] = [];
    const transport: Transport = async (message) => {
      tried.push(message.to);
      // While the loop sends the first message, the second is tried elsewhere (an invitation
      // page) and fails: the loop, which listed it before, must not take it again at once.
      if (message.to === first) expect(await deliverMessage(db, transport, id)).toBe("retry");
      if (message.to === to) throw smtpError("connect ECONNREFUSED");
    };
    await deliverPending(db, transport);
    expect(tried.filter((address) => address === to)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await row(firstId)).status).toBe("sent");
  });

  it("records nothing for a sender whose message was taken over as stuck", async () => {
    const db = getDb();
    const start = new Date("2030-03-04T09:00:00.000Z");
    const to = address("slow");
    const id = await queueEmail(db, { kind: "test", to, subject: "Slow", text: "x" }, { delivers: true, now: start });
    let fail: (error: Error) => void = () => {};
    const hanging: Transport = () => new Promise((_resolve, reject) => (fail = reject));
    const slow = deliverMessage(db, hanging, id, at(start, 0));
    await expect.poll(async () => (await row(id)).status).toBe("sending");
    const server = mailServer({});
    await deliverPending(db, server.transport, at(start, STUCK_AFTER_MS / MINUTE));
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
    fail(smtpError("Connection timeout"));
    expect(await slow).toBe("not-claimed");
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, error: null });
  });

  it("tells a refusal for good (SMTP 5xx to the message) from a failure that may pass", () => {
    expect(isPermanentFailure(smtpError("550 5.1.1 unknown user", 550))).toBe(true);
    expect(isPermanentFailure(smtpError("554 rejected", 554, "DATA"))).toBe(true);
    expect(isPermanentFailure(smtpError("553 sender not allowed", 553, "MAIL FROM"))).toBe(true);
    // The server's settings (a wrong password, a refused greeting) are mended once for all messages.
    expect(isPermanentFailure(smtpError("535 authentication failed", 535, "AUTH PLAIN"))).toBe(false);
    expect(isPermanentFailure(smtpError("554 no service", 554, "CONN"))).toBe(false);
    expect(isPermanentFailure(smtpError("452 mailbox full", 452))).toBe(false);
    expect(isPermanentFailure(smtpError("connect ETIMEDOUT"))).toBe(false);
    expect(isPermanentFailure("a string")).toBe(false);
    expect(isPermanentFailure(null)).toBe(false);
  });

  it("masks only long tokens", () => {
    expect(maskSecrets("see https://x.org/organisations and the code abc")).toBe("see https://x.org/organisations and the code abc");
  });
});
