import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { loader } from "#app/routes/meetings.$id.before-after.tsx";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { context, cookieFor, demoEmail, get, outcome, settle } from "#tests/helpers.ts";

async function page(query: string) {
  const meeting = await getDb().selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirstOrThrow();
  const cookie = await cookieFor(demoEmail("rapporteur"));
  return outcome(await settle(() => loader({ request: get(`/meetings/${meeting.id}/before-after${query}`, { cookie }), context, params: { id: meeting.id } })));
}

type Page = { region: string; unknownRegion: boolean; summary: { states: number; objectives: { objective: string; label: string }[] } };

describe("the before and after page of a meeting", () => {
  it("counts the demo's States that submitted both questionnaires, and names the objectives in the reader's language", async () => {
    const shown = await page("");
    const data = shown.data as Page;
    expect(shown.status).toBe(200);
    // The demo: eight States submitted the follow-up, each of them the capacity needs questionnaire too.
    expect(data.summary.states).toBe(8);
    expect(data.summary.objectives.length).toBeGreaterThan(0);
    expect(data.summary.objectives.every((row) => /^\d+\. /.test(row.label))).toBe(true);
  });

  it("filters by the region in the URL, the areas under it included", async () => {
    const africa = (await page("?region=002")).data as Page;
    const americas = (await page("?region=019")).data as Page;
    expect(africa.region).toBe("002");
    expect(africa.summary.states).toBeGreaterThan(0);
    expect(americas.summary.states).toBeGreaterThan(0);
    expect(africa.summary.states + americas.summary.states).toBeLessThanOrEqual(8);
  });

  it("refuses an unknown region with a message and no figure", async () => {
    const refused = await page("?region=not-an-area");
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ unknownRegion: true, summary: { states: 0, objectives: [] } });
  });
});
