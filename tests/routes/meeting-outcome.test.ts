import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { newId } from "#app/features/ids.ts";
import { loader } from "#app/routes/meetings.$id._index.tsx";
import { context, get, outcome, settle } from "#tests/helpers.ts";

describe("a meeting's public page", () => {
  it("is open to anyone, in the reader's language, and may be kept by shared caches for a minute", async () => {
    const meeting = await getDb().selectFrom("meeting").selectAll().executeTakeFirstOrThrow();
    const response = await loader({ request: get(`/meetings/${meeting.id}`, { headers: { "Accept-Language": "es" } }), context, params: { id: meeting.id } });
    const result = outcome(response);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ language: "es", meeting: { title: meeting.title_es } });
    expect(result.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(result.headers.get("Vary")).toBe("Cookie, Accept-Language");
  });

  it("answers 404 for an unknown meeting or an address that is not an id", async () => {
    for (const id of [newId(), "not-an-id"]) {
      expect(outcome(await settle(() => loader({ request: get(`/meetings/${id}`), context, params: { id } }))).status).toBe(404);
    }
  });
});
