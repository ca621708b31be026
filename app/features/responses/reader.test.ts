import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { countryName } from "#app/features/organisations/countries.ts";
import type { Consultation, ResponseRow } from "#db/schema.ts";
import { capacityConsultation, insertResponse } from "#tests/consultations.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { answeringOrganisations, answersViewOf, getSubmittedAnswer, listSubmittedAnswers, neighbourAnswers, type AnswersView } from "./reader.ts";

const VIEW: AnswersView = { sort: "name", descending: false, page: 1 };

/** Submitted answers of six States, and a draft: who, when (UTC), how it may be used, its language. */
async function answered() {
  const consultation = await capacityConsultation();
  const submit = async (code: string, at: string, attribution: ResponseRow["attribution"], language: string, status: ResponseRow["status"] = "submitted") => {
    const id = await insertResponse(consultation, await stateId(code), status, at, { attribution, language, submitted_data: JSON.stringify({ coordinating_institution: code }) });
    return [code, id] as const;
  };
  const ids = Object.fromEntries([
    await submit("MX", "2026-09-05T10:00:00.000Z", "attributable", "es"),
    await submit("FR", "2026-09-12T10:00:00.000Z", "non_attributable", "fr", "amending"),
    await submit("KE", "2026-09-20T21:30:00.000Z", "aggregate_only", "en"),
    // 00:30 on 21 September in Geneva: after a filter that ends on the 20th.
    await submit("CH", "2026-09-20T22:30:00.000Z", "attributable", "fr"),
    await submit("EG", "2026-09-08T09:00:00.000Z", "non_attributable", "en"),
    await submit("ZA", "2026-09-15T09:00:00.000Z", "attributable", "en"),
  ]) as Record<string, string>;
  await insertResponse(consultation, await stateId("DE"), "draft", "2026-09-10T10:00:00.000Z");
  return { consultation, ids };
}

async function reader() {
  return currentUserFor(demoEmail("rapporteur"));
}

async function list(consultation: Consultation, view: Partial<AnswersView>, language: "en" | "fr" | "es" = "en", pageSize?: number) {
  return listSubmittedAnswers(getDb(), await reader(), consultation, { ...VIEW, ...view }, language, pageSize);
}

const codesOf = (rows: { organisation: string }[], language: "en" | "fr" | "es" = "en") =>
  rows.map((row) => ["MX", "FR", "KE", "CH", "EG", "ZA"].find((code) => countryName(code, language) === row.organisation));

