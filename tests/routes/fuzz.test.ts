import { withoutItemIds } from "#tests/item-ids.ts";
import type { ActionFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { invite } from "#app/features/auth/invitations.ts";
import { PARTNER_TYPES } from "#app/features/organisations/types.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { action as accountAction } from "#app/routes/account.tsx";
import { action as answersAction } from "#app/routes/consultations.$id.answers.ts";
import { action as consultationAction } from "#app/routes/consultations.$id._index.tsx";
import { action as editConsultationAction } from "#app/routes/consultations.$id.edit.tsx";
import { action as receiptAction } from "#app/routes/consultations.$id.receipt.tsx";
import { action as newConsultationAction } from "#app/routes/consultations.new.tsx";
import { action as invitationsAction } from "#app/routes/invitations.tsx";
import { action as acceptAction } from "#app/routes/invite.$token.tsx";
import { action as languageAction } from "#app/routes/language.tsx";
import { action as editMeetingAction } from "#app/routes/meetings.$id.edit.tsx";
import { action as newMeetingAction } from "#app/routes/meetings.new.tsx";
import { action as organisationAction } from "#app/routes/organisations.$id.tsx";
import { action as outboxMessageAction } from "#app/routes/outbox.$id.tsx";
import { action as peopleAction } from "#app/routes/people.tsx";
import { action as newOrganisationAction } from "#app/routes/organisations.new.tsx";
import { action as signInAction } from "#app/routes/sign-in.tsx";
import { action as signOutAction } from "#app/routes/sign-out.tsx";
import { ATTRIBUTIONS, CONSULTATION_KINDS, PHASES, ROLES, type Consultation, type Role } from "#db/schema.ts";
import { MINIMAL_CAPACITY_ANSWERS, openNow } from "#tests/consultations.ts";
import {
  checkProperty,
  expectSafeText,
  formBody,
  formValue,
  hostileText,
  postBody,
  printTallyAfterAll,
  rawBody,
  storableText,
  urlSegment,
  type Answered,
  type Body,
} from "#tests/fuzz.ts";
import { getUser } from "#app/session.server.ts";
import { startMailServer, sendMailThrough } from "#tests/mail-server.ts";
import { BASE, DEMO_PASSWORD, context, failedEmail, cookieFor, createMember, currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";

// E-mail (invitations, "send again") goes through a mail server of this file's own.
const mail = await startMailServer();
sendMailThrough(mail);
afterAll(() => mail.close());

type Handler = (args: ActionFunctionArgs) => Promise<unknown>;

/** Each property has an address of its own, so that refused passwords in one never throttle another. */
function call(handler: Handler, request: Request, params: Record<string, string> = {}, ip = "127.0.0.1") {
  return () => handler({ request, context: { ...context, ip }, params });
}

/** A post by the secretariat, which every form of this part is for. */
function asAdmin(handler: Handler, path: string, body: Body, params: Record<string, string> = {}) {
  return call(handler, postBody(path, body, { Cookie: admin }), params);
}

const REDIRECTS = ["/", "/.//evil.example", "/consultations?type=state#top", "//evil.example", "https://evil.example", "/\\evil.example", "/日本", "/a b?q=é", "javascript:alert(1)", "/\u0000x", ""];
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,24}$/);
const moment = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true });
/** Two moments in order, cut to `datetime-local` values or to days. */
const period = (length: number) => fc.tuple(moment, moment).map((pair) => pair.map((date) => date.toISOString().slice(0, length)).sort() as [string, string]);
/** Addresses a person types, and now and then an exotic one that is valid by RFC 5322 but refused here. */
const email = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.stringMatching(/^[a-z0-9](?:[a-z0-9._+-]{0,20}[a-z0-9])?$/), fc.constantFrom("example.org", "Consulta.Test", "mail.example.co.uk")).map(([local, domain]) => `${local}@${domain}`) },
  { weight: 1, arbitrary: fc.emailAddress() },
);
const password = fc.string({ unit: "grapheme", minLength: 12, maxLength: 30 });
/** Ids of rows of every kind, and ids of nothing. */
let otherIds: fc.Arbitrary<string>;
let admin: string;
let meetingId: string;

function idOr(...ids: string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: otherIds });
}

/** Mostly one of the values a field takes, sometimes one it must refuse. */
function mostly<T>(values: readonly T[], refused: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...refused) });
}

async function rowIds(table: "meeting" | "consultation" | "organisation" | "invitation" | "user" | "response"): Promise<string[]> {
  return (await getDb().selectFrom(table).select("id").limit(5).execute()).map((row) => row.id);
}

beforeAll(async () => {
  admin = await cookieFor(demoEmail("admin"));
  const ids = (await Promise.all((["meeting", "consultation", "organisation", "invitation", "user", "response"] as const).map(rowIds))).flat();
  otherIds = fc.oneof(fc.constantFrom(...ids), hostileText, fc.uuid());
  meetingId = (await getDb().selectFrom("meeting").select("id").executeTakeFirstOrThrow()).id;
});

