import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as accountLoader } from "#app/routes/account.tsx";
import { loader as invitationsLoader } from "#app/routes/invitations.tsx";
import { loader as organisationLoader } from "#app/routes/organisations.$id.tsx";
import { loader as organisationsLoader } from "#app/routes/organisations._index.tsx";
import { loader as newOrganisationLoader } from "#app/routes/organisations.new.tsx";
import { loader as outboxLoader } from "#app/routes/outbox._index.tsx";
import { loader as peopleLoader } from "#app/routes/people.tsx";
import { loader as signInActivityLoader } from "#app/routes/sign-in-activity.tsx";
import { context, cookieFor, demoEmail, get, outcome, settle, stateId } from "#tests/helpers.ts";

type Loader = (args: { request: Request; context: typeof context; params: Record<string, string> }) => Promise<unknown>;

const PAGES: { path: string; loader: Loader; allowed: Role[] }[] = [
  { path: "/account", loader: accountLoader as Loader, allowed: ["admin", "rapporteur", "focal_point", "partner"] },
  { path: "/organisations", loader: organisationsLoader as Loader, allowed: ["admin", "rapporteur"] },
  { path: "/organisations/new", loader: newOrganisationLoader as Loader, allowed: ["admin"] },
  { path: "/people", loader: peopleLoader as Loader, allowed: ["admin"] },
  { path: "/invitations", loader: invitationsLoader as Loader, allowed: ["admin"] },
  { path: "/outbox", loader: outboxLoader as Loader, allowed: ["admin"] },
  { path: "/sign-in-activity", loader: signInActivityLoader as Loader, allowed: ["admin"] },
];

const ROLES_UNDER_TEST: Role[] = ["admin", "rapporteur", "focal_point", "partner"];

describe("access to pages", () => {
  for (const page of PAGES) {
    it(`${page.path}: anonymous visitors are sent to sign in and come back`, async () => {
      const result = outcome(await settle(() => page.loader({ request: get(page.path), context, params: {} })));
      expect(result.status).toBe(302);
      expect(result.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(page.path)}`);
    });
    for (const role of ROLES_UNDER_TEST) {
      const allowed = page.allowed.includes(role);
      it(`${page.path}: ${role} gets ${allowed ? "200" : "403"}`, async () => {
        const cookie = await cookieFor(demoEmail(role));
        const result = outcome(await settle(() => page.loader({ request: get(page.path, { cookie }), context, params: {} })));
        expect(result.status).toBe(allowed ? 200 : 403);
      });
    }
  }

  it("a focal point reads their own State's page and no other", async () => {
    const cookie = await cookieFor(demoEmail("focal_point"));
    const mexico = await stateId("MX");
    const france = await stateId("FR");
    const own = outcome(await settle(() => organisationLoader({ request: get(`/organisations/${mexico}`, { cookie }), context, params: { id: mexico } })));
    expect(own.status).toBe(200);
    expect((own.data as { members: { email: string }[] }).members.map((m) => m.email)).toContain(demoEmail("focal_point"));
    const other = outcome(await settle(() => organisationLoader({ request: get(`/organisations/${france}`, { cookie }), context, params: { id: france } })));
    expect(other.status).toBe(403);
  });

  it("an unknown organisation is a 404 for the secretariat", async () => {
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const result = outcome(await settle(() => organisationLoader({ request: get("/organisations/nope", { cookie }), context, params: { id: "nope" } })));
    expect(result.status).toBe(404);
  });

  it("the menu follows the role", async () => {
    const menus: Record<string, string[]> = {};
    for (const role of ROLES_UNDER_TEST) {
      const cookie = await cookieFor(demoEmail(role));
      const result = outcome(await rootLoader({ request: get("/", { cookie }), context, params: {} }));
      menus[role] = (result.data as { menu: { label: string }[] }).menu.map((item) => item.label);
    }
    expect(menus.admin).toEqual(["nav.home", "nav.consultations", "nav.surveys", "nav.organisations", "nav.proposals", "nav.people", "nav.invitations", "nav.outbox", "nav.signInActivity", "nav.account"]);
    expect(menus.rapporteur).toEqual(["nav.home", "nav.consultations", "nav.organisations", "nav.proposals", "nav.account"]);
    expect(menus.focal_point).toEqual(["nav.home", "nav.consultations", "nav.myDelegation", "nav.account"]);
    expect(menus.partner).toEqual(["nav.home", "nav.consultations", "nav.myOrganisation", "nav.account"]);
    const anonymous = outcome(await rootLoader({ request: get("/"), context, params: {} }));
    expect((anonymous.data as { menu: { label: string }[] }).menu.map((item) => item.label)).toEqual(["nav.home"]);
  });
});
