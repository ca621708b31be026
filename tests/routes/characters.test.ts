import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { signIn } from "#app/features/auth/sign-in.ts";
import { action as answersAction } from "#app/routes/consultations.$id.answers.ts";
import { action as newConsultationAction } from "#app/routes/consultations.new.tsx";
import { action as acceptAction } from "#app/routes/invite.$token.tsx";
import { action as invitationsAction } from "#app/routes/invitations.tsx";
import { action as editMeetingAction, loader as editMeetingLoader } from "#app/routes/meetings.$id.edit.tsx";
import { action as newOrganisationAction } from "#app/routes/organisations.new.tsx";
import { loader as peopleLoader } from "#app/routes/people.tsx";
import { MINIMAL_CAPACITY_ANSWERS, openNow } from "#tests/consultations.ts";
import { expectSafeText } from "#tests/fuzz.ts";
import { context, cookieFor, demoEmail, get, outcome, post, settle, stateId } from "#tests/helpers.ts";

/*
 * Item 5 of issue 8: C1 controls, bidirectional overrides and isolates and NUL are refused in every
 * free-text input, with a message, and nothing is written (docs/decisions/0010-unsafe-characters.md).
 */
const UNSAFE = {
  rightToLeftOverride: "Evil\u202egnp.exe",
  leftToRightIsolate: "Name \u2066hidden\u2069",
  c1Control: "Caf\u0085e",
  c1Csi: "Text\u009b31m",
  nul: "a\u0000b",
} as const;

type FieldErrors = Record<string, string[]>;
const errorsOf = (data: unknown): FieldErrors => ((data as { error?: FieldErrors }).error ?? (data as { result: { error: FieldErrors } }).result.error);

describe("unsafe characters in the forms", () => {
  it("an organisation's name or acronym with any of them is refused with the message, and nothing is added", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const before = await getDb().selectFrom("organisation").select("id").execute();
    for (const [kind, text] of Object.entries(UNSAFE)) {
      const named = outcome(await newOrganisationAction({ request: post("/organisations/new", { type: "ngo", name: text }, { cookie }), context, params: {} }));
      expect(named.status, kind).toBe(400);
      expect(errorsOf(named.data).name, kind).toEqual(["form.invalidCharacters"]);
      const acronym = outcome(await newOrganisationAction({ request: post("/organisations/new", { type: "ngo", name: `Fine ${kind}`, acronym: text }, { cookie }), context, params: {} }));
      expect(errorsOf(acronym.data).acronym, kind).toEqual(["form.invalidCharacters"]);
    }
    expect(await getDb().selectFrom("organisation").select("id").execute()).toHaveLength(before.length);
  });

  it("a meeting's texts are refused with them; a description keeps its line breaks and tabs", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const meeting = await getDb().selectFrom("meeting").selectAll().executeTakeFirstOrThrow();
    const loaded = outcome(await editMeetingLoader({ request: get(`/meetings/${meeting.id}/edit`, { cookie }), context, params: { id: meeting.id } }));
    const values = (loaded.data as { values: Record<string, string> }).values;
    for (const [kind, text] of Object.entries(UNSAFE)) {
      const result = outcome(await editMeetingAction({ request: post(`/meetings/${meeting.id}/edit`, { ...values, title_en: text, description_fr: `Premier\n\n${text}` }, { cookie }), context, params: { id: meeting.id } }));
      expect(result.status, kind).toBe(400);
      expect(errorsOf(result.data).title_en, kind).toEqual(["form.invalidCharacters"]);
      expect(errorsOf(result.data).description_fr, kind).toEqual(["form.invalidCharacters"]);
    }
    expect(await getDb().selectFrom("meeting").selectAll().where("id", "=", meeting.id).executeTakeFirstOrThrow()).toEqual(meeting);
    const lines = outcome(await editMeetingAction({ request: post(`/meetings/${meeting.id}/edit`, { ...values, description_es: "Uno\r\n\r\n\tDos" }, { cookie }), context, params: { id: meeting.id } }));
    expect(lines.status).toBe(302);
  });

  it("a consultation's title and description are refused with them", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const meeting = await getDb().selectFrom("meeting").select("id").executeTakeFirstOrThrow();
    const before = await getDb().selectFrom("consultation").select("id").execute();
    for (const [kind, text] of Object.entries(UNSAFE)) {
      const fields = { meetingId: meeting.id, slug: "unsafe-characters", phase: "pre", kind: "capacity_survey", audience: "state", surveySlug: "capacity-needs", title_en: "Fine", title_fr: text, title_es: "Bien", description_en: "Fine", description_fr: "Bien", description_es: text, opensAt: "2026-09-01T10:00", closesAt: "2026-09-30T18:00" };
      const result = outcome(await newConsultationAction({ request: post("/consultations/new", fields, { cookie }), context, params: {} }));
      expect(result.status, kind).toBe(400);
      expect(errorsOf(result.data).title_fr, kind).toEqual(["form.invalidCharacters"]);
      expect(errorsOf(result.data).description_es, kind).toEqual(["form.invalidCharacters"]);
    }
    expect(await getDb().selectFrom("consultation").select("id").execute()).toHaveLength(before.length);
  });

  it("an invitation's name and the name an invitee gives are refused with them; the people page never shows them", async () => {
    const admin = await cookieFor(demoEmail("admin"));
    const ghana = await stateId("GH");
    const invite = (name: string) =>
      invitationsAction({ request: post("/invitations", { intent: "create", email: "bidi@ghana.example", name, organisationId: ghana, role: "focal_point", language: "en" }, { cookie: admin }), context, params: {} });
    for (const [kind, text] of Object.entries(UNSAFE)) {
      const refused = outcome(await invite(text));
      expect(refused.status, kind).toBe(400);
      expect(errorsOf(refused.data).name, kind).toEqual(["form.invalidCharacters"]);
    }
    expect(await getDb().selectFrom("invitation").select("id").where("email", "=", "bidi@ghana.example").execute()).toEqual([]);

    expect(outcome(await invite("Kofi Mensah")).status).toBe(302);
    const message = await getDb().selectFrom("email_outbox").select("text_body").where("to_address", "=", "bidi@ghana.example").executeTakeFirstOrThrow();
    const token = /\/invite\/([a-z2-7]+)/.exec(message.text_body)?.[1] ?? "";
    // A password is a secret, never shown: any character it was chosen with is given again as it was.
    const password = "a long \u202epassphrase\u0085";
    for (const [kind, text] of Object.entries(UNSAFE)) {
      const refused = outcome(await acceptAction({ request: post(`/invite/${token}`, { name: text, password, confirmPassword: password }), context, params: { token } }));
      expect(refused.status, kind).toBe(400);
      expect(errorsOf(refused.data).name, kind).toEqual(["form.invalidCharacters"]);
    }
    const accepted = outcome(await acceptAction({ request: post(`/invite/${token}`, { name: "Kofi Mensah", password, confirmPassword: password }), context, params: { token } }));
    expect(accepted.status).toBe(302);
    expect((await signIn(getDb(), { email: "bidi@ghana.example", password, ip: null })).ok).toBe(true);

    const people = outcome(await peopleLoader({ request: get("/people", { cookie: admin }), context, params: {} }));
    expectSafeText(people.data, "people");
  });
});