printTallyAfterAll("fuzzed mutations");

function named(names: readonly string[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name, index) => [name, values[index] ?? ""]));
}

function pathOf(answered: Answered): string {
  return answered.headers.get("Location") ?? "";
}

function idInLocation(answered: Answered): string {
  return pathOf(answered).split("?")[0]?.split("/").at(-1) ?? "";
}

/**
 * Password checks are scrypt, memory-hard on purpose: one address may make some 30 wrong ones
 * before it is refused for every account, seconds each on a busy machine.
 */
const PASSWORD_PROPERTY_MS = 180_000;

describe("signing in and out, the language, the account", () => {
  it("sign-in", async () => {
    const fields = fc.record({
      // One account mostly, so that its refused passwords soon block it (429) and scrypt stops running.
      email: fc.oneof({ weight: 3, arbitrary: fc.constant(demoEmail("partner")) }, { weight: 1, arbitrary: email }),
      password: fc.oneof({ weight: 1, arbitrary: fc.constant(DEMO_PASSWORD) }, { weight: 3, arbitrary: password }),
      redirectTo: fc.constantFrom(...REDIRECTS),
    });
    await checkProperty<Body>({
      name: "sign-in (scrypt: few runs; the throttle answers 429 soon)",
      runs: 40,
      input: formBody(["email", "password", "redirectTo"], fields),
      prepare: async (body) => ({ run: call(signInAction, postBody("/sign-in", body), {}, "198.51.100.1") }),
      accepted: async (answered) => expect(answered.headers.get("Set-Cookie")).toMatch(/^consulta_session=[a-z2-7]+;/),
    });
  }, PASSWORD_PROPERTY_MS);

  it("sign-out, with any body and any cookie", async () => {
    const cookie = fc.oneof(fc.constant("fresh"), hostileText.map((text) => `consulta_session=${urlSegment(text)}`));
    let signedOut = "";
    await checkProperty<[Body, string]>({
      name: "sign-out",
      runs: 60,
      input: fc.tuple(formBody(["redirectTo"], fc.record({ redirectTo: fc.constantFrom(...REDIRECTS) })), cookie),
      prepare: async ([body, header]) => {
        signedOut = header === "fresh" ? await cookieFor(demoEmail("rapporteur")) : header;
        return { run: call(signOutAction, postBody("/sign-out", body, { Cookie: signedOut })) };
      },
      accepted: async (answered) => {
        expect(answered.status).toBe(302);
        expect(answered.headers.get("Set-Cookie")).toMatch(/^consulta_session=;/);
        expect(await getUser(new Request(BASE, { headers: { Cookie: signedOut } }))).toBeNull();
      },
    });
  });

  it("language", async () => {
    const focalPoint = await currentUserFor(demoEmail("focal_point"));
    const fields = fc.record({ language: fc.oneof(fc.constantFrom(...LANGUAGES), hostileText), redirectTo: fc.constantFrom(...REDIRECTS) });
    await checkProperty<[Body, boolean]>({
      name: "language",
      runs: 150,
      input: fc.tuple(formBody(["language", "redirectTo"], fields), fc.boolean()),
      prepare: async ([body, signedIn]) => ({
        run: call(languageAction, postBody("/language", body, signedIn ? { Cookie: await cookieFor(focalPoint.email) } : {})),
        watch: () => getDb().selectFrom("user").select(["preferred_language", "updated_at"]).where("id", "=", focalPoint.id).executeTakeFirst(),
      }),
      accepted: async (answered, [body]) => {
        expect(answered.headers.get("Set-Cookie")).toMatch(new RegExp(`^consulta_lang=(${LANGUAGES.join("|")});`));
        expect(new URL(pathOf(answered), "http://local").searchParams.has("lang")).toBe(false);
        expect(LANGUAGES).toContain(formValue(body, "language") ?? "en");
      },
    });
  });

  it("account: changing one's password", async () => {
    const secretariat = await getDb().selectFrom("organisation").select("id").where("type", "=", "secretariat").executeTakeFirstOrThrow();
    const member = await createMember(secretariat.id, "rapporteur");
    const fields = password.chain((chosen) =>
      fc.record({ currentPassword: fc.oneof(fc.constant(DEMO_PASSWORD), password), password: fc.constant(chosen), confirmPassword: fc.oneof(fc.constant(chosen), password) }),
    );
    await checkProperty<Body>({
      name: "account (scrypt: few runs; the throttle answers 429 soon)",
      runs: 40,
      input: formBody(["currentPassword", "password", "confirmPassword"], fields),
      prepare: async (body) => ({
        run: call(accountAction, postBody("/account", body, { Cookie: await cookieFor(member.email) }), {}, "198.51.100.2"),
        watch: () => getDb().selectFrom("user").select(["password_hash", "updated_at"]).where("id", "=", member.id).executeTakeFirst(),
      }),
      accepted: async (answered) => {
        expect(answered.headers.get("Set-Cookie")).toMatch(/^consulta_session=/);
        const sessions = await getDb().selectFrom("session").select("id").where("user_id", "=", member.id).execute();
        expect(sessions).toHaveLength(1);
      },
    });
  }, PASSWORD_PROPERTY_MS);

  it("accepting an invitation, as a new person or with an existing account", async () => {
    const db = getDb();
    const inviter = await currentUserFor(demoEmail("admin"));
    const france = await stateId("FR");
    const mexico = await stateId("MX");
    // Someone with an account already joins France with their password (the demo one); a new person chooses one.
    let invitationId = "";
    const fresh = async (existing: boolean) => {
      const invitee = existing ? (await createMember(mexico, "focal_point")).email : `${crypto.randomUUID()}@example.org`;
      const created = await invite(db, inviter, { email: invitee, organisationId: france, role: "focal_point", language: "fr" }, { baseUrl: "http://localhost:3000", delivers: false, ip: null });
      if (!created.ok) throw new Error(created.reason);
      invitationId = created.invitationId;
      return created;
    };
    const fields = password.chain((chosen) => fc.record({ name: storableText, password: fc.oneof(fc.constant(chosen), fc.constant(DEMO_PASSWORD)), confirmPassword: fc.constant(chosen) }));
    const token = fc.oneof(fc.constantFrom("new", "existing"), fc.stringMatching(/^[a-z2-7]{20,80}$/), hostileText);
    await checkProperty<[Body, string]>({
      name: "invite.$token (scrypt when valid)",
      runs: 50,
      input: fc.tuple(formBody(["name", "password", "confirmPassword"], fields), token),
      prepare: async ([body, kind]) => {
        const invitation = kind === "new" || kind === "existing" ? await fresh(kind === "existing") : undefined;
        const params = { token: invitation?.token ?? kind };
        return {
          run: call(acceptAction, postBody(`/invite/${urlSegment(params.token)}`, body), params, "198.51.100.3"),
          watch: () => db.selectFrom("invitation").selectAll().where("id", "=", invitation?.invitationId ?? "").executeTakeFirst(),
        };
      },
      accepted: async (answered) => {
        expect(pathOf(answered)).toBe(`/organisations/${france}?welcome=1`);
        expect(answered.headers.get("Set-Cookie")).toMatch(/^consulta_session=/);
        const accepted = await db.selectFrom("invitation").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
        expect(accepted.accepted_at).not.toBeNull();
        const joined = await db.selectFrom("membership").select("role").where("user_id", "=", accepted.accepted_user_id ?? "").where("organisation_id", "=", france).execute();
        expect(joined).toEqual([{ role: "focal_point" }]);
      },
    });
  }, PASSWORD_PROPERTY_MS);
});

