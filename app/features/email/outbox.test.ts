import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { deliverPending, maskSecrets, queueEmail } from "./outbox.ts";

const LINK = "https://consulta.example.org/invite/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnop";

describe("outbox", () => {
  it("keeps messages as logged when nothing delivers them", async () => {
    const id = await queueEmail(getDb(), { kind: "test", to: "a@example.org", subject: "Hello", text: LINK }, { delivers: false });
    const row = await getDb().selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("logged");
    expect(row.text_body).toBe(LINK);
  });

  it("sends each pending message once, then masks its link; failures are recorded", async () => {
    const db = getDb();
    const ok = await queueEmail(db, { kind: "test", to: "ok@example.org", subject: "One", text: `Open ${LINK}` }, { delivers: true });
    const bad = await queueEmail(db, { kind: "test", to: "bad@example.org", subject: "Two", text: "x" }, { delivers: true });
    const sent: string[] = [];
    const transport = async ({ to }: { to: string }) => {
      if (to.startsWith("bad")) throw new Error("mailbox unavailable");
      sent.push(to);
    };
    const [first, second] = await Promise.all([deliverPending(db, transport), deliverPending(db, transport)]);
    expect(first + second).toBe(1);
    expect(sent).toEqual(["ok@example.org"]);
    const okRow = await db.selectFrom("email_outbox").selectAll().where("id", "=", ok).executeTakeFirstOrThrow();
    expect(okRow.status).toBe("sent");
    expect(okRow.text_body).toBe("Open https://consulta.example.org/invite/[…]");
    const badRow = await db.selectFrom("email_outbox").selectAll().where("id", "=", bad).executeTakeFirstOrThrow();
    expect(badRow).toMatchObject({ status: "failed", error: "mailbox unavailable" });
  });

  it("masks only long tokens", () => {
    expect(maskSecrets("see https://x.org/organisations and the code abc")).toBe("see https://x.org/organisations and the code abc");
  });
});
