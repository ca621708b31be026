import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import * as coding from "#app/routes/proposals.coding.tsx";
import * as proposalPage from "#app/routes/proposals.$id.tsx";
import * as answerReader from "#app/routes/consultations.$id.responses.$responseId.tsx";
import type { Attribution } from "#db/schema.ts";
import { context, cookieFor, demoEmail, get, outcome, settle } from "#tests/helpers.ts";

/** Demo proposals of an answer of the given use, with their organisation. */
async function demoProposals(attribution: Attribution, count = 1) {
  const rows = await getDb()
    .selectFrom("proposal")
    .innerJoin("organisation", "organisation.id", "proposal.organisation_id")
    .select(["proposal.id", "proposal.title", "proposal.summary", "proposal.consultation_id", "proposal.response_id", "organisation.type", "organisation.name", "organisation.country_code"])
    .where("proposal.attribution", "=", attribution)
    .where("proposal.status", "=", "received")
    .where("proposal.title", "is not", null)
    .orderBy("proposal.id")
    .limit(count)
    .execute();
  expect(rows, `the demo has ${count} ${attribution} proposals`).toHaveLength(count);
  return rows;
}

function postCoding(cookie: string | null, fields: [string, string][]) {
  const body = new URLSearchParams(fields);
  const request = new Request("http://localhost:3000/proposals/coding", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
  return settle(() => coding.action({ request, context, params: {} })).then(outcome);
}

async function openPage(cookie: string, id: string, query = "") {
  return outcome(await settle(() => proposalPage.loader({ request: get(`/proposals/${id}${query}`, { cookie }), context, params: { id } })));
}

/** What coding may write, to show that a refused request changes nothing. */
async function footprint() {
  const db = getDb();
  return {
    proposals: await db.selectFrom("proposal").select(["id", "status", "status_reason"]).orderBy("id").execute(),
    codes: await db.selectFrom("proposal_code").selectAll().orderBy("proposal_id").orderBy("scheme").orderBy("code").orderBy("source").execute(),
    tags: await db.selectFrom("proposal_tag").selectAll().orderBy("proposal_id").orderBy("tag").execute(),
    audit: Number((await db.selectFrom("audit_event").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n),
  };
}

describe("POST /proposals/coding", () => {
  it("sets a status with its reason from the proposal page and goes back to it with the count; the page then shows it in its history", async () => {
    const [proposal] = await demoProposals("attributable");
    const id = proposal?.id ?? "";
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    const result = await postCoding(rapporteur, [
      ["proposal", id],
      ["intent", "status"],
      ["status", "not_retained"],
      ["reason", "Outside the theme of the session"],
      ["redirectTo", `/proposals/${id}`],
    ]);
    expect({ status: result.status, location: result.headers.get("Location") }).toEqual({ status: 302, location: `/proposals/${id}?coded=1` });
    const page = await openPage(rapporteur, id, "?coded=1");
    expect(page.status).toBe(200);
    const data = page.data as Awaited<ReturnType<typeof proposalPage.loader>>;
    expect(data.proposal).toMatchObject({ status: "not_retained", statusReason: "Outside the theme of the session" });
    expect(data.proposal.history[0]).toMatchObject({ kind: "status", actor: "Rafael Ortega", after: { status: "not_retained", reason: "Outside the theme of the session" } });
  });

  it("codes a selection in one request, back to the inbox's view with how many changed", async () => {
    const selection = await demoProposals("non_attributable", 2);
    const admin = await cookieFor(demoEmail("admin"));
    const ids = selection.map((row) => row.id);
    const fields = (intent: string, extra: [string, string][]) => [...ids.map((id): [string, string] => ["proposal", id]), ["intent", intent] as [string, string], ...extra, ["redirectTo", "/proposals?status=received&page=2"] as [string, string]];
    const added = await postCoding(admin, fields("add-code", [["scheme", "support_modality"], ["code", "peer-exchange"]]));
    expect(added.headers.get("Location")).toBe("/proposals?status=received&page=2&coded=2");
    const again = await postCoding(admin, fields("add-code", [["scheme", "support_modality"], ["code", "peer-exchange"]]));
    expect(again.headers.get("Location")).toBe("/proposals?status=received&page=2&coded=0");
    const codes = await getDb().selectFrom("proposal_code").select("proposal_id").where("proposal_id", "in", ids).where("source", "=", "rapporteur").where("code", "=", "peer-exchange").execute();
    expect(codes.map((row) => row.proposal_id).sort()).toEqual([...ids].sort());
    const tagged = await postCoding(admin, fields("add-tag", [["tag", "  South-South  "]]));
    expect(tagged.headers.get("Location")).toBe("/proposals?status=received&page=2&coded=2");
  });

  it("goes back only under /proposals: any other address, or none, leads to the inbox", async () => {
    const [proposal] = await demoProposals("attributable");
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    for (const [redirectTo, location] of [
      ["https://evil.example/proposals", "/proposals?coded=1"],
      ["//evil.example/proposals", "/proposals?coded=0"],
      ["/consultations", "/proposals?coded=0"],
      ["/proposalsX", "/proposals?coded=0"],
      ["", "/proposals?coded=0"],
    ] as const) {
      const result = await postCoding(rapporteur, [
        ["proposal", proposal?.id ?? ""],
        ["intent", "add-tag"],
        ["tag", "redirect check"],
        ["redirectTo", redirectTo],
      ]);
      expect(result.headers.get("Location"), redirectTo).toBe(location);
    }
  });

  it("refuses bad input with a 400 naming the problem, and changes nothing", async () => {
    const [proposal] = await demoProposals("attributable");
    const id = proposal?.id ?? "";
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    const cases: [[string, string][], string][] = [
      [[["intent", "add-tag"], ["tag", "x"]], "no-proposal"],
      [[["proposal", id], ["intent", "status"], ["status", "not_retained"], ["reason", " "]], "reason-required"],
      [[["proposal", id], ["intent", "status"], ["status", "merged"]], "merged-status"],
      [[["proposal", id], ["intent", "add-tag"], ["tag", "x".repeat(61)]], "tag-too-long"],
      [[["proposal", id], ["intent", "add-tag"], ["tag", "evil\u202Etag"]], "tag-unsafe"],
      [[["proposal", id], ["intent", "add-code"], ["scheme", "gcm_objective"], ["code", "gcm-99"]], "unknown-code"],
      [[["proposal", id], ["proposal", "00000000-0000-4000-8000-000000000000"], ["intent", "add-tag"], ["tag", "x"]], "unknown-proposal"],
      [[["proposal", "not an id"], ["intent", "add-tag"], ["tag", "x"]], "unknown-proposal"],
      [[["proposal", id], ["intent", "publish"]], "unknown-intent"],
    ];
    for (const [fields, problem] of cases) {
      const before = await footprint();
      const result = await postCoding(rapporteur, [...fields, ["redirectTo", `/proposals/${id}`]]);
      expect({ status: result.status, data: result.data }, problem).toEqual({ status: 400, data: { problem, back: `/proposals/${id}` } });
      expect(await footprint()).toEqual(before);
    }
  });

  it("is refused to focal points and partners (403), and sends anonymous visitors to sign in, changing nothing", async () => {
    const [proposal] = await demoProposals("attributable");
    const fields: [string, string][] = [
      ["proposal", proposal?.id ?? ""],
      ["intent", "add-tag"],
      ["tag", "not theirs"],
    ];
    const before = await footprint();
    for (const role of ["focal_point", "partner"] as const) expect((await postCoding(await cookieFor(demoEmail(role)), fields)).status).toBe(403);
    const anonymous = await postCoding(null, fields);
    expect({ status: anonymous.status, location: anonymous.headers.get("Location") }).toEqual({ status: 302, location: "/sign-in?redirectTo=%2Fproposals%2Fcoding" });
    expect(await footprint()).toEqual(before);
  });
});

describe("GET /proposals/:id", () => {
  it("shows an attributable proposal's text and organisation, and the coding forms to rapporteurs", async () => {
    const [proposal] = await demoProposals("attributable");
    const result = await openPage(await cookieFor(demoEmail("rapporteur")), proposal?.id ?? "");
    const data = result.data as Awaited<ReturnType<typeof proposalPage.loader>>;
    expect(data.proposal).toMatchObject({ title: proposal?.title, quotable: true, organisation: organisationName({ type: proposal?.type ?? "", name: proposal?.name ?? null, country_code: proposal?.country_code ?? null }, "en") });
    expect(data.proposal.fields.find((field) => field.name === "summary")).toMatchObject({ value: proposal?.summary, label: expect.any(String) });
    expect(data.proposal.answerHref).toBe(`/consultations/${proposal?.consultation_id}/responses/${proposal?.response_id}`);
    expect(data.coding?.schemes.map((scheme) => scheme.scheme)).toEqual(["gcm_objective", "guiding_principle", "capacity_gap", "support_modality", "governance_level"]);
  });

  it("never gives the organisation of a non-attributable proposal, nor any text of a count-only one", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    const [anonymous] = await demoProposals("non_attributable");
    const hidden = await openPage(admin, anonymous?.id ?? "");
    expect(hidden.status).toBe(200);
    expect((hidden.data as Awaited<ReturnType<typeof proposalPage.loader>>).proposal).toMatchObject({ organisation: null, title: anonymous?.title });
    expect(JSON.stringify(hidden.data)).not.toContain(anonymous?.name ?? "never");

    const [countOnly] = await demoProposals("aggregate_only");
    const counted = await openPage(admin, countOnly?.id ?? "");
    const data = counted.data as Awaited<ReturnType<typeof proposalPage.loader>>;
    expect(data.proposal).toMatchObject({ quotable: false, title: null, fields: [], organisation: null, answerHref: `/consultations/${countOnly?.consultation_id}/responses/${countOnly?.response_id}` });
    const json = JSON.stringify(counted.data);
    for (const secret of [countOnly?.title, countOnly?.summary, countOnly?.name]) expect(json).not.toContain(secret ?? "never");
  });

  it("is refused to focal points and partners, and not found for an unknown proposal", async () => {
    const [proposal] = await demoProposals("attributable");
    for (const role of ["focal_point", "partner"] as const) expect((await openPage(await cookieFor(demoEmail(role)), proposal?.id ?? "")).status).toBe(403);
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    expect((await openPage(rapporteur, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await openPage(rapporteur, "not-an-id")).status).toBe(404);
  });

  it("is reached from the answer it comes from, in the answer reader", async () => {
    const [proposal] = await demoProposals("aggregate_only");
    const params = { id: proposal?.consultation_id ?? "", responseId: proposal?.response_id ?? "" };
    const request = get(`/consultations/${params.id}/responses/${params.responseId}`, { cookie: await cookieFor(demoEmail("rapporteur")) });
    const result = outcome(await settle(() => answerReader.loader({ request, context, params })));
    expect((result.data as Awaited<ReturnType<typeof answerReader.loader>>).proposals).toContainEqual({ id: proposal?.id, title: proposal?.title, kind: expect.any(String), withdrawn: false });
  });
});
