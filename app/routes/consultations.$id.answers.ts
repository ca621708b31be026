import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { readAnswerRequest } from "#app/features/responses/requests.ts";
import { changeAttribution, reopenResponse, saveDraft, submitResponse } from "#app/features/responses/responses.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { requireAnsweringContext } from "#app/responses.server.ts";
import { clientIp } from "#app/session.server.ts";

/**
 * The answering page's JSON endpoint: autosave, submit, reopen. Answers JSON in every case: 200
 * (with the answers as merged when others saved meanwhile), 409 for a conflict (the stored
 * answers, what merged, and each disputed question in words), 422 for answers with problems,
 * 423 when closed.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const answering = await requireAnsweringContext(request, params.id);
  const language = detectLanguage(request);
  const parsed = readAnswerRequest(await request.text(), language);
  if (!parsed.ok) return Response.json(parsed, { status: parsed.reason === "invalid" ? 422 : 400 });
  const db = getDb();
  const shared = { consultation: answering.consultation, organisationId: answering.organisationId, user: answering.user, byProxy: answering.byProxy, ip: clientIp(context) };
  const request_ = parsed.request;
  const result =
    request_.intent === "reopen"
      ? await reopenResponse(db, shared)
      : request_.intent === "attribution"
        ? await changeAttribution(db, { ...shared, attribution: request_.attribution })
        : request_.intent === "submit"
          ? await submitResponse(db, { ...shared, answers: request_.answers, baseRevision: request_.revision, page: request_.page, language, clientId: request_.client, attribution: request_.attribution })
          : await saveDraft(db, { ...shared, answers: request_.answers, baseRevision: request_.revision, page: request_.page, language, clientId: request_.client });
  const status = result.ok ? 200 : result.reason === "conflict" ? 409 : result.reason === "invalid" ? 422 : result.reason === "closed" ? 423 : 409;
  return Response.json(result, { status, headers: { "Cache-Control": "no-store" } });
}
