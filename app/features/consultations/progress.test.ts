import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { countryName } from "#app/features/organisations/countries.ts";
import type { Consultation } from "#db/schema.ts";
import { capacityConsultation, insertResponse as respond } from "#tests/consultations.ts";
import { createMember, stateId } from "#tests/helpers.ts";
import { consultationProgress } from "./consultations.ts";
import { PROGRESS_PAGE_SIZE, listProgress, type ProgressView } from "./progress.ts";

const VIEW: ProgressView = { sort: "name", descending: false, page: 1 };

async function allPages(consultation: Consultation, view: Partial<ProgressView>, language: "en" | "fr" | "es" = "en") {
  const first = await listProgress(getDb(), consultation, { ...VIEW, ...view }, language);
  const rest = [];
  for (let page = 2; page <= first.pageCount; page += 1) rest.push(...(await listProgress(getDb(), consultation, { ...VIEW, ...view, page }, language)).rows);
  return { ...first, rows: [...first.rows, ...rest] };
}

describe("the progress of a consultation, organisation by organisation", () => {
  it("lists an answer being amended as amending, and counts it among the submitted", async () => {
    const consultation = await capacityConsultation();
    const [mexico, france, kenya] = await Promise.all([stateId("MX"), stateId("FR"), stateId("KE")]);
    await respond(consultation, mexico, "amending", "2026-09-12T10:00:00.000Z");
    await respond(consultation, france, "submitted", "2026-09-11T10:00:00.000Z");
    await respond(consultation, kenya, "draft", "2026-09-10T10:00:00.000Z");

    const amending = await listProgress(getDb(), consultation, { ...VIEW, state: "amending" }, "en");
    expect(amending.rows.map((row) => [row.name, row.state, row.lastActivity])).toEqual([[countryName("MX", "en"), "amending", "2026-09-12T10:00:00.000Z"]]);
    expect(await consultationProgress(getDb(), consultation)).toEqual({ eligible: 195, notStarted: 192, draft: 1, submitted: 2, amending: 1 });
    expect((await listProgress(getDb(), consultation, { ...VIEW, state: "not_started" }, "en")).total).toBe(192);
  });

  it("pages in SQL, and sorts every State's name in the reader's language by its collation", async () => {
    const consultation = await capacityConsultation();
    for (const language of ["en", "fr", "es"] as const) {
      const first = await listProgress(getDb(), consultation, VIEW, language);
      expect(first).toMatchObject({ total: 195, page: 1, pageCount: Math.ceil(195 / PROGRESS_PAGE_SIZE) });
      expect(first.rows).toHaveLength(PROGRESS_PAGE_SIZE);
      const names = (await allPages(consultation, {}, language)).rows.map((row) => row.name);
      expect(names).toHaveLength(195);
      expect(names).toEqual([...names].sort(new Intl.Collator(language).compare));
      const backwards = (await allPages(consultation, { descending: true }, language)).rows.map((row) => row.name);
      expect(backwards).toEqual([...names].reverse());
    }
    // A page past the last shows the last.
    expect((await listProgress(getDb(), consultation, { ...VIEW, page: 99 }, "en")).page).toBe(4);
  });

  it("filters by state, region, type and a search on the name in the reader's language", async () => {
    const consultation = await capacityConsultation();
    const germany = await stateId("DE");
    await respond(consultation, germany, "draft", "2026-09-10T10:00:00.000Z");
    const search = async (q: string, language: "en" | "fr" | "es") => (await listProgress(getDb(), consultation, { ...VIEW, q }, language)).rows.map((row) => row.name);
    expect(await search("allemagne", "fr")).toEqual([countryName("DE", "fr")]);
    expect(await search("ALEMANIA", "es")).toEqual([countryName("DE", "es")]);
    expect(await search("germ", "en")).toEqual([countryName("DE", "en")]);
    // Wildcards typed are letters.
    expect(await search("%", "en")).toEqual([]);
    expect(await search("_", "en")).toEqual([]);
    // Western Europe (155), and Europe (150) with every area under it.
    const western = await allPages(consultation, { region: "155" });
    expect(western.rows.map((row) => row.regionM49)).toEqual(western.rows.map(() => "155"));
    expect(western.rows.map((row) => row.name)).toContain(countryName("DE", "en"));
    const europe = await allPages(consultation, { region: "150" });
    expect(europe.total).toBeGreaterThan(western.total);
    expect(europe.rows.map((row) => row.name)).toContain(countryName("DE", "en"));
    expect((await listProgress(getDb(), consultation, { ...VIEW, region: "155", state: "draft" }, "en")).rows.map((row) => row.name)).toEqual([countryName("DE", "en")]);
    expect((await listProgress(getDb(), consultation, { ...VIEW, type: "ngo" }, "en")).total).toBe(0);
    expect((await listProgress(getDb(), consultation, { ...VIEW, type: "state" }, "en")).total).toBe(195);
  });

  it("sorts by state and by last activity, those who never answered last", async () => {
    const consultation = await capacityConsultation();
    const [mexico, france, kenya] = await Promise.all([stateId("MX"), stateId("FR"), stateId("KE")]);
    await respond(consultation, mexico, "submitted", "2026-09-12T10:00:00.000Z");
    await respond(consultation, france, "draft", "2026-09-14T10:00:00.000Z");
    await respond(consultation, kenya, "amending", "2026-09-13T10:00:00.000Z");
    const latest = await listProgress(getDb(), consultation, { ...VIEW, sort: "activity", descending: true }, "en");
    expect(latest.rows.slice(0, 4).map((row) => [row.organisationId, row.state])).toEqual([
      [france, "draft"],
      [kenya, "amending"],
      [mexico, "submitted"],
      [expect.any(String), "not_started"],
    ]);
    const oldest = await listProgress(getDb(), consultation, { ...VIEW, sort: "activity" }, "en");
    expect(oldest.rows.slice(0, 3).map((row) => row.organisationId)).toEqual([mexico, kenya, france]);
    const byState = await allPages(consultation, { sort: "state", descending: true });
    expect(byState.rows.slice(0, 3).map((row) => row.state)).toEqual(["submitted", "amending", "draft"]);
    expect(byState.rows.at(-1)?.state).toBe("not_started");
  });

  it("names each organisation's active people, with their e-mail and role", async () => {
    const consultation = await capacityConsultation();
    const chile = await stateId("CL");
    const active = await createMember(chile, "focal_point", `active.${newId()}@cl.example`);
    const gone = await createMember(chile, "focal_point", `gone.${newId()}@cl.example`);
    await getDb().updateTable("user").set({ disabled_at: "2026-01-01T00:00:00.000Z" }).where("id", "=", gone.id).execute();
    const [row] = (await listProgress(getDb(), consultation, { ...VIEW, q: "chile" }, "en")).rows;
    expect(row?.people).toContainEqual({ name: active.name, email: active.email, role: "focal_point" });
    expect(row?.people.map((person) => person.email)).not.toContain(gone.email);
  });
});
