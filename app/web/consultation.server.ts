import { getDb } from "#app/db.server.ts";
import type { Action } from "#app/features/auth/permissions.ts";
import { getConsultation } from "#app/features/consultations/consultations.ts";
import { isId } from "#app/features/ids.ts";
import { requirePermission } from "#app/session.server.ts";

/** The consultation a page's address names, for someone allowed the action: 404 when it is not theirs to see or does not exist. */
export async function requireConsultation(request: Request, id: string | undefined, action: Action) {
  const user = await requirePermission(request, action);
  const consultation = isId(id) ? await getConsultation(getDb(), user, id) : undefined;
  if (!consultation) throw new Response("Not found", { status: 404 });
  return { user, consultation };
}
