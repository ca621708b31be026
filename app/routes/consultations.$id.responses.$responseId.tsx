import { data as withStatus, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CiteForm } from "#app/components/messages/cite-form.tsx";
import { can } from "#app/features/auth/permissions.ts";
import { citableQuestions, messagesToCiteInto } from "#app/features/messages/citable.ts";
import { addCitation, type CitationRefusal } from "#app/features/messages/key-messages.ts";
import { forgetPublicOutcomes } from "#app/features/messages/public.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { submittedAnswers } from "#app/features/responses/responses.ts";
import { proposalsOfResponse } from "#app/features/proposals/proposals.ts";
import { KIND_LABELS } from "#app/components/proposals/labels.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp } from "#app/session.server.ts";
import { useTranslation } from "react-i18next";
import { AnswerSections, RevisionHistory, SubmittedBy } from "#app/components/answer-display.tsx";
import { Detail } from "#app/components/details.tsx";
import { viewHref } from "#app/components/list-controls.tsx";
import { ConsultationBreadcrumb } from "#app/components/consultation-breadcrumb.tsx";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { audienceOf } from "#app/features/consultations/consultations.ts";
import { consultationStatus } from "#app/features/consultations/status.ts";
import { isId } from "#app/features/ids.ts";
import { regionName } from "#app/features/organisations/countries.ts";
import { getOrganisation, organisationName } from "#app/features/organisations/organisations.ts";
import { answersViewOf, answersViewParams, getSubmittedAnswer, neighbourAnswers } from "#app/features/responses/reader.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";
import { submittedAnswerView } from "#app/web/submitted-answer.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(`${data.organisation.name} – ${data.title}`) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  const db = getDb();
  const response = isId(params.responseId) ? await getSubmittedAnswer(db, user, consultation.id, params.responseId) : undefined;
  const organisation = response ? await getOrganisation(db, user, response.organisation_id) : undefined;
  if (!response?.submitted_at || !organisation) throw new Response("Not found", { status: 404 });
  const language = detectLanguage(request);
  // The list this answer was opened from: its view, for "previous", "next" and the way back.
  const { view, problems } = answersViewOf(new URL(request.url).searchParams, audienceOf(consultation));
  const list = problems.length ? { view: { sort: view.sort, descending: view.descending, page: 1 }, params: {} } : { view, params: answersViewParams(view) };
  const path = `/consultations/${consultation.id}/responses`;
  const [shown, around, proposals] = await Promise.all([
    submittedAnswerView(db, consultation, response, language),
    neighbourAnswers(db, user, consultation, list.view, language, response.id),
    proposalsOfResponse(db, response.id),
  ]);
  const version = can(user, "keyMessage.write") ? await getSurveyVersion(db, response.survey_version_id) : undefined;
  const citing = version
    ? { messages: await messagesToCiteInto(db, consultation.meeting_id), questions: citableQuestions(surveyModel(version), submittedAnswers(response) ?? {}, language), meetingId: consultation.meeting_id }
    : null;
  return {
    ...shown,
    title: localized(consultation, "title", language),
    consultationId: consultation.id,
    organisation: {
      name: organisationName(organisation, language),
      type: organisation.type,
      region: organisation.region_m49 ? regionName(organisation.region_m49, language) : null,
    },
    attribution: response.attribution,
    language: response.language,
    reference: response.reference,
    submittedAt: formatDateTime(response.submitted_at, language),
    amending: response.status === "amending",
    open: consultationStatus(consultation) === "open",
    listHref: viewHref(path, list.params),
    previousHref: around.previous ? viewHref(`${path}/${around.previous}`, list.params) : null,
    nextHref: around.next ? viewHref(`${path}/${around.next}`, list.params) : null,
    citing,
    proposals: proposals.map((proposal) => ({ id: proposal.id, title: proposal.title, kind: proposal.kind, withdrawn: proposal.withdrawn_at !== null })),
  };
}

