import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { action as answersAction } from "#app/routes/consultations.$id.answers.ts";
import { loader as answerLoader } from "#app/routes/consultations.$id.answer.tsx";
import { action as receiptAction, loader as receiptLoader } from "#app/routes/consultations.$id.receipt.tsx";
import { loader as consultationLoader } from "#app/routes/consultations.$id._index.tsx";
import { loader as surveyVersionLoader } from "#app/routes/survey-versions.$id.ts";
import { MINIMAL_CAPACITY_ANSWERS, capacityConsultation, openNow } from "#tests/consultations.ts";
import { context, cookieFor, createMember, demoEmail, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

function postJson(path: string, body: unknown, cookie: string): Request {
  return new Request(`http://localhost:3000${path}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "Content-Type": "application/json", Cookie: cookie } });
}

async function send(path: string, id: string, body: unknown, cookie: string) {
  return outcome(await settle(() => answersAction({ request: postJson(path, body, cookie), context, params: { id } })));
}

describe("the answering endpoint", () => {
  it("a focal point saves and submits their State's answer; the receipt follows", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    const path = `/consultations/${consultation.id}/answers`;
    const saved = await send(path, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE" }, revision: 0, page: 1 }, cookie);
    expect(saved.status).toBe(200);
    const response = await answersResponse(path, consultation.id, { intent: "submit", answers: MINIMAL_CAPACITY_ANSWERS, revision: 1, page: 1, attribution: "attributable" }, cookie);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, status: "submitted" });
    const receipt = outcome(await receiptLoader({ request: get(`/consultations/${consultation.id}/receipt`, { cookie }), context, params: { id: consultation.id } }));
    expect(receipt.data).toMatchObject({ organisation: "Mexico", attribution: "attributable" });
    const changed = outcome(await receiptAction({ request: post(`/consultations/${consultation.id}/receipt`, { attribution: "aggregate_only" }, { cookie }), context, params: { id: consultation.id } }));
    expect(changed.status).toBe(200);
    const after = outcome(await receiptLoader({ request: get(`/consultations/${consultation.id}/receipt`, { cookie }), context, params: { id: consultation.id } }));
    expect(after.data).toMatchObject({ attribution: "aggregate_only" });
    expect((after.data as { history: { action: string }[] }).history.map((entry) => entry.action)).toEqual(["attribution", "submit", "save"]);

    await send(path, consultation.id, { intent: "reopen" }, cookie);
    await send(path, consultation.id, { intent: "save", answers: { ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: "Borrador nuevo" }, revision: 4, page: 0 }, cookie);
    const reopened = outcome(await receiptLoader({ request: get(`/consultations/${consultation.id}/receipt`, { cookie }), context, params: { id: consultation.id } }));
    const shown = JSON.stringify((reopened.data as { sections: unknown }).sections);
    expect(shown).toContain(MINIMAL_CAPACITY_ANSWERS.coordinating_institution);
    expect(shown).not.toContain("Borrador nuevo");
  });

  it("two focal points: a save from an older revision merges (200, with the answers stored and who changed what); the same question is a 409 in the reader's language", async () => {
    const consultation = await openNow();
    const mexico = await stateId("MX");
    const first = await cookieFor(demoEmail("focal_point"));
    const second = await cookieFor((await createMember(mexico, "focal_point")).email);
    const path = `/consultations/${consultation.id}/answers`;
    await send(path, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE" }, revision: 0, page: 0 }, first);
    await send(path, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE", wog_mechanism: "exists" }, revision: 1, page: 0 }, second);
    const merged = await answersResponse(path, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE", whole_of_government_consultation: "partly" }, revision: 1, page: 0, client: "page-0a1b2c3d" }, first);
    expect(merged).toMatchObject({
      status: 200,
      body: { ok: true, revision: 3, merged: { answers: { coordinating_institution: "SRE", wog_mechanism: "exists", whole_of_government_consultation: "partly" }, news: [{ by: "Test focal_point", changed: [expect.any(String)] }] } },
    });

    await send(path, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE", wog_mechanism: "being_set_up", whole_of_government_consultation: "partly" }, revision: 3, page: 0 }, first);
    const refused = await answersResponse(path, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE", wog_mechanism: "none" }, revision: 2, page: 0 }, second, "es");
    expect(refused).toMatchObject({
      status: 409,
      body: {
        ok: false,
        reason: "conflict",
        current: { revision: 4, answers: { wog_mechanism: "being_set_up" } },
        conflicts: [{ name: "wog_mechanism", mine: "none", theirs: "being_set_up", shown: [{ mine: "No existe tal mecanismo por el momento", theirs: "Se está estableciendo un mecanismo" }] }],
      },
    });
    for (const client of ["short", "with spaces in it", "x".repeat(65)]) {
      expect((await send(path, consultation.id, { intent: "save", answers: {}, revision: 4, page: 0, client }, first)).status).toBe(400);
    }

    // Opening the page again tells the second person what the first changed since their last save.
    const page = outcome(await answerLoader({ request: get(`/consultations/${consultation.id}/answer`, { cookie: second }), context, params: { id: consultation.id } }));
    expect(page.data).toMatchObject({
      news: [{ by: "María Fernanda López", elsewhere: false, changed: [expect.stringMatching(/whole-of-government consultation/)], replaced: [expect.stringMatching(/coordination mechanism/)] }],
    });
  });

  it("a reopened answer stays submitted with an amendment in progress: the page, the receipt and the consultation say so, and the receipt shows the submitted answers", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    const path = `/consultations/${consultation.id}/answers`;
    await send(path, consultation.id, { intent: "submit", answers: MINIMAL_CAPACITY_ANSWERS, revision: 0, page: 0, attribution: "attributable" }, cookie);
    expect(await answersResponse(path, consultation.id, { intent: "reopen" }, cookie)).toMatchObject({ status: 200, body: { ok: true, status: "amending", revision: 2 } });
    await send(path, consultation.id, { intent: "save", answers: { ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: "Amendment" }, revision: 2, page: 0 }, cookie);

    const page = outcome(await answerLoader({ request: get(`/consultations/${consultation.id}/answer`, { cookie }), context, params: { id: consultation.id } }));
    expect(page.data).toMatchObject({ server: { status: "amending", answers: { coordinating_institution: "Amendment" } }, submission: { reference: expect.stringMatching(/^CN-/) } });
    const receipt = outcome(await receiptLoader({ request: get(`/consultations/${consultation.id}/receipt`, { cookie }), context, params: { id: consultation.id } }));
    expect(receipt.data).toMatchObject({ status: "amending", attribution: "attributable" });
    const shown = JSON.stringify((receipt.data as { sections: unknown }).sections);
    expect(shown).toContain(MINIMAL_CAPACITY_ANSWERS.coordinating_institution);
    expect(shown).not.toContain("Amendment");
    const overview = outcome(await consultationLoader({ request: get(`/consultations/${consultation.id}`, { cookie }), context, params: { id: consultation.id } }));
    expect(overview.data).toMatchObject({ response: "amending" });
    const admin = await cookieFor(demoEmail("admin"));
    const progress = outcome(await consultationLoader({ request: get(`/consultations/${consultation.id}`, { cookie: admin }), context, params: { id: consultation.id } }));
    expect(progress.data).toMatchObject({ progress: { submitted: 1, amending: 1, draft: 0 } });
  });

  it("an entry whose id belongs to another State's answer is refused with a message naming the entry, and nothing is stored; the receipt never shows entries' ids", async () => {
    const consultation = await openNow();
    const path = `/consultations/${consultation.id}/answers`;
    const mexico = await cookieFor(demoEmail("focal_point"));
    const offers = { can_offer: true, offers: [{ objective: "gcm-01", description: "Formación" }] };
    const submitted = await answersResponse(path, consultation.id, { intent: "submit", answers: { ...MINIMAL_CAPACITY_ANSWERS, ...offers }, revision: 0, page: 0, attribution: "attributable" }, mexico);
    expect(submitted.body).toMatchObject({ ok: true, status: "submitted" });
    const stored = await getDb().selectFrom("response").select(["id", "data"]).where("consultation_id", "=", consultation.id).executeTakeFirstOrThrow();
    const [offer] = (JSON.parse(stored.data) as { offers: Record<string, unknown>[] }).offers;
    const receipt = outcome(await receiptLoader({ request: get(`/consultations/${consultation.id}/receipt`, { cookie: mexico }), context, params: { id: consultation.id } }));
    expect(JSON.stringify(receipt.data)).not.toContain(String(offer?._id));

    const senegal = await cookieFor("aminata.ndiaye@sn.example");
    const refused = await answersResponse(path, consultation.id, { intent: "save", answers: { can_offer: true, offers: [offer] }, revision: 0, page: 0 }, senegal);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ ok: false, reason: "invalid", problems: [{ name: "offers[0]", message: expect.stringContaining("another organisation's answer") }] });
    expect(await getDb().selectFrom("response").select("id").where("consultation_id", "=", consultation.id).execute()).toEqual([{ id: stored.id }]);
  });

  it("refuses malformed bodies with 400 and stores nothing", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    const path = `/consultations/${consultation.id}/answers`;
    for (const body of ["{not json", { intent: "delete" }, { intent: "save", answers: [], revision: 0, page: 0 }, { intent: "save", answers: {}, revision: -1, page: 0 }]) {
      expect((await send(path, consultation.id, body, cookie)).status).toBe(400);
    }
    expect(await getDb().selectFrom("response").select("id").where("consultation_id", "=", consultation.id).execute()).toEqual([]);
  });

  it("nobody answers outside the audience, for another organisation, or outside the window", async () => {
    const consultation = await openNow();
    const path = `/consultations/${consultation.id}/answers`;
    const partner = await cookieFor(demoEmail("partner"));
    expect((await send(path, consultation.id, { intent: "save", answers: {}, revision: 0, page: 0 }, partner)).status).toBe(404);
    const focal = await cookieFor(demoEmail("focal_point"));
    const france = await stateId("FR");
    expect((await send(`${path}?organisation=${france}`, consultation.id, { intent: "save", answers: {}, revision: 0, page: 0 }, focal)).status).toBe(403);
    const rapporteur = await cookieFor(demoEmail("rapporteur"));
    expect((await send(path, consultation.id, { intent: "save", answers: {}, revision: 0, page: 0 }, rapporteur)).status).toBe(403);
    const closed = await capacityConsultation();
    expect((await send(`/consultations/${closed.id}/answers`, closed.id, { intent: "save", answers: { coordinating_institution: "x" }, revision: 0, page: 0 }, focal)).status).toBe(423);
    const anonymous = await send(path, consultation.id, { intent: "save", answers: {}, revision: 0, page: 0 }, "");
    expect(anonymous.status).toBe(302);
  });

  it("the secretariat enters an answer by proxy for a State in the audience", async () => {
    const consultation = await openNow();
    const admin = await cookieFor(demoEmail("admin"));
    const france = await stateId("FR");
    const path = `/consultations/${consultation.id}/answers?organisation=${france}`;
    const response = await answersResponse(path, consultation.id, { intent: "submit", answers: MINIMAL_CAPACITY_ANSWERS, revision: 0, page: 0, attribution: "non_attributable" }, admin);
    expect(response.status).toBe(200);
    const receipt = outcome(await receiptLoader({ request: get(`/consultations/${consultation.id}/receipt?organisation=${france}`, { cookie: admin }), context, params: { id: consultation.id } }));
    expect(receipt.data).toMatchObject({ organisation: "France", byProxy: true, submittedBy: "Amina Diallo" });
    const partnerOrg = await getDb().selectFrom("organisation").select("id").where("type", "=", "diaspora").executeTakeFirstOrThrow();
    expect((await send(`/consultations/${consultation.id}/answers?organisation=${partnerOrg.id}`, consultation.id, { intent: "save", answers: {}, revision: 0, page: 0 }, admin)).status).toBe(404);
  });

  it("the consultation page offers the secretariat the organisations of the audience to answer for, named in the reader's language", async () => {
    const consultation = await openNow();
    const admin = await cookieFor(demoEmail("admin"));
    const page = outcome(await consultationLoader({ request: get(`/consultations/${consultation.id}`, { cookie: admin, headers: { "Accept-Language": "es" } }), context, params: { id: consultation.id } }));
    const choices = (page.data as { proxyOrganisations: { id: string; name: string }[] }).proxyOrganisations;
    const states = await getDb().selectFrom("organisation").select("id").where("type", "=", "state").execute();
    expect(choices.map((choice) => choice.id).sort()).toEqual(states.map((state) => state.id).sort());
    expect(choices.find((choice) => choice.id === states[0]?.id)?.name).toBeTruthy();
    expect(choices.some((choice) => choice.name === "México")).toBe(true);
    const names = choices.map((choice) => choice.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("es").compare));
    const focalPoint = outcome(await consultationLoader({ request: get(`/consultations/${consultation.id}`, { cookie: await cookieFor(demoEmail("focal_point")) }), context, params: { id: consultation.id } }));
    expect(focalPoint.data).toMatchObject({ proxyOrganisations: [], canAnswer: true, manage: false });
  });

  it("the answer page gives the survey version answered and the stored answers", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    await send(`/consultations/${consultation.id}/answers`, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE" }, revision: 0, page: 2 }, cookie);
    const page = outcome(await answerLoader({ request: get(`/consultations/${consultation.id}/answer`, { cookie }), context, params: { id: consultation.id } }));
    expect(page.data).toMatchObject({ server: { answers: { coordinating_institution: "SRE" }, page: 2, revision: 1, status: "draft" }, organisationName: "Mexico" });
    expect(page.data).toMatchObject({ definitionUrl: `/survey-versions/${consultation.survey_version_id}` });

    // The survey itself comes from its version's address, kept by the browser: versions never change.
    const version = await settle(() => surveyVersionLoader({ request: get(`/survey-versions/${consultation.survey_version_id}`, { cookie }), context, params: { id: consultation.survey_version_id } }));
    if (!(version instanceof Response)) throw new Error("expected a response");
    expect(version.status).toBe(200);
    expect(version.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    const served = (await version.json()) as { pages: unknown[] };
    expect(served.pages.length).toBeGreaterThan(3);
    const stored = await getDb().selectFrom("survey_version").select("definition").where("id", "=", consultation.survey_version_id).executeTakeFirstOrThrow();
    expect(served).toEqual(JSON.parse(stored.definition));
    for (const id of ["0".repeat(64), "../../etc/passwd", consultation.id]) {
      const missing = outcome(await settle(() => surveyVersionLoader({ request: get(`/survey-versions/${id}`, { cookie }), context, params: { id } })));
      expect(missing.status, id).toBe(404);
    }
    const anonymous = outcome(await settle(() => surveyVersionLoader({ request: get(`/survey-versions/${consultation.survey_version_id}`), context, params: { id: consultation.survey_version_id } })));
    expect(anonymous.status).toBe(302);
  });
});

async function answersResponse(path: string, id: string, body: unknown, cookie: string, language = "en") {
  const request = postJson(path, body, cookie);
  request.headers.set("Accept-Language", language);
  const result = await answersAction({ request, context, params: { id } });
  return { status: result.status, body: (await result.json()) as unknown };
}

describe("the secretariat's consultation forms", () => {
  const fields = (meetingId: string, slug: string) => ({
    meetingId,
    slug,
    phase: "post",
    kind: "follow_up",
    audience: "state",
    surveySlug: "follow-up",
    title_en: "Second follow-up",
    title_fr: "Deuxième suivi",
    title_es: "Segundo seguimiento",
    description_en: "After Marrakech",
    description_fr: "Après Marrakech",
    description_es: "Después de Marrakech",
    opensAt: "2026-12-01T09:00",
    closesAt: "2027-01-15T18:00",
    publish: "on",
  });

  it("creates a consultation with Geneva times, and refuses bad input field by field", async () => {
    const { action: createAction } = await import("#app/routes/consultations.new.tsx");
    const admin = await cookieFor(demoEmail("admin"));
    const meeting = await getDb().selectFrom("meeting").select("id").executeTakeFirstOrThrow();
    const created = outcome(await createAction({ request: post("/consultations/new", fields(meeting.id, "second-follow-up"), { cookie: admin }), context, params: {} }));
    expect(created.status).toBe(302);
    const row = await getDb().selectFrom("consultation").selectAll().where("slug", "=", "second-follow-up").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ opens_at: "2026-12-01T08:00:00.000Z", closes_at: "2027-01-15T17:00:00.000Z", audience: '["state"]', phase: "post" });
    expect(row.published_at).not.toBeNull();

    const again = outcome(await createAction({ request: post("/consultations/new", fields(meeting.id, "second-follow-up"), { cookie: admin }), context, params: {} }));
    expect(again.status).toBe(409);
    const backwards = outcome(await createAction({ request: post("/consultations/new", { ...fields(meeting.id, "backwards"), closesAt: "2026-11-01T09:00" }, { cookie: admin }), context, params: {} }));
    expect((backwards.data as { error: Record<string, string[]> }).error.closesAt).toEqual(["consultations.form.closesBeforeOpens"]);
    const partner = await cookieFor(demoEmail("partner"));
    expect(outcome(await settle(() => createAction({ request: post("/consultations/new", fields(meeting.id, "nope"), { cookie: partner }), context, params: {} }))).status).toBe(403);
  });

  it("keeps the survey of a consultation once it has answers", async () => {
    const { action: editAction } = await import("#app/routes/consultations.$id.edit.tsx");
    const consultation = await openNow();
    const focal = await cookieFor(demoEmail("focal_point"));
    await send(`/consultations/${consultation.id}/answers`, consultation.id, { intent: "save", answers: { coordinating_institution: "SRE" }, revision: 0, page: 0 }, focal);
    const admin = await cookieFor(demoEmail("admin"));
    const changed = outcome(await editAction({ request: post(`/consultations/${consultation.id}/edit`, { ...fields(consultation.meeting_id, consultation.slug), surveySlug: "follow-up" }, { cookie: admin }), context, params: { id: consultation.id } }));
    expect(changed.status).toBe(409);
    expect((changed.data as { error: Record<string, string[]> }).error.surveySlug).toEqual(["consultations.form.surveyLocked"]);
    const kept = outcome(await editAction({ request: post(`/consultations/${consultation.id}/edit`, { ...fields(consultation.meeting_id, consultation.slug), surveySlug: "capacity-needs", title_en: "Renamed" }, { cookie: admin }), context, params: { id: consultation.id } }));
    expect(kept.status).toBe(302);
    const row = await getDb().selectFrom("consultation").selectAll().where("id", "=", consultation.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title_en: "Renamed", survey_version_id: consultation.survey_version_id });
    const shrunk = outcome(await editAction({ request: post(`/consultations/${consultation.id}/edit`, { ...fields(consultation.meeting_id, consultation.slug), surveySlug: "capacity-needs", audience: "ngo" }, { cookie: admin }), context, params: { id: consultation.id } }));
    expect((shrunk.data as { error: Record<string, string[]> }).error.audience).toEqual(["consultations.form.audienceLocked"]);
  });
});
