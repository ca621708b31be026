import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { requirePermission } from "#app/session.server.ts";

/** Version ids are the SHA-256 of the resolved definition. */
const VERSION_ID = /^[0-9a-f]{64}$/;

/**
 * A survey version's definition, for the survey on the answering page. Versions never change, so
 * the browser keeps each one (privately: only signed-in people read them) instead of receiving
 * some 60 KB with every page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "consultation.list");
  const id = params.id ?? "";
  const version = VERSION_ID.test(id) ? await getSurveyVersion(getDb(), id) : undefined;
  if (!version) throw new Response("Not found", { status: 404 });
  return new Response(version.definitionJson, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, max-age=31536000, immutable" },
  });
}