describe("the secretariat's forms", () => {
  it("a new partner organisation", async () => {
    const fields = fc.record({
      type: mostly(PARTNER_TYPES, ["state", "secretariat"]),
      name: storableText,
      acronym: fc.constantFrom("", "MRF", "<b>X</b>"),
      countryCode: mostly(["", "KE", "ch", "mx"], ["QQ", "XK", "EU"]),
      website: mostly(["", "https://mrf.example.org", "https://a.b/<script>"], ["javascript:alert(1)", "http://x"]),
    });
    await checkProperty<Body>({
      name: "organisations.new",
      runs: 150,
      input: formBody(["type", "name", "acronym", "countryCode", "website"], fields),
      prepare: async (body) => ({ run: asAdmin(newOrganisationAction, "/organisations/new", body) }),
      accepted: async (answered, body) => {
        const row = await getDb().selectFrom("organisation").selectAll().where("id", "=", idInLocation(answered)).executeTakeFirstOrThrow();
        expect(row.name).toBe(formValue(body, "name")?.trim());
        expect(PARTNER_TYPES).toContain(row.type);
        expectSafeText(row);
      },
    });
  });

  /** Places to invite to: an organisation and a role it takes. */
  type Place = { id: string; role: Role };
  const inviteFields = (places: Place[]) =>
    fc.constantFrom(...places).chain((place) =>
      fc.record({
        intent: mostly(["create"], ["", "delete"]),
        email,
        name: fc.oneof(fc.constant(""), storableText),
        organisationId: idOr(place.id),
        role: mostly([place.role], ROLES),
        language: mostly(LANGUAGES, ["de", "EN"]),
        redirectTo: fc.constantFrom(...REDIRECTS),
      }),
    );
  const places = async (): Promise<Place[]> => [
    { id: await stateId("MX"), role: "focal_point" },
    { id: await stateId("FR"), role: "focal_point" },
    { id: (await getDb().selectFrom("organisation").select("id").where("type", "=", "ngo").executeTakeFirstOrThrow()).id, role: "partner" },
    { id: (await getDb().selectFrom("organisation").select("id").where("type", "=", "secretariat").executeTakeFirstOrThrow()).id, role: "rapporteur" },
  ];
  const INVITE_FIELDS = ["intent", "email", "name", "organisationId", "role", "language", "redirectTo", "invitationId"];

  async function expectInvited(body: Body): Promise<void> {
    const email = formValue(body, "email")?.trim().toLowerCase() ?? "";
    const row = await getDb().selectFrom("invitation").selectAll().where("email", "=", email).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ accepted_at: null, revoked_at: null, organisation_id: formValue(body, "organisationId"), name: formValue(body, "name")?.trim() || null });
    expectSafeText(row);
  }

  it("an invitation from an organisation's page", async () => {
    const targets = await places();
    await checkProperty<[Body, string]>({
      name: "organisations.$id (invite)",
      runs: 150,
      input: fc.tuple(formBody(INVITE_FIELDS, inviteFields(targets)), idOr(...targets.map((place) => place.id))),
      prepare: async ([body, id]) => ({ run: asAdmin(organisationAction, `/organisations/${urlSegment(id)}`, body, { id }) }),
      accepted: async (_answered, [body]) => expectInvited(body),
    });
  });

  it("invitations: invite, revoke", async () => {
    const invitationIds = await rowIds("invitation");
    const revoke = fc.record({ intent: fc.constant("revoke"), invitationId: idOr(...invitationIds) });
    await checkProperty<Body>({
      name: "invitations (invite, revoke)",
      runs: 150,
      input: formBody(INVITE_FIELDS, fc.oneof(revoke, inviteFields(await places()))),
      prepare: async (body) => ({
        run: asAdmin(invitationsAction, "/invitations", body),
        watch: () => getDb().selectFrom("invitation").select(["id", "revoked_at", "accepted_at"]).orderBy("id").execute(),
      }),
      uiMessage: (data) => ((data as { kind?: string; ok?: boolean }).kind === "revoke" ? "invitations.notRevoked" : undefined),
      accepted: async (answered, body) => {
        if (answered.status === 200) {
          const row = await getDb().selectFrom("invitation").select("revoked_at").where("id", "=", formValue(body, "invitationId") ?? "").executeTakeFirstOrThrow();
          expect(row.revoked_at).not.toBeNull();
        } else await expectInvited(body);
      },
    });
  });

  const consultationFields = (slugs: fc.Arbitrary<string>) =>
    fc
      .record({
        meetingId: idOr(meetingId),
        slug: slugs,
        phase: mostly(PHASES, ["during"]),
        kind: mostly(CONSULTATION_KINDS, ["poll"]),
        audience: mostly(["state", "ngo", "academia"], ["secretariat", "planet"]),
        surveySlug: mostly(["capacity-needs", "follow-up", "partnership-proposals"], ["../surveys/capacity-needs", "nope"]),
        texts: fc.array(storableText, { minLength: 6, maxLength: 6 }),
        period: period(16),
        publish: mostly(["on", ""], ["off", "true"]),
      })
      .map(({ texts, period: [opensAt, closesAt], ...rest }) => ({ ...rest, ...named(CONSULTATION_TEXTS, texts), opensAt, closesAt }));
  const CONSULTATION_TEXTS = ["title", "description"].flatMap((field) => LANGUAGES.map((language) => `${field}_${language}`));
  const CONSULTATION_FIELDS = ["meetingId", "slug", "phase", "kind", "audience", "surveySlug", ...CONSULTATION_TEXTS, "opensAt", "closesAt", "publish"];

  async function expectConsultationStored(id: string, body: Body): Promise<void> {
    const row = await getDb().selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ slug: formValue(body, "slug"), title_en: formValue(body, "title_en")?.trim(), description_es: formValue(body, "description_es")?.trim() });
    expect(row.opens_at < row.closes_at).toBe(true);
    expectSafeText(row);
  }

  it("a new consultation", async () => {
    await checkProperty<Body>({
      name: "consultations.new",
      runs: 150,
      input: formBody(CONSULTATION_FIELDS, consultationFields(slug)),
      prepare: async (body) => ({ run: asAdmin(newConsultationAction, "/consultations/new", body) }),
      accepted: async (answered, body) => expectConsultationStored(idInLocation(answered), body),
    });
  });

  it("editing a consultation", async () => {
    const consultation = await openNow();
    await checkProperty<[Body, string]>({
      name: "consultations.$id.edit",
      runs: 150,
      input: fc.tuple(formBody(CONSULTATION_FIELDS, consultationFields(fc.oneof(fc.constant(consultation.slug), slug))), idOr(consultation.id)),
      prepare: async ([body, id]) => ({
        run: asAdmin(editConsultationAction, `/consultations/${urlSegment(id)}/edit`, body, { id }),
        watch: () => getDb().selectFrom("consultation").selectAll().where("id", "=", consultation.id).executeTakeFirst(),
      }),
      accepted: async (answered, [body]) => expectConsultationStored(idInLocation(answered), body),
    });
  });

  it("opening and closing a consultation early", async () => {
    const consultation = await openNow();
    await checkProperty<[Body, string]>({
      name: "consultations.$id._index (open, close)",
      runs: 120,
      input: fc.tuple(formBody(["intent", "confirmed"], fc.record({ intent: fc.constantFrom("open", "close"), confirmed: mostly(["yes"], ["", "no", "YES"]) })), idOr(consultation.id)),
      prepare: async ([body, id]) => {
        // Each case starts open, so that a close that was only asked about can be told from one done.
        await getDb().updateTable("consultation").set({ closed_early_at: null }).where("id", "=", consultation.id).execute();
        return {
          run: asAdmin(consultationAction, `/consultations/${urlSegment(id)}`, body, { id }),
          watch: () => getDb().selectFrom("consultation").selectAll().where("id", "=", consultation.id).executeTakeFirst(),
        };
      },
      accepted: async (answered, [body]) => {
        const row = await getDb().selectFrom("consultation").selectAll().where("id", "=", consultation.id).executeTakeFirstOrThrow();
        const asked = (answered.data as { confirmClose?: unknown }).confirmClose;
        if (asked) expect(row.closed_early_at).toBeNull();
        else expect(formValue(body, "intent") === "close" ? row.closed_early_at : row.opened_early_at).not.toBeNull();
        expect(!!asked).toBe(formValue(body, "intent") === "close" && formValue(body, "confirmed") !== "yes");
      },
    });
  });

  it("outbox: send a failed e-mail again", async () => {
    const db = getDb();
    let address = "";
    const refused = async () => {
      address = `refused.${Math.random().toString(36).slice(2)}@example.org`;
      return failedEmail(address);
    };
    const others = (await db.selectFrom("email_outbox").select("id").limit(3).execute()).map((row) => row.id);
    await checkProperty<[Body, string]>({
      name: "outbox.$id (send again)",
      runs: 80,
      input: fc.tuple(formBody(["intent"], fc.record({ intent: mostly(["resend"], ["delete", "send"]) })), fc.oneof({ weight: 3, arbitrary: fc.constant("fresh") }, { weight: 1, arbitrary: idOr(...others) })),
      prepare: async ([body, choice]) => {
        const id = choice === "fresh" ? await refused() : choice;
        return {
          run: asAdmin(outboxMessageAction, `/outbox/${urlSegment(id)}`, body, { id }),
          watch: () => db.selectFrom("email_outbox").select(["id", "status", "attempts", "error"]).orderBy("id").execute(),
        };
      },
      accepted: async (answered, [, choice]) => {
        expect(answered.data).toMatchObject({ ok: true, message: "outbox.resent" });
        if (choice === "fresh") expect(mail.received.at(-1)?.to).toEqual([address]);
      },
    });
  });

  const MEETING_TEXTS = ["title", "theme", "place", "description"].flatMap((field) => LANGUAGES.map((language) => `${field}_${language}`));
  const MEETING_FIELDS = ["slug", "starts_on", "ends_on", ...MEETING_TEXTS];
  const meetingFields = (slugs: fc.Arbitrary<string>) =>
    fc
      .record({ slug: slugs, period: period(10), texts: fc.array(storableText, { minLength: MEETING_TEXTS.length, maxLength: MEETING_TEXTS.length }) })
      .map(({ slug: chosen, texts, period: [starts, ends] }) => ({ slug: chosen, ...named(MEETING_TEXTS, texts), starts_on: starts, ends_on: ends }));

  async function expectMeetingStored(body: Body): Promise<void> {
    const row = await getDb().selectFrom("meeting").selectAll().where("slug", "=", formValue(body, "slug") ?? "").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title_fr: formValue(body, "title_fr")?.trim(), starts_on: formValue(body, "starts_on") });
    expect(row.starts_on <= row.ends_on).toBe(true);
    expectSafeText(row);
  }

  it("a new meeting", async () => {
    await checkProperty<Body>({
      name: "meetings.new",
      runs: 120,
      input: formBody(MEETING_FIELDS, meetingFields(slug)),
      prepare: async (body) => ({ run: asAdmin(newMeetingAction, "/meetings/new", body) }),
      accepted: async (_answered, body) => expectMeetingStored(body),
    });
  });

  it("editing a meeting", async () => {
    const { slug: own } = await getDb().selectFrom("meeting").select("slug").where("id", "=", meetingId).executeTakeFirstOrThrow();
    await checkProperty<[Body, string]>({
      name: "meetings.$id.edit",
      runs: 120,
      input: fc.tuple(formBody(MEETING_FIELDS, meetingFields(fc.oneof(fc.constant(own), slug))), idOr(meetingId)),
      prepare: async ([body, id]) => ({
        run: asAdmin(editMeetingAction, `/meetings/${urlSegment(id)}/edit`, body, { id }),
        watch: () => getDb().selectFrom("meeting").selectAll().where("id", "=", meetingId).executeTakeFirst(),
      }),
      accepted: async (_answered, [body]) => expectMeetingStored(body),
    });
  });

  it("people: deactivate, reactivate, change a role, each confirmed", async () => {
    const db = getDb();
    const secretariat = await db.selectFrom("organisation").select("id").where("type", "=", "secretariat").executeTakeFirstOrThrow();
    const self = await currentUserFor(demoEmail("admin"));
    const selfMembership = (await db.selectFrom("membership").select("id").where("user_id", "=", self.id).executeTakeFirstOrThrow()).id;
    // Placeholders for the people each case makes fresh, so that every case finds someone to act on.
    let fresh = { person: "", rapporteur: "", membership: "" };
    const placeholders = (): Record<string, string> => ({ PERSON: fresh.person, RAPPORTEUR: fresh.rapporteur, MEMBERSHIP: fresh.membership });
    const fill = (body: Body): Body => (body.kind === "raw" ? body : { ...body, pairs: body.pairs.map(([name, value]) => [name, placeholders()[value] ?? value]) });
    const fields = fc.record({
      intent: mostly(["deactivate", "reactivate", "role"], ["", "promote", "delete"]),
      // Never the accounts other tests of this file sign in with: only fresh people, oneself, or nobody.
      userId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("PERSON", "RAPPORTEUR", self.id) }, { weight: 1, arbitrary: fc.oneof(hostileText, fc.uuid()) }),
      membershipId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("MEMBERSHIP", selfMembership) }, { weight: 1, arbitrary: fc.oneof(hostileText, fc.uuid()) }),
      role: mostly(ROLES, ["owner", ""]),
      confirmed: mostly(["yes", ""], ["no", "true"]),
    });
    await checkProperty<Body>({
      name: "people (deactivate, reactivate, role)",
      runs: 120,
      input: formBody(["intent", "userId", "membershipId", "role", "confirmed"], fields),
      prepare: async (raw) => {
        const person = await createMember(await stateId("CO"), "focal_point");
        const rapporteur = await createMember(secretariat.id, "rapporteur");
        const membership = (await db.selectFrom("membership").select("id").where("user_id", "=", rapporteur.id).executeTakeFirstOrThrow()).id;
        fresh = { person: person.id, rapporteur: rapporteur.id, membership };
        return {
          run: asAdmin(peopleAction, "/people", fill(raw)),
          watch: () => db.selectFrom("user").leftJoin("membership", "membership.user_id", "user.id").select(["user.id", "user.disabled_at", "membership.role"]).where("user.id", "in", [self.id, person.id, rapporteur.id]).orderBy("user.id").execute(),
        };
      },
      accepted: async (answered, raw) => {
        const body = fill(raw);
        const outcome = answered.data as { done: string | null; confirm: unknown };
        const rows = await db.selectFrom("user").leftJoin("membership", "membership.user_id", "user.id").select(["user.id", "user.disabled_at", "membership.id as membership", "membership.role"]).where("user.id", "in", [fresh.person, fresh.rapporteur]).execute();
        const target = rows.find((row) => (formValue(body, "intent") === "role" ? row.membership === formValue(body, "membershipId") : row.id === formValue(body, "userId")));
        if (outcome.confirm) {
          // Asked, not done: the fresh people are as they were made.
          expect(rows.map((row) => [row.disabled_at, row.role]).sort()).toEqual([[null, "focal_point"], [null, "rapporteur"]]);
          return;
        }
        expect(formValue(body, "confirmed")).toBe("yes");
        if (formValue(body, "intent") === "deactivate") expect(target?.disabled_at).not.toBeNull();
        if (formValue(body, "intent") === "role") expect(target?.role).toBe(formValue(body, "role"));
        expect(await db.selectFrom("user").select("disabled_at").where("id", "=", self.id).executeTakeFirstOrThrow()).toEqual({ disabled_at: null });
      },
    });
  });
});

