import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "#app/features/config/env.ts";
import { startMailServer } from "#tests/mail-server.ts";
import { isPermanentFailure } from "./outbox.ts";
import { smtpTransport } from "./smtp.ts";

const server = await startMailServer();
afterAll(() => server.close());

const envFor = (port: number) => parseEnv({ DATABASE_URL: "file:unused.db", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), MAIL_FROM: "Consulta <consulta@example.org>" });

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("the SMTP transport", () => {
  it("is there only when SMTP_HOST is set", () => {
    expect(smtpTransport(parseEnv({ DATABASE_URL: "file:unused.db" }))).toBeNull();
  });

  it("hands the message to the mail server, from MAIL_FROM", async () => {
    const transport = smtpTransport(envFor(server.port));
    await transport?.({ to: "focal.point@example.org", subject: "Your invitation", text: "Dear focal point,\nWelcome." });
    const mail = server.received.at(-1);
    expect(mail).toMatchObject({ from: "consulta@example.org", to: ["focal.point@example.org"] });
    expect(mail?.raw).toContain("Subject: Your invitation");
    expect(mail?.raw).toContain("Dear focal point,");
  });

  it("fails for good on a 5xx refusal, and passingly on a 4xx one or with no server", async () => {
    const transport = smtpTransport(envFor(server.port));
    server.refusals.set("gone@example.org", [{ code: 550, message: "No such user here" }]);
    server.refusals.set("full@example.org", [{ code: 452, message: "Mailbox full, try later" }]);
    const refused = await transport?.({ to: "gone@example.org", subject: "x", text: "x" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(isPermanentFailure(refused)).toBe(true);
    const full = await transport?.({ to: "full@example.org", subject: "x", text: "x" }).catch((error: unknown) => error);
    expect(full).toBeInstanceOf(Error);
    expect(isPermanentFailure(full)).toBe(false);
    const down = await smtpTransport(envFor(await closedPort()))?.({ to: "a@example.org", subject: "x", text: "x" }).catch((error: unknown) => error);
    expect(down).toBeInstanceOf(Error);
    expect(isPermanentFailure(down)).toBe(false);
  });
});
