import type { Consultation } from "#db/schema.ts";
import type { CurrentUser } from "./features/auth/current-user.ts";
import { can } from "./features/auth/permissions.ts";
import { answeringOrganisation, audienceOf, getConsultation } from "./features/consultations/consultations.ts";
import { isId } from "./features/ids.ts";
import { organisationKind } from "./features/organisations/organisations.ts";
import { getDb } from "./db.server.ts";
import { requirePermission } from "./session.server.ts";

export interface AnsweringContext {
  user: CurrentUser;
  consultation: Consultation;
  organisationId: string;
  /** The secretariat answering for an organisation (`?organisation=` in the URL). */
  byProxy: boolean;
}

/**
 * Who answers a consultation on this request, and for which organisation: a member of an
 * organisation in its audience for their own, or the secretariat for any of them by proxy.
 */
export async function requireAnsweringContext(request: Request, consultationId: string | undefined): Promise<AnsweringContext> {
  const user = await requirePermission(request, "consultation.list");
  const db = getDb();
  const consultation = isId(consultationId) ? await getConsultation(db, user, consultationId) : undefined;
  if (!consultation) throw new Response("Not found", { status: 404 });
  const proxyFor = new URL(request.url).searchParams.get("organisation");
  if (proxyFor) {
    if (!can(user, "response.proxy")) throw new Response("Forbidden", { status: 403 });
    if (!isId(proxyFor)) throw new Response("Not found", { status: 404 });
    const organisation = await organisationKind(db, proxyFor);
    if (!organisation || !audienceOf(consultation).includes(organisation.type)) throw new Response("Not found", { status: 404 });
    return { user, consultation, organisationId: organisation.id, byProxy: true };
  }
  const organisationId = answeringOrganisation(user, consultation);
  if (!organisationId || !can(user, "response.write", { organisationId })) throw new Response("Forbidden", { status: 403 });
  return { user, consultation, organisationId, byProxy: false };
}