/** The question names and the choice values of a survey definition, to aim answers at. */
function vocabulary(definition: unknown): { names: string[]; choices: string[] } {
  const names = new Set<string>();
  const choices = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record.name === "string" && typeof record.type === "string") names.add(record.name);
    for (const list of [record.choices, record.rows, record.columns]) {
      if (!Array.isArray(list)) continue;
      for (const item of list as unknown[]) {
        const value = item && typeof item === "object" ? (item as { value?: unknown }).value : item;
        if (typeof value === "string" || typeof value === "number") choices.add(String(value));
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(definition);
  return { names: [...names], choices: [...choices] };
}

type Revision = { current: true } | { current: false; value: unknown };
/** Who posts: a focal point for their State (perhaps with a forged `?organisation=`), or the secretariat by proxy. */
type Poster = { as: "focal_point"; proxy: string | null } | { as: "admin"; proxy: string };
type AnswerInput = { poster: Poster } & (
  | { shape: "request"; fields: Record<string, unknown>; revision: Revision | null }
  | { shape: "json"; value: unknown }
  | { shape: "deep"; depth: number }
  | { shape: "raw"; body: Body }
);

function parsedJson(body: Body): Record<string, unknown> {
  try {
    const value: unknown = body.kind === "raw" ? JSON.parse(new TextDecoder().decode(body.bytes)) : null;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function jsonBody(text: string): Body {
  return { kind: "raw", contentType: "application/json", bytes: new TextEncoder().encode(text) };
}

describe("answering", () => {
  let consultation: Consultation;
  let mexico: string;
  let france: string;
  const cookies = new Map<Poster["as"], string>();
  /** What the case being run posted, parsed back, for its acceptance check. */
  let sent: Record<string, unknown> = {};

  beforeAll(async () => {
    consultation = await openNow();
    mexico = await stateId("MX");
    france = await stateId("FR");
    cookies.set("focal_point", await cookieFor(demoEmail("focal_point")));
    cookies.set("admin", admin);
  });

  const organisationOf = (poster: Poster) => (poster.as === "admin" ? poster.proxy : mexico);
  const responseOf = (consultationId: string, organisationId: string) =>
    getDb().selectFrom("response").selectAll().where("consultation_id", "=", consultationId).where("organisation_id", "=", organisationId).executeTakeFirst();
  const watchResponses = (consultationId: string) => () =>
    Promise.all([
      getDb().selectFrom("response").selectAll().where("consultation_id", "=", consultationId).orderBy("id").execute(),
      getDb()
        .selectFrom("response_revision")
        .innerJoin("response", "response.id", "response_revision.response_id")
        .selectAll("response_revision")
        .where("response.consultation_id", "=", consultationId)
        .orderBy("response_revision.id")
        .execute(),
    ]);

  function answerInput(names: string[], choices: string[]): fc.Arbitrary<AnswerInput> {
    const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...names.map((name) => `${name}-Comment`)) }, { weight: 1, arbitrary: hostileText });
    const value = fc.oneof(hostileText, fc.constantFrom(...choices), fc.array(fc.constantFrom(...choices), { maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.boolean(), fc.constant(null));
    const answers = fc.oneof(
      { weight: 3, arbitrary: fc.dictionary(key, value, { maxKeys: 5 }) },
      { weight: 2, arbitrary: fc.constant(MINIMAL_CAPACITY_ANSWERS) },
      { weight: 2, arbitrary: storableText.map((text) => ({ ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: text })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      { weight: 1, arbitrary: fc.constantFrom(1_000, 60_000).map((n) => ({ priority_objectives: Array.from({ length: n }, () => ({ objective: "gcm-01" })) })) },
    );
    const revision: fc.Arbitrary<Revision> = fc.oneof(
      { weight: 3, arbitrary: fc.constant({ current: true as const }) },
      { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -3, max: 12 }), fc.double(), fc.constantFrom(2 ** 53, 1e308, -0), hostileText, fc.constant(null)).map((value) => ({ current: false as const, value })) },
    );
    const request = fc.record({
      fields: fc.record(
        {
          intent: fc.oneof({ weight: 5, arbitrary: fc.constantFrom("save", "submit", "reopen", "attribution") }, { weight: 1, arbitrary: hostileText }),
          answers,
          page: fc.oneof(fc.nat(500), fc.constantFrom(-1, 501, 1.5, "1", null)),
          attribution: fc.oneof(fc.constantFrom(...ATTRIBUTIONS), hostileText),
          extra: hostileText,
        },
        { requiredKeys: ["intent"] },
      ),
      revision: fc.option(revision, { nil: null }),
    });
    const poster: fc.Arbitrary<Poster> = fc.oneof(
      { weight: 6, arbitrary: fc.constant({ as: "focal_point" as const, proxy: null }) },
      { weight: 1, arbitrary: idOr(france).map((proxy) => ({ as: "focal_point" as const, proxy })) },
      { weight: 2, arbitrary: idOr(france, mexico).map((proxy) => ({ as: "admin" as const, proxy })) },
    );
    const wellFormed = fc.record({
      intent: fc.constantFrom("save", "save", "submit", "reopen", "attribution"),
      answers,
      page: fc.nat(500),
      attribution: fc.constantFrom(...ATTRIBUTIONS),
    });
    const shape = fc.oneof(
      { weight: 6, arbitrary: wellFormed.map((fields) => ({ shape: "request" as const, fields, revision: { current: true as const } })) },
      { weight: 4, arbitrary: request.map((value) => ({ shape: "request" as const, ...value })) },
      { weight: 1, arbitrary: fc.jsonValue().map((value) => ({ shape: "json" as const, value })) },
      { weight: 1, arbitrary: fc.constantFrom(100, 10_000, 200_000).map((depth) => ({ shape: "deep" as const, depth })) },
      { weight: 1, arbitrary: fc.oneof(rawBody, formBody(["intent", "answers", "revision", "page"], fc.record({ intent: fc.constant("save") }))).map((body) => ({ shape: "raw" as const, body })) },
    );
    return fc.tuple(shape, poster).map(([body, who]) => ({ ...body, poster: who }));
  }

  /** The body of a case; `current` stands in for the revision stored when the case runs. */
  function answerBody(input: AnswerInput, current: number): Body {
    if (input.shape === "raw") return input.body;
    if (input.shape === "deep") return jsonBody(`{"intent":"save","answers":{"coordinating_institution":${"[".repeat(input.depth)}${"]".repeat(input.depth)}},"revision":${current},"page":0}`);
    const value = input.shape === "json" ? input.value : { ...input.fields, ...(input.revision ? { revision: input.revision.current ? current : input.revision.value } : {}) };
    return jsonBody(JSON.stringify(value));
  }

  async function expectStoredWhole(answered: Answered, organisationId: string): Promise<void> {
    const result = answered.data as { revision: number; status: string; merged?: { answers: Record<string, unknown> } };
    const row = await responseOf(consultation.id, organisationId);
    expect(row).toMatchObject({ revision: result.revision, status: result.status });
    const revisions = await getDb().selectFrom("response_revision").select(["revision", "data", "status"]).where("response_id", "=", row?.id ?? "").orderBy("revision").execute();
    expect(revisions.map((revision) => revision.revision)).toEqual(Array.from({ length: row?.revision ?? 0 }, (_, index) => index + 1));
    expect(revisions.at(-1)).toMatchObject({ data: row?.data, status: row?.status });
    const stored = JSON.parse(row?.data ?? "{}") as Record<string, unknown>;
    expectSafeText(stored);
    // The server gives repeated panels' entries their stable ids: compared without them, what was sent is what is stored.
    const typed = withoutItemIds(stored);
    // A save based on an older revision is merged with what was saved since: the answers then stored come back.
    if (sent.intent === "save") expect(typed).toEqual(withoutItemIds(result.merged?.answers ?? sent.answers));
    if (sent.intent === "submit") for (const [name, value] of Object.entries(typed)) expect(value).toEqual(withoutItemIds((sent.answers as Record<string, unknown>)[name]));
  }

  it("the JSON answering endpoint: drafts, submissions, reopening, attribution", async () => {
    const version = await getDb().selectFrom("survey_version").select("definition").where("id", "=", consultation.survey_version_id).executeTakeFirstOrThrow();
    const { names, choices } = vocabulary(JSON.parse(version.definition));
    await checkProperty<AnswerInput>({
      name: "consultations.$id.answers (JSON)",
      runs: 250,
      input: answerInput(names, choices),
      prepare: async (input) => {
        const stored = await responseOf(consultation.id, organisationOf(input.poster));
        const body = answerBody(input, stored?.revision ?? 0);
        sent = parsedJson(body);
        const query = input.poster.proxy === null ? "" : `?organisation=${urlSegment(input.poster.proxy)}`;
        const request = postBody(`/consultations/${consultation.id}/answers${query}`, body, { Cookie: cookies.get(input.poster.as) ?? "" });
        return { run: call(answersAction, request, { id: consultation.id }), watch: watchResponses(consultation.id) };
      },
      accepted: async (answered, input) => expectStoredWhole(answered, organisationOf(input.poster)),
    });
  });

  it("changing the attribution on the receipt", async () => {
    const submitted = await openNow();
    const focalPoint = cookies.get("focal_point") ?? "";
    const submit = jsonBody(JSON.stringify({ intent: "submit", answers: MINIMAL_CAPACITY_ANSWERS, revision: 0, page: 0, attribution: "attributable" }));
    await call(answersAction, postBody(`/consultations/${submitted.id}/answers`, submit, { Cookie: focalPoint }), { id: submitted.id })();
    await checkProperty<[Body, string]>({
      name: "consultations.$id.receipt (attribution)",
      runs: 100,
      input: fc.tuple(formBody(["attribution"], fc.record({ attribution: fc.constantFrom(...ATTRIBUTIONS) })), idOr(submitted.id)),
      prepare: async ([body, id]) => ({
        run: call(receiptAction, postBody(`/consultations/${urlSegment(id)}/receipt`, body, { Cookie: focalPoint }), { id }),
        watch: watchResponses(submitted.id),
      }),
      uiMessage: (data) => ((data as { ok?: boolean }).ok === false ? "receipt.attributionNotSaved" : undefined),
      accepted: async (_answered, [body]) => expect((await responseOf(submitted.id, mexico))?.attribution).toBe(formValue(body, "attribution")),
    });
  });
});
