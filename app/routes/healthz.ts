import { getDb } from "#app/db.server.ts";
import { checkDatabase } from "#app/features/health/health.ts";

/**
 * For load balancers and monitors: 200 when the database answers a read and takes a write, 503
 * with the problem (busy, full, read-only, storage, gone, unreachable) when it does not.
 */
export async function loader() {
  const health = await checkDatabase(getDb());
  return Response.json(health.ok ? { status: "ok", db: "ok" } : { status: "error", db: "error", problem: health.problem }, {
    status: health.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
