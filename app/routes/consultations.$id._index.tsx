import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "#app/components/answering/local-time.tsx";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { can } from "#app/features/auth/permissions.ts";
import { answeringOrganisation, audienceOf, consultationProgress, getConsultation, openOrCloseNow } from "#app/features/consultations/consultations.ts";
import { closingTime, consultationStatus } from "#app/features/consultations/status.ts";
import { isId } from "#app/features/ids.ts";
import { organisationChoices } from "#app/features/organisations/organisations.ts";
import { responseStatuses } from "#app/features/responses/responses.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime, formatNumber } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { Detail } from "#app/components/details.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.consultation.title) : [{ title: "Consulta" }]);

async function load(request: Request, id: string | undefined) {
  const user = await requirePermission(request, "consultation.list");
  const consultation = isId(id) ? await getConsultation(getDb(), user, id) : undefined;
  if (!consultation) throw new Response("Not found", { status: 404 });
  return { user, consultation };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await load(request, params.id);
  const language = detectLanguage(request);
  const db = getDb();
  const organisationId = answeringOrganisation(user, consultation);
  const own = organisationId ? await responseStatuses(db, user, [{ consultationId: consultation.id, organisationId }]) : new Map();
  const manage = can(user, "consultation.manage");
  const audience = audienceOf(consultation);
  const proxyOrganisations = manage ? await organisationChoices(db, user, audience, language) : [];
  const closes = closingTime(consultation);
  const reads = can(user, "response.readAll");
  const progress = manage || reads ? await consultationProgress(db, consultation) : null;
  return {
    language,
    consultation: {
      id: consultation.id,
      title: localized(consultation, "title", language),
      description: localized(consultation, "description", language),
      phase: consultation.phase,
      status: consultationStatus(consultation),
      /** Opening now helps before the opening time or after an early close, not after the closing time. */
      canOpenNow: consultation.closes_at > new Date().toISOString() && consultationStatus(consultation) !== "open",
      opensAt: consultation.opens_at,
      closesAt: closes,
      opens: formatDateTime(consultation.opens_at, language),
      closes: formatDateTime(closes, language),
      audience,
    },
    canAnswer: !!organisationId,
    response: own.get(consultation.id) ?? null,
    manage,
    progress: manage ? progress : null,
    submittedAnswers: reads ? (progress?.submitted ?? 0) : null,
    proxyOrganisations,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, consultation } = await load(request, params.id);
  if (!can(user, "consultation.manage")) throw new Response("Forbidden", { status: 403 });
  const form = await readFormData(request);
  const intent = form.get("intent");
  // Only a forged post names another intent: the error page says the request was not understood.
  if (intent !== "open" && intent !== "close") throw new Response("Choose to open or to close the consultation.", { status: 400, statusText: "Bad Request" });
  // Closing ends every draft still open: it is asked again, naming them, before it is done.
  if (intent === "close" && form.get("confirmed") !== "yes") {
    const progress = await consultationProgress(getDb(), consultation);
    return { confirmClose: { drafts: progress.draft, amending: progress.amending, notSubmitted: progress.eligible - progress.submitted }, done: null };
  }
  await openOrCloseNow(getDb(), user, consultation.id, intent, { ip: clientIp(context) });
  return { confirmClose: null, done: intent };
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export default function ConsultationPage() {
  const { consultation, canAnswer, response, manage, progress, submittedAnswers, proxyOrganisations, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const hydrated = useHydrated();
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/consultations">{t("consultations.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{consultation.title}</h1>
        {manage ? (
          <Link to={`/consultations/${consultation.id}/edit`} className="button button--quiet">
            {t("consultations.form.editTitle")}
          </Link>
        ) : null}
      </div>
      <p>
        <span className={`badge badge--${consultation.status}`}>{t(`consultations.statusName.${consultation.status}`)}</span>{" "}
        {t(`consultations.phaseName.${consultation.phase}`)}
      </p>
      <p>{consultation.description}</p>
      <dl className="facts">
        <Detail term={t("consultations.opens")}>
          {consultation.opens} ({t("answer.genevaTime")})
          {hydrated ? (
            <>
              <br />
              {t("answer.yourTime")} <LocalTime iso={consultation.opensAt} language={language} />
            </>
          ) : null}
        </Detail>
        <Detail term={t("consultations.closes")}>
          {consultation.closes} ({t("answer.genevaTime")})
          {hydrated ? (
            <>
              <br />
              {t("answer.yourTime")} <LocalTime iso={consultation.closesAt} language={language} />
            </>
          ) : null}
        </Detail>
        <Detail term={t("consultations.audience")}>{consultation.audience.map((type) => t(`organisationType.${type}`)).join(", ")}</Detail>
      </dl>
      {canAnswer ? (
        <p>
          {consultation.status === "open" || response ? (
            <Link to={`/consultations/${consultation.id}/answer`} className="button">
              {t(response === "submitted" ? "consultations.viewAnswer" : response === "amending" ? "consultations.continueAmendment" : response ? "consultations.continue" : "consultations.start")}
            </Link>
          ) : (
            <span className="muted">{t("consultations.notOpen")}</span>
          )}{" "}
          {response === "submitted" || response === "amending" ? <Link to={`/consultations/${consultation.id}/receipt`}>{t("answer.seeReceipt")}</Link> : null}
        </p>
      ) : null}
      {submittedAnswers !== null ? (
        <p>
          <Link to={`/consultations/${consultation.id}/responses`} className="button">
            {t("reading.link", { count: submittedAnswers })}
          </Link>{" "}
          <Link to={`/consultations/${consultation.id}/summary`} className="button button--quiet">
            {t("summary.link")}
          </Link>{" "}
          <Link to={`/consultations/${consultation.id}/exports`} className="button button--quiet">{t("exports.link")}</Link>
        </p>
      ) : null}
      {manage && progress ? (
        <section aria-labelledby="progress-title" className="card">
          <h2 id="progress-title">{t("consultations.progress")}</h2>
          <dl className="facts">
            <Detail term={t("consultations.notStarted", { count: progress.notStarted })}>{formatNumber(progress.notStarted, language)}</Detail>
            <Detail term={t("consultations.drafts", { count: progress.draft })}>{formatNumber(progress.draft, language)}</Detail>
            <Detail term={t("consultations.submittedCount", { count: progress.submitted })}>
              {formatNumber(progress.submitted, language)}
              {progress.amending ? ` (${t("consultations.amendingCount", { count: progress.amending })})` : null}
            </Detail>
          </dl>
          <p>
            <Link to={`/consultations/${consultation.id}/progress`}>{t("progress.link")}</Link>
          </p>
          {actionData?.done === "close" ? (
            <p role="status" className="notice notice--success">
              {t("closeConsultation.closed")}
            </p>
          ) : null}
          {actionData?.confirmClose && consultation.status === "open" ? (
            <CloseConfirmation {...actionData.confirmClose} cancelTo={`/consultations/${consultation.id}`} />
          ) : null}
          <Form method="post" className="actions">
            {consultation.canOpenNow ? (
              <button type="submit" name="intent" value="open" className="button button--quiet">
                {t("consultations.openNow")}
              </button>
            ) : null}
            {consultation.status === "open" && !actionData?.confirmClose ? (
              <button type="submit" name="intent" value="close" className="button button--quiet">
                {t("consultations.closeNow")}
              </button>
            ) : null}
          </Form>
          <Form method="get" action={`/consultations/${consultation.id}/answer`} className="filters">
            <div className="field">
              <label htmlFor="proxy-organisation">{t("consultations.proxyFor")}</label>
              <select id="proxy-organisation" name="organisation" required defaultValue="">
                <option value="">{t("form.choose")}</option>
                {proxyOrganisations.map((org) => (
                  <option key={org.id} value={org.id}>
                    {org.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--quiet">
              {t("consultations.enterByProxy")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

/** The second step of "Close now": what closing ends, and a second button that closes. */
function CloseConfirmation({ drafts, amending, notSubmitted, cancelTo }: { drafts: number; amending: number; notSubmitted: number; cancelTo: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="close-title" className="notice">
      <h3 id="close-title" tabIndex={-1} ref={heading}>
        {t("closeConsultation.title")}
      </h3>
      <ul>
        <li>{t("closeConsultation.drafts", { count: drafts })}</li>
        {amending > 0 ? <li>{t("closeConsultation.amendments", { count: amending })}</li> : null}
        <li>{t("closeConsultation.notSubmitted", { count: notSubmitted })}</li>
      </ul>
      <p>{t("closeConsultation.reopen")}</p>
      <Form method="post" className="actions">
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" name="intent" value="close" className="button">
          {t("closeConsultation.confirm")}
        </button>
        <Link to={cancelTo} className="button button--quiet">
          {t("closeConsultation.cancel")}
        </Link>
      </Form>
    </section>
  );
}
