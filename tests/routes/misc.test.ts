import { describe, expect, it, vi } from "vitest";
import { getDb } from "#app/db.server.ts";
import { Kysely, SqliteDialect } from "kysely";
import { openSqlite } from "#db/connect.ts";
import type { Database } from "#db/schema.ts";
import { checkDatabase, HEALTH_REUSE_MS } from "#app/features/health/health.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as accountAction } from "#app/routes/account.tsx";
import { loader as healthLoader } from "#app/routes/healthz.ts";
import { action as languageAction } from "#app/routes/language.tsx";
import { action as newOrganisationAction } from "#app/routes/organisations.new.tsx";
import { action as signOutAction } from "#app/routes/sign-out.tsx";
import { context, cookieFor, demoEmail, get, outcome, post, settle } from "#tests/helpers.ts";

describe("health", () => {
  it("answers 200 ok when the database answers", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("reports a database that does not answer", async () => {
    const sqlite = openSqlite(":memory:");
    sqlite.exec("create table health_check (name text primary key, checked_at text not null)");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const now = Date.now();
    expect(await checkDatabase(db, now)).toEqual({ ok: true });
    sqlite.close();
    vi.mocked(console.error).mockImplementation(() => {});
    expect(await checkDatabase(db, now + HEALTH_REUSE_MS)).toEqual({ ok: false, problem: "unknown" });
  });
});

describe("language", () => {
  it("comes from ?lang=, then the cookie, then Accept-Language, then English", () => {
    expect(detectLanguage(get("/?lang=es", { headers: { Cookie: "consulta_lang=fr" } }))).toBe("es");
    expect(detectLanguage(get("/", { headers: { Cookie: "consulta_lang=fr", "Accept-Language": "es" } }))).toBe("fr");
    expect(detectLanguage(get("/", { headers: { "Accept-Language": "de-CH, fr-CH;q=0.9, en;q=0.5" } }))).toBe("fr");
    expect(detectLanguage(get("/", { headers: { "Accept-Language": "es-419" } }))).toBe("es");
    expect(detectLanguage(get("/?lang=xx", { headers: { "Accept-Language": "zh" } }))).toBe("en");
  });

  it("the switcher sets a cookie and goes back to the same page", async () => {
    const result = outcome(await languageAction({ request: post("/language", { language: "es", redirectTo: "/organisations?type=state&lang=fr" }), context, params: {} }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/organisations?type=state");
    expect(result.headers.get("Set-Cookie")).toMatch(/^consulta_lang=es;/);
  });

  it("refuses an unknown language code and changes nothing", async () => {
    const result = outcome(await languageAction({ request: post("/language", { language: "xx" }), context, params: {} }));
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(result.data).toEqual({ error: "language.unknown", value: "xx" });
  });

  it("remembers the choice of a signed-in person", async () => {
    const cookie = await cookieFor(demoEmail("focal_point"));
    await languageAction({ request: post("/language", { language: "es" }, { cookie }), context, params: {} });
    const user = await getDb().selectFrom("user").select("preferred_language").where("email", "=", demoEmail("focal_point")).executeTakeFirstOrThrow();
    expect(user.preferred_language).toBe("es");
  });

  it("the root loader says which language to render", async () => {
    const result = outcome(await rootLoader({ request: get("/", { headers: { "Accept-Language": "fr" } }), context, params: {} }));
    expect(result.data).toMatchObject({ language: "fr", user: null });
  });
});

describe("partner organisations", () => {
  it("the secretariat adds one; a duplicate name or an unknown country is refused", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const fields = { type: "ngo", name: "Migrant Rights Forum", acronym: "MRF", countryCode: "KE", website: "https://mrf.example.org" };
    const created = outcome(await newOrganisationAction({ request: post("/organisations/new", fields, { cookie }), context, params: {} }));
    expect(created.status).toBe(302);
    const id = created.headers.get("Location")?.split("/").at(-1) ?? "";
    const row = await getDb().selectFrom("organisation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ type: "ngo", name: "Migrant Rights Forum", country_code: "KE", region_m49: "014" });

    const duplicate = outcome(await newOrganisationAction({ request: post("/organisations/new", { ...fields, name: "migrant rights forum" }, { cookie }), context, params: {} }));
    expect(duplicate.status).toBe(409);
    const unknownCountry = outcome(await newOrganisationAction({ request: post("/organisations/new", { ...fields, name: "Another", countryCode: "QQ" }, { cookie }), context, params: {} }));
    expect(unknownCountry.status).toBe(400);
    const badType = outcome(await newOrganisationAction({ request: post("/organisations/new", { ...fields, name: "Third", type: "state" }, { cookie }), context, params: {} }));
    expect(badType.status).toBe(400);
  });

  it("takes a country code in any case, and refuses control characters", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const created = outcome(await newOrganisationAction({ request: post("/organisations/new", { type: "academia", name: "Université de Genève", countryCode: "ch" }, { cookie }), context, params: {} }));
    const id = created.headers.get("Location")?.split("/").at(-1) ?? "";
    expect(await getDb().selectFrom("organisation").select(["country_code", "region_m49"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ country_code: "CH", region_m49: "155" });
    const folded = outcome(await newOrganisationAction({ request: post("/organisations/new", { type: "academia", name: "UNIVERSITE  DE GENEVE" }, { cookie }), context, params: {} }));
    expect(folded.status).toBe(409);
    const nul = outcome(await newOrganisationAction({ request: post("/organisations/new", { type: "ngo", name: "Bad\u0000Name" }, { cookie }), context, params: {} }));
    expect(nul.status).toBe(400);
    expect((nul.data as { error: Record<string, string[]> }).error.name).toEqual(["form.invalidCharacters"]);
  });

  it("partners cannot add organisations", async () => {
    const cookie = await cookieFor(demoEmail("partner"));
    const result = outcome(await settle(() => newOrganisationAction({ request: post("/organisations/new", { type: "ngo", name: "X" }, { cookie }), context, params: {} })));
    expect(result.status).toBe(403);
  });
});

describe("account and sign-out", () => {
  it("a wrong current password changes nothing; sign-out revokes the session", async () => {
    const cookie = await cookieFor(demoEmail("rapporteur"));
    const wrong = outcome(await accountAction({ request: post("/account", { currentPassword: "nope", password: "a new passphrase!", confirmPassword: "a new passphrase!" }, { cookie }), context, params: {} }));
    expect(wrong.status).toBe(400);
    const out = outcome(await signOutAction({ request: post("/sign-out", {}, { cookie }), context, params: {} }));
    expect(out.headers.get("Set-Cookie")).toMatch(/consulta_session=;.*Max-Age=0/);
    const after = outcome(await rootLoader({ request: get("/", { cookie }), context, params: {} }));
    expect(after.data).toMatchObject({ user: null });
  });
});

describe("meetings", () => {
  it("the secretariat edits a meeting in three languages; bad dates are refused", async () => {
    const { action: editMeeting, loader: meetingLoader } = await import("#app/routes/meetings.$id.edit.tsx");
    const cookie = await cookieFor(demoEmail("admin"));
    const meeting = await getDb().selectFrom("meeting").selectAll().executeTakeFirstOrThrow();
    const loaded = outcome(await meetingLoader({ request: get(`/meetings/${meeting.id}/edit`, { cookie }), context, params: { id: meeting.id } }));
    const values = (loaded.data as { values: Record<string, string> }).values;
    const saved = outcome(await editMeeting({ request: post(`/meetings/${meeting.id}/edit`, { ...values, place_fr: "Salle XVIII, Palais des Nations, Genève (Suisse)" }, { cookie }), context, params: { id: meeting.id } }));
    expect(saved.status).toBe(302);
    expect((await getDb().selectFrom("meeting").select("place_fr").where("id", "=", meeting.id).executeTakeFirstOrThrow()).place_fr).toContain("(Suisse)");
    const backwards = outcome(await editMeeting({ request: post(`/meetings/${meeting.id}/edit`, { ...values, ends_on: "2018-10-01" }, { cookie }), context, params: { id: meeting.id } }));
    expect((backwards.data as { error: Record<string, string[]> }).error.ends_on).toEqual(["meetings.endsBeforeStarts"]);
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    expect(outcome(await settle(() => editMeeting({ request: post(`/meetings/${meeting.id}/edit`, values, { cookie: rapporteur }), context, params: { id: meeting.id } }))).status).toBe(403);
  });
});
