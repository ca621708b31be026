import { getDb } from "#app/db.server.ts";
import { checkDatabase } from "#app/features/health/health.ts";

/** For load balancers and monitors: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const healthy = await checkDatabase(getDb());
  return Response.json(
    { status: healthy ? "ok" : "error", db: healthy ? "ok" : "error" },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