/** Cites this answer in a key message of the meeting: with a passage, or to be counted only. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "keyMessage.write");
  const db = getDb();
  const response = isId(params.responseId) ? await getSubmittedAnswer(db, user, consultation.id, params.responseId) : undefined;
  if (!response) throw new Response("Not found", { status: 404 });
  const form = await readFormData(request);
  const messageId = form.get("messageId");
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : null;
  };
  if (!isId(messageId)) return withStatus<{ cited: boolean; refusal: CitationRefusal | null }>({ cited: false, refusal: "message-not-found" }, { status: 400 });
  const result = await addCitation(db, user, messageId, { responseId: response.id, question: text("question"), quote: text("quote") }, { ip: clientIp(context) });
  if (!result.ok) return withStatus({ cited: false, refusal: result.reason }, { status: result.reason === "already-cited" ? 409 : 400 });
  forgetPublicOutcomes(consultation.meeting_id);
  return { cited: true, refusal: null };
}

export default function SubmittedAnswerPage() {
  const data = useLoaderData<typeof loader>();
  const cited = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="receipt">
      <ConsultationBreadcrumb id={data.consultationId} title={data.title}>
        <Link to={data.listHref}>{t("reading.answers")}</Link>
      </ConsultationBreadcrumb>
      <h1>{data.organisation.name}</h1>
      {data.attribution === "aggregate_only" ? (
        <div className="notice notice--error" role="note" aria-labelledby="count-only-title">
          <h2 id="count-only-title" className="notice__title">
            {t("reading.use.aggregate_only")}
          </h2>
          <p>{t("reading.countOnly")}</p>
        </div>
      ) : null}
      <dl className="facts">
        <Detail term={t("organisations.type")}>{t(`organisationType.${data.organisation.type}`)}</Detail>
        {data.organisation.region ? <Detail term={t("organisations.region")}>{data.organisation.region}</Detail> : null}
        <Detail term={t("reading.attribution")}>{data.attribution ? t(`reading.use.${data.attribution}`) : "—"}</Detail>
        <Detail term={t("reading.language")}>{data.language ? t(`reading.languageName.${data.language}`) : "—"}</Detail>
        <Detail term={t("receipt.submittedAt")}>{data.submittedAt}</Detail>
        <SubmittedBy name={data.submittedBy} byProxy={data.byProxy} />
        <Detail term={t("receipt.reference")}>{data.reference}</Detail>
      </dl>
      {data.amending ? (
        <p className="notice" role="status">
          {t(data.open ? "reading.amendingNotice" : "reading.amendingClosed", { date: data.submittedAt })}
        </p>
      ) : null}
      <nav aria-label={t("reading.browse")} className="actions">
        {data.previousHref ? (
          <Link to={data.previousHref} rel="prev" className="button button--quiet">
            {t("reading.previous")}
          </Link>
        ) : null}
        <Link to={data.listHref}>{t("reading.backToList")}</Link>
        {data.nextHref ? (
          <Link to={data.nextHref} rel="next" className="button button--quiet">
            {t("reading.next")}
          </Link>
        ) : null}
      </nav>
      <h2>{data.title}</h2>
      <AnswerSections sections={data.sections} />
      {data.proposals.length > 0 ? (
        <section aria-labelledby="proposals-title">
          <h2 id="proposals-title">{t("reading.proposals")}</h2>
          <ul>
            {data.proposals.map((proposal, index) => (
              <li key={proposal.id}>
                <Link to={`/proposals/${proposal.id}`}>{proposal.title ?? `${t(KIND_LABELS[proposal.kind])} ${index + 1}`}</Link>
                {proposal.withdrawn ? <> ({t("reading.proposalWithdrawn")})</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t("receipt.history")}</h2>
      <RevisionHistory history={data.history} />
      {data.citing ? <CiteForm {...data.citing} countOnly={data.attribution === "aggregate_only"} outcome={cited ?? null} /> : null}
    </div>
  );
}
