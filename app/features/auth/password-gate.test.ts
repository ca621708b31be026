import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { DEMO_PASSWORD, demoEmail, whilePasswordGateFull } from "#tests/helpers.ts";
import { PASSWORD_GATE, PasswordChecksBusy, createGate, passwordGate } from "./password-gate.ts";
import { signIn } from "./sign-in.ts";

/** Work that holds its place in a gate until released. */
function held() {
  let release = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  return { work: () => done, release };
}

describe("the password gate", () => {
  it("runs a few at a time, queues a few more in order, and refuses the rest at once", async () => {
    const gate = createGate({ running: 1, waiting: 2, retryAfterSeconds: 7 });
    const first = held();
    const order: string[] = [];
    const running = gate.run(async () => {
      await first.work();
      order.push("first");
    });
    const second = gate.run(async () => order.push("second"));
    const third = gate.run(async () => order.push("third"));
    expect(gate.full()).toBe(true);
    await expect(gate.run(async () => order.push("fourth"))).rejects.toMatchObject({ name: "PasswordChecksBusy", retryAfterSeconds: 7 });
    first.release();
    await Promise.all([running, second, third]);
    expect(order).toEqual(["first", "second", "third"]);
    expect(gate.full()).toBe(false);
  });

  it("frees its place when the work fails", async () => {
    const gate = createGate({ running: 1, waiting: 0, retryAfterSeconds: 1 });
    await expect(gate.run(async () => Promise.reject(new Error("scrypt failed")))).rejects.toThrow("scrypt failed");
    expect(await gate.run(async () => "ran")).toBe("ran");
  });

  it("answers a sign-in 'busy' while the process's password checks are all taken, and records nothing", async () => {
    const db = getDb();
    await whilePasswordGateFull(async () => {
      expect(passwordGate.full()).toBe(true);
      expect(await signIn(db, { email: demoEmail("partner"), password: DEMO_PASSWORD, ip: "192.0.2.44" })).toEqual({ ok: false, reason: "busy", retryAfterSeconds: PASSWORD_GATE.retryAfterSeconds });
      expect(await db.selectFrom("sign_in_attempt").select("id").where("ip", "=", "192.0.2.44").execute()).toEqual([]);
    });
    expect((await signIn(db, { email: demoEmail("partner"), password: DEMO_PASSWORD, ip: "192.0.2.44" })).ok).toBe(true);
    expect(new PasswordChecksBusy(3).retryAfterSeconds).toBe(3);
  });
});
