import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { countryName } from "./countries.ts";
import { listOrganisations, organisationChoices } from "./organisations.ts";

describe("organisation choices", () => {
  it("name the organisations of the types asked for in the reader's language, sorted as in that language", async () => {
    const admin = await currentUserFor(demoEmail("admin"));
    for (const language of ["en", "fr", "es"]) {
      const states = await organisationChoices(getDb(), admin, ["state"], language);
      expect(states.length).toBeGreaterThanOrEqual(195);
      const listed = (await listOrganisations(getDb(), admin, { type: "state", language })).map((org) => ({ id: org.id, name: org.name }));
      expect(states).toEqual(listed);
    }
    const mexico = await stateId("MX");
    expect((await organisationChoices(getDb(), admin, ["state"], "es")).find((choice) => choice.id === mexico)?.name).toBe(countryName("MX", "es"));
    const partners = await organisationChoices(getDb(), admin, ["ngo", "diaspora"], "en");
    expect(partners.length).toBeGreaterThan(0);
    const types = await getDb().selectFrom("organisation").select(["id", "type"]).execute();
    const typeOf = new Map(types.map((row) => [row.id, row.type]));
    expect(partners.every((choice) => ["ngo", "diaspora"].includes(typeOf.get(choice.id) ?? ""))).toBe(true);
    expect(await organisationChoices(getDb(), admin, [], "en")).toEqual([]);
  });

  it("show someone outside the secretariat only their own organisation", async () => {
    const focalPoint = await currentUserFor(demoEmail("focal_point"));
    expect(await organisationChoices(getDb(), focalPoint, ["state", "ngo"], "en")).toEqual([{ id: await stateId("MX"), name: countryName("MX", "en") }]);
  });
});
