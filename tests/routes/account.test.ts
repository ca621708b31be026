import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "#app/root.tsx";
import { action, loader } from "#app/routes/account.tsx";
import { DEMO_PASSWORD, context, cookieFor, createMember, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

describe("changing one's password", () => {
  it("answers with a redirect carrying the new session, so that a browser without JavaScript stays signed in", async () => {
    const member = await createMember(await stateId("UY"), "focal_point");
    const cookie = await cookieFor(member.email);
    const changed = outcome(
      await action({ request: post("/account", { currentPassword: DEMO_PASSWORD, password: "a new passphrase for Montevideo", confirmPassword: "a new passphrase for Montevideo" }, { cookie }), context, params: {} }),
    );
    // Rendered in the same response, the page's loaders would still read the ended session.
    expect(changed.status).toBe(302);
    expect(changed.headers.get("Location")).toBe("/account?changed=1");
    const fresh = (changed.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    expect(fresh).toMatch(/^consulta_session=[a-z2-7]{32}$/);

    expect(outcome(await rootLoader({ request: get("/", { cookie }), context, params: {} })).data).toMatchObject({ user: null });
    const page = outcome(await settle(() => loader({ request: get("/account?changed=1", { cookie: fresh }), context, params: {} })));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ changed: true, email: member.email });
  });

  it("a wrong current password is refused on the page, with nothing changed", async () => {
    const member = await createMember(await stateId("UY"), "focal_point");
    const cookie = await cookieFor(member.email);
    const wrong = outcome(await action({ request: post("/account", { currentPassword: "not my password", password: "a new passphrase", confirmPassword: "a new passphrase" }, { cookie }), context, params: {} }));
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ result: { error: { currentPassword: ["account.wrongPassword"] } } });
    expect(outcome(await settle(() => loader({ request: get("/account", { cookie }), context, params: {} }))).data).toMatchObject({ changed: false });
  });
});
