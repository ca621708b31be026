import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { loader as homeLoader } from "#app/routes/_index.tsx";
import { loader as answerLoader } from "#app/routes/consultations.$id.answer.tsx";
import { loader as consultationLoader } from "#app/routes/consultations.$id._index.tsx";
import { loader as editConsultationLoader } from "#app/routes/consultations.$id.edit.tsx";
import { loader as consultationsLoader } from "#app/routes/consultations._index.tsx";
import { action as newConsultationAction } from "#app/routes/consultations.new.tsx";
import { action as editMeetingAction, loader as editMeetingLoader } from "#app/routes/meetings.$id.edit.tsx";
import { action as newMeetingAction } from "#app/routes/meetings.new.tsx";
import { openNow } from "#tests/consultations.ts";
import { context, cookieFor, demoEmail, get, outcome, post, settle } from "#tests/helpers.ts";

/*
 * Item 7 of issue 8: a meeting saved with an impossible date (2019-13-01) was accepted, and then
 * the home page answered 500 to everyone. Dates are checked against the calendar, and a bad value
 * already stored shows as it is stored instead of taking a page down.
 */
type FieldErrors = Record<string, string[]>;
const errorsOf = (data: unknown) => (data as { error: FieldErrors }).error;

describe("impossible dates in the forms", () => {
  it("a meeting's days must exist in the calendar; 29 February of a leap year does", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const meeting = await getDb().selectFrom("meeting").selectAll().executeTakeFirstOrThrow();
    const loaded = outcome(await editMeetingLoader({ request: get(`/meetings/${meeting.id}/edit`, { cookie }), context, params: { id: meeting.id } }));
    const values = (loaded.data as { values: Record<string, string> }).values;
    for (const day of ["2019-13-01", "2019-02-29", "2019-04-31", "2019-00-10", "2019-01-00"]) {
      const result = outcome(await editMeetingAction({ request: post(`/meetings/${meeting.id}/edit`, { ...values, starts_on: day, ends_on: "2030-01-01" }, { cookie }), context, params: { id: meeting.id } }));
      expect(result.status, day).toBe(400);
      expect(errorsOf(result.data).starts_on, day).toEqual(["form.impossibleDate"]);
    }
    const malformed = outcome(await newMeetingAction({ request: post("/meetings/new", { ...values, slug: "malformed-day", starts_on: "yesterday", ends_on: "2019-13-01" }, { cookie }), context, params: {} }));
    expect(errorsOf(malformed.data).starts_on).toEqual(["form.date"]);
    expect(errorsOf(malformed.data).ends_on).toEqual(["form.impossibleDate"]);
    expect(await getDb().selectFrom("meeting").selectAll().where("id", "=", meeting.id).executeTakeFirstOrThrow()).toEqual(meeting);

    const leap = outcome(await editMeetingAction({ request: post(`/meetings/${meeting.id}/edit`, { ...values, starts_on: "2028-02-29", ends_on: "2028-03-01" }, { cookie }), context, params: { id: meeting.id } }));
    expect(leap.status).toBe(302);
  });

  it("a consultation's opening and closing must be a day that exists and a time of day, in Geneva", async () => {
    const cookie = await cookieFor(demoEmail("admin"));
    const meeting = await getDb().selectFrom("meeting").select("id").executeTakeFirstOrThrow();
    const fields = { meetingId: meeting.id, slug: "impossible-dates", phase: "pre", kind: "capacity_survey", audience: "state", surveySlug: "capacity-needs", title_en: "T", title_fr: "T", title_es: "T", description_en: "D", description_fr: "D", description_es: "D", opensAt: "2026-09-01T10:00", closesAt: "2026-09-30T18:00" };
    // 02:30 on 29 March 2026 does not exist in Geneva: the clocks go from 02:00 to 03:00.
    for (const time of ["2026-13-01T10:00", "2026-02-30T10:00", "2026-01-01T24:00", "2026-01-01T10:60", "2026-03-29T02:30"]) {
      const result = outcome(await newConsultationAction({ request: post("/consultations/new", { ...fields, opensAt: time }, { cookie }), context, params: {} }));
      expect(result.status, time).toBe(400);
      expect(errorsOf(result.data).opensAt, time).toEqual(["form.impossibleDateTime"]);
    }
    const malformed = outcome(await newConsultationAction({ request: post("/consultations/new", { ...fields, closesAt: "2026-09-30" }, { cookie }), context, params: {} }));
    expect(errorsOf(malformed.data).closesAt).toEqual(["form.dateTime"]);
    expect(await getDb().selectFrom("consultation").select("id").where("slug", "=", "impossible-dates").execute()).toEqual([]);
  });
});

describe("a bad date already stored", () => {
  it("takes no page down: the home page, the consultations, a consultation, its answering and edit pages show it as stored", async () => {
    const db = getDb();
    const consultation = await openNow();
    const meeting = await db.selectFrom("meeting").select("id").where("id", "=", consultation.meeting_id).executeTakeFirstOrThrow();
    await db.updateTable("meeting").set({ starts_on: "2019-13-01", ends_on: "not a day" }).where("id", "=", meeting.id).execute();
    await db.updateTable("consultation").set({ opens_at: "2019-13-01T08:00:00Z", closes_at: "soon" }).where("id", "=", consultation.id).execute();
    const admin = await cookieFor(demoEmail("admin"));
    const focalPoint = await cookieFor(demoEmail("focal_point"));
    const pages: [string, () => Promise<unknown>][] = [
      ["home, signed out", () => homeLoader({ request: get("/"), context, params: {} })],
      ["home, in Spanish", () => homeLoader({ request: get("/?lang=es", { cookie: focalPoint }), context, params: {} })],
      ["consultations", () => consultationsLoader({ request: get("/consultations", { cookie: focalPoint }), context, params: {} })],
      ["a consultation", () => consultationLoader({ request: get(`/consultations/${consultation.id}`, { cookie: admin }), context, params: { id: consultation.id } })],
      ["answering", () => answerLoader({ request: get(`/consultations/${consultation.id}/answer`, { cookie: focalPoint }), context, params: { id: consultation.id } })],
      ["editing the consultation", () => editConsultationLoader({ request: get(`/consultations/${consultation.id}/edit`, { cookie: admin }), context, params: { id: consultation.id } })],
      ["editing the meeting", () => editMeetingLoader({ request: get(`/meetings/${meeting.id}/edit`, { cookie: admin }), context, params: { id: meeting.id } })],
    ];
    for (const [page, load] of pages) {
      const result = outcome(await settle(load));
      expect(result.status, page).toBe(200);
    }
    const home = outcome(await homeLoader({ request: get("/"), context, params: {} }));
    expect((home.data as { meetings: { id: string; dates: string }[] }).meetings.find((shown) => shown.id === meeting.id)?.dates).toBe("2019-13-01 – not a day");
    const shown = outcome(await consultationLoader({ request: get(`/consultations/${consultation.id}`, { cookie: admin }), context, params: { id: consultation.id } }));
    expect(shown.data).toMatchObject({ consultation: { opens: "2019-13-01T08:00:00Z", closes: "soon" } });
    const edit = outcome(await editConsultationLoader({ request: get(`/consultations/${consultation.id}/edit`, { cookie: admin }), context, params: { id: consultation.id } }));
    expect(edit.data).toMatchObject({ values: { opensAt: "", closesAt: "" } });
  });
});