describe("the submitted answers of a consultation", () => {
  it("lists answers submitted and being amended (marked), never drafts, for the rapporteurs and the secretariat only", async () => {
    const { consultation, ids } = await answered();
    const all = await list(consultation, {});
    expect(all.total).toBe(6);
    expect(all.rows.find((row) => row.responseId === ids.FR)).toMatchObject({ amending: true, attribution: "non_attributable", language: "fr", submittedAt: "2026-09-12T10:00:00.000Z" });
    expect(all.rows.filter((row) => row.amending)).toHaveLength(1);
    const admin = await currentUserFor(demoEmail("admin"));
    expect((await listSubmittedAnswers(getDb(), admin, consultation, VIEW, "en")).total).toBe(6);
    for (const role of ["focal_point", "partner"] as const) {
      const stranger = await currentUserFor(demoEmail(role));
      expect(await listSubmittedAnswers(getDb(), stranger, consultation, VIEW, "en")).toEqual({ rows: [], total: 0, page: 1, pageCount: 1 });
      expect(await getSubmittedAnswer(getDb(), stranger, consultation.id, ids.MX ?? "")).toBeUndefined();
      expect(await answeringOrganisations(getDb(), stranger, consultation, "en")).toEqual([]);
    }
  });

  it("filters by region (and the areas under it), stakeholder type, organisation, attribution and language", async () => {
    const { consultation } = await answered();
    expect(codesOf((await list(consultation, { region: "150" })).rows).sort()).toEqual(["CH", "FR"]);
    expect(codesOf((await list(consultation, { region: "155" })).rows).sort()).toEqual(["CH", "FR"]);
    expect(codesOf((await list(consultation, { region: "002" })).rows).sort()).toEqual(["EG", "KE", "ZA"]);
    expect(codesOf((await list(consultation, { region: "019" })).rows)).toEqual(["MX"]);
    expect((await list(consultation, { type: "state" })).total).toBe(6);
    expect((await list(consultation, { type: "ngo" })).total).toBe(0);
    expect(codesOf((await list(consultation, { organisation: await stateId("KE") })).rows)).toEqual(["KE"]);
    expect((await list(consultation, { organisation: await stateId("DE") })).total).toBe(0);
    expect(codesOf((await list(consultation, { attribution: "aggregate_only" })).rows)).toEqual(["KE"]);
    expect(codesOf((await list(consultation, { attribution: "non_attributable" })).rows).sort()).toEqual(["EG", "FR"]);
    expect(codesOf((await list(consultation, { language: "fr" })).rows).sort()).toEqual(["CH", "FR"]);
    expect(codesOf((await list(consultation, { language: "es", region: "150" })).rows)).toEqual([]);
    expect(codesOf((await list(consultation, { language: "en", region: "002", attribution: "attributable" })).rows)).toEqual(["ZA"]);
  });

  it("filters by the days submitted, both included, in Geneva time", async () => {
    const { consultation } = await answered();
    expect(codesOf((await list(consultation, { from: "2026-09-12", to: "2026-09-20" })).rows).sort()).toEqual(["FR", "KE", "ZA"]);
    expect(codesOf((await list(consultation, { from: "2026-09-21" })).rows)).toEqual(["CH"]);
    expect(codesOf((await list(consultation, { to: "2026-09-05" })).rows)).toEqual(["MX"]);
    expect((await list(consultation, { from: "2026-09-06", to: "2026-09-07" })).total).toBe(0);
  });

  it("sorts by name in the reader's language's collation, or by the time submitted, and pages in SQL", async () => {
    const { consultation, ids } = await answered();
    for (const language of ["en", "fr", "es"] as const) {
      const names = (await list(consultation, {}, language)).rows.map((row) => row.organisation);
      expect(names).toEqual([...names].sort(new Intl.Collator(language).compare));
      // Égypte sorts among the E, not after Z as its code points would.
      if (language === "fr") expect(names.indexOf(countryName("EG", "fr"))).toBeLessThan(names.indexOf(countryName("FR", "fr")));
      expect((await list(consultation, { descending: true }, language)).rows.map((row) => row.organisation)).toEqual([...names].reverse());
    }
    const latest = await list(consultation, { sort: "submitted", descending: true });
    expect(latest.rows.map((row) => row.responseId)).toEqual([ids.CH, ids.KE, ids.ZA, ids.FR, ids.EG, ids.MX]);
    const pages = [1, 2, 3].map((page) => list(consultation, { sort: "submitted", page }, "en", 2));
    const seen = await Promise.all(pages);
    expect(seen.map((page) => page.rows.length)).toEqual([2, 2, 2]);
    expect(seen.flatMap((page) => page.rows.map((row) => row.responseId))).toEqual([ids.MX, ids.EG, ids.FR, ids.ZA, ids.KE, ids.CH]);
    expect(seen[0]).toMatchObject({ total: 6, page: 1, pageCount: 3 });
    // A page past the last shows the last.
    expect((await list(consultation, { sort: "submitted", page: 9 }, "en", 2)).page).toBe(3);
  });

  it("finds the answers before and after one in the same view", async () => {
    const { consultation, ids } = await answered();
    const around = (id: string | undefined, view: Partial<AnswersView>) => reader().then((user) => neighbourAnswers(getDb(), user, consultation, { ...VIEW, ...view }, "en", id ?? ""));
    expect(await around(ids.FR, { sort: "submitted" })).toEqual({ previous: ids.EG, next: ids.ZA });
    expect(await around(ids.MX, { sort: "submitted" })).toEqual({ previous: null, next: ids.EG });
    expect(await around(ids.CH, { sort: "submitted" })).toEqual({ previous: ids.KE, next: null });
    expect(await around(ids.FR, { sort: "submitted", language: "fr" })).toEqual({ previous: null, next: ids.CH });
    // An answer the view leaves out has no neighbours in it.
    expect(await around(ids.MX, { language: "fr" })).toEqual({ previous: null, next: null });
  });

  it("gives one submitted answer with its submitter, never a draft or another consultation's", async () => {
    const { consultation, ids } = await answered();
    const user = await reader();
    const answer = await getSubmittedAnswer(getDb(), user, consultation.id, ids.FR ?? "");
    expect(answer).toMatchObject({ id: ids.FR, status: "amending", submitted_data: JSON.stringify({ coordinating_institution: "FR" }) });
    const draft = await getDb().selectFrom("response").select("id").where("consultation_id", "=", consultation.id).where("status", "=", "draft").executeTakeFirstOrThrow();
    expect(await getSubmittedAnswer(getDb(), user, consultation.id, draft.id)).toBeUndefined();
    const other = await capacityConsultation();
    expect(await getSubmittedAnswer(getDb(), user, other.id, ids.FR ?? "")).toBeUndefined();
    expect((await answeringOrganisations(getDb(), user, consultation, "fr")).map((row) => row.name)).toEqual(
      ["MX", "FR", "KE", "CH", "EG", "ZA"].map((code) => countryName(code, "fr")).sort(new Intl.Collator("fr").compare),
    );
  });
});

describe("the view an address asks for", () => {
  const read = (query: string) => answersViewOf(new URLSearchParams(query), ["state", "ngo"]);

  it("takes every filter, and treats empty values as no filter", () => {
    const id = "0b6f1c8e-3a1d-4c2e-9f00-123456789abc";
    expect(read(`region=150&type=ngo&organisation=${id}&attribution=aggregate_only&language=fr&from=2026-09-01&to=2026-09-30&sort=submitted&order=desc&page=2`)).toEqual({
      view: { region: "150", type: "ngo", organisation: id, attribution: "aggregate_only", language: "fr", from: "2026-09-01", to: "2026-09-30", sort: "submitted", descending: true, page: 2 },
      problems: [],
    });
    expect(read("region=&type=&organisation=&attribution=&language=&from=&to=")).toEqual({ view: VIEW, problems: [] });
  });

  it("names each filter whose value cannot be used, days that do not exist and a start after the end", () => {
    expect(read("region=999&type=planet&organisation=abc&attribution=public&language=de&from=2026-02-30&to=2026-13-01").problems).toEqual([
      "region",
      "type",
      "organisation",
      "attribution",
      "language",
      "from",
      "to",
    ]);
    expect(read("from=2026-09-30&to=2026-09-01").problems).toEqual(["range"]);
    expect(read("from=30/09/2026").problems).toEqual(["from"]);
    // Sort, order and page never narrow the list: they fall back to their defaults.
    expect(read("sort=%27;drop&order=up&page=-3")).toEqual({ view: VIEW, problems: [] });
  });
});