describe("unsafe characters in survey answers", () => {
  function save(id: string, answers: Record<string, unknown>, cookie: string, intent: "save" | "submit" = "save") {
    const body = { intent, answers, revision: 0, page: 0, ...(intent === "submit" ? { attribution: "attributable" } : {}) };
    const request = new Request(`http://localhost:3000/consultations/${id}/answers`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", Cookie: cookie } });
    return settle(() => answersAction({ request, context, params: { id } }));
  }

  it("a text, a comment or a text in a repeated panel with them is refused (422) with the question named, and nothing is stored", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    for (const [kind, text] of Object.entries(UNSAFE)) {
      const cases: [string, Record<string, unknown>][] = [
        ["coordinating_institution", { coordinating_institution: text }],
        ["contributing_institutions", { contributing_institutions: `Line\n${text}` }],
        ["priority_objectives[0].gap_details", { priority_objectives: [{ objective: "gcm-01", gap_details: text }] }],
      ];
      for (const [name, answers] of cases) {
        for (const intent of ["save", "submit"] as const) {
          const result = await save(consultation.id, { ...(intent === "submit" ? MINIMAL_CAPACITY_ANSWERS : {}), ...answers }, cookie, intent);
          expect(result.status, `${kind} in ${name} (${intent})`).toBe(422);
          const body = (await result.json()) as { problems: { name: string; title: string; message: string }[] };
          expect(body.problems, `${kind} in ${name}`).toContainEqual({ name, title: expect.any(String) as string, message: "This answer contains invisible control or text-direction characters: remove them (they sometimes come with text pasted from another program)." });
        }
      }
    }
    expect(await getDb().selectFrom("response").select("id").where("consultation_id", "=", consultation.id).execute()).toEqual([]);
  });

  it("tabs and line breaks in any answer, and text in any script, are saved", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    const answers = { coordinating_institution: "وزارة الخارجية\u200f\tSRE", contributing_institutions: "Uno\r\n\tDos" };
    const result = await save(consultation.id, answers, cookie);
    expect(result.status).toBe(200);
    const stored = await getDb().selectFrom("response").select("data").where("consultation_id", "=", consultation.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.data)).toEqual(answers);
  });
});
