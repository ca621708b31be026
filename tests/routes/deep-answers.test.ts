import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { MAX_REQUEST_DEPTH, nestsDeeperThan } from "#app/features/responses/requests.ts";
import { action as answersAction } from "#app/routes/consultations.$id.answers.ts";
import { MINIMAL_CAPACITY_ANSWERS, openNow } from "#tests/consultations.ts";
import { context, cookieFor, demoEmail, settle } from "#tests/helpers.ts";

/*
 * Item 6 of issue 8: a deeply nested answer sent as a stale save against a submitted answer made
 * the comparison of answers overflow the stack (a 500). Depth and size are checked where the body
 * is read, before anything walks the answers.
 */
async function post(id: string, body: string, cookie: string) {
  const request = new Request(`http://localhost:3000/consultations/${id}/answers`, { method: "POST", body, headers: { "Content-Type": "application/json", Cookie: cookie } });
  const response = await settle(() => answersAction({ request, context, params: { id } }));
  return { status: response.status, body: (await response.json()) as { reason?: string; problems?: { message: string }[] } };
}

const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe("deeply nested answers", () => {
  it("100,000 nested arrays or an object 5,000 levels deep, sent as a stale save against a submitted answer, are refused with 422 and change nothing", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    const submitted = await post(consultation.id, JSON.stringify({ intent: "submit", answers: MINIMAL_CAPACITY_ANSWERS, revision: 0, page: 0, attribution: "attributable" }), cookie);
    expect(submitted.status).toBe(200);
    const before = await getDb().selectFrom("response").selectAll().where("consultation_id", "=", consultation.id).executeTakeFirstOrThrow();

    for (const deep of [nestedArrays(100_000), nestedObjects(5_000)]) {
      for (const intent of ["save", "submit"]) {
        const body = `{"intent":"${intent}","attribution":"attributable","revision":0,"page":0,"answers":{"coordinating_institution":${deep}}}`;
        const refused = await post(consultation.id, body, cookie);
        expect(refused.status).toBe(422);
        expect(refused.body).toEqual({ ok: false, reason: "invalid", problems: [{ name: "", title: "", message: "The answers are nested too deeply to be read. Reload the page and try again." }] });
      }
    }
    expect(await getDb().selectFrom("response").selectAll().where("consultation_id", "=", consultation.id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it("a body larger than any answer set is refused before it is parsed", async () => {
    const consultation = await openNow();
    const cookie = await cookieFor(demoEmail("focal_point"));
    const padded = `{"intent":"save","revision":0,"page":0,"answers":{}${" ".repeat(600 * 1024)}}`;
    const refused = await post(consultation.id, padded, cookie);
    expect(refused.status).toBe(422);
    expect(refused.body.problems?.[0]?.message).toBe("The answers are too large to be saved: the limit is 512 KB.");
    expect(await getDb().selectFrom("response").select("id").where("consultation_id", "=", consultation.id).execute()).toEqual([]);
  });

  it("the deepest answers a survey gives (a list inside a repeated panel) are well within the limit", () => {
    const request = { intent: "save", answers: MINIMAL_CAPACITY_ANSWERS, revision: 0, page: 0 };
    expect(nestsDeeperThan(request, 5)).toBe(false);
    expect(nestsDeeperThan(request, 4)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nestedArrays(MAX_REQUEST_DEPTH)), MAX_REQUEST_DEPTH)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nestedArrays(MAX_REQUEST_DEPTH + 1)), MAX_REQUEST_DEPTH)).toBe(true);
  });
});
