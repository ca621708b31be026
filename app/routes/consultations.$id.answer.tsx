import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { Suspense, lazy, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConflictCard } from "#app/components/answering/conflict-card.tsx";
import { focusWhenShown } from "#app/components/focus-when-shown.ts";
import { LocalTime } from "#app/components/answering/local-time.tsx";
import { NewsNotice } from "#app/components/answering/news-notice.tsx";
import { useAnswerSync, type ResponseStatus, type StoredState, type SyncState } from "#app/components/answering/use-answer-sync.ts";
import { useSurveyDefinition } from "#app/components/answering/use-survey-definition.ts";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { closingTime, consultationStatus } from "#app/features/consultations/status.ts";
import { getMeeting } from "#app/features/meetings/meetings.ts";
import { getOrganisation, organisationName } from "#app/features/organisations/organisations.ts";
import { changesSinceOwnLast } from "#app/features/responses/news.ts";
import { getResponse } from "#app/features/responses/responses.ts";
import { newsViews } from "#app/features/responses/views.ts";
import { fillPlaceholders, placeholderValues } from "#app/features/surveys/placeholders.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireAnsweringContext } from "#app/responses.server.ts";
import { ATTRIBUTIONS } from "#db/schema.ts";
import { answersForPage } from "#app/features/responses/item-ids.ts";

const SurveyForm = lazy(() => import("#app/components/answering/survey-form.client.tsx"));

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.consultation.title) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation, organisationId, byProxy } = await requireAnsweringContext(request, params.id);
  const language = detectLanguage(request);
  const db = getDb();
  const response = await getResponse(db, user, consultation.id, organisationId);
  const version = await getSurveyVersion(db, response?.survey_version_id ?? consultation.survey_version_id);
  if (!version) throw new Response("Not found", { status: 404 });
  const organisation = await getOrganisation(db, user, organisationId);
  if (!organisation) throw new Response("Not found", { status: 404 });
  const meeting = await getMeeting(db, consultation.meeting_id);
  const closes = closingTime(consultation);
  const query = byProxy ? `?organisation=${organisationId}` : "";
  const othersChanges = response ? await changesSinceOwnLast(db, response, { userId: user.id, clientId: null }) : [];
  return {
    language,
    byProxy,
    consultation: {
      id: consultation.id,
      title: localized(consultation, "title", language),
      status: consultationStatus(consultation),
      closesAt: closes,
      closesGeneva: formatDateTime(closes, language),
    },
    organisationName: organisationName(organisation, language),
    /** The last submission, which counts (also while an amendment is drafted). */
    submission: response?.submitted_at && response.reference ? { at: formatDateTime(response.submitted_at, language), reference: response.reference } : null,
    /** What others changed since this person's last save. */
    news: newsViews(version, othersChanges, user, language),
    placeholders: meeting ? placeholderValues(meeting, consultation, language) : {},
    definitionUrl: `/survey-versions/${version.id}`,
    endpoint: `/consultations/${consultation.id}/answers${query}`,
    receipt: `/consultations/${consultation.id}/receipt${query}`,
    storageKey: `consulta:answers:${consultation.id}:${organisationId}:${user.id}`,
    server: {
      answers: response ? answersForPage(version, response) : {},
      page: response?.current_page ?? 0,
      status: response?.status ?? "draft",
      revision: response?.revision ?? 0,
      updatedAt: response?.updated_at ?? "",
      updatedBy: null,
    } satisfies StoredState,
  };
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export default function AnswerPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const sync = useAnswerSync({ endpoint: data.endpoint, storageKey: data.storageKey, server: data.server, news: data.news });
  const [completing, setCompleting] = useState<Record<string, unknown> | null>(null);
  const [attribution, setAttribution] = useState<string>("");
  const survey = useSurveyDefinition(data.definitionUrl, hydrated);
  const open = data.consultation.status === "open" && sync.sync !== "closed";
  const readOnly = !open || sync.status === "submitted" || !!sync.conflict;

  return (
    <div className="answer">
      <p className="breadcrumb">
        <Link to={`/consultations/${data.consultation.id}`}>{data.consultation.title}</Link>
      </p>
      <h1>{data.consultation.title}</h1>
      <p>
        {t(data.byProxy ? "answer.forProxy" : "answer.for", { organisation: data.organisationName })}{" "}
        {t("answer.closes")} {data.consultation.closesGeneva} ({t("answer.genevaTime")})
        {hydrated ? (
          <>
            {" · "}
            {t("answer.yourTime")} <LocalTime iso={data.consultation.closesAt} language={data.language} />
          </>
        ) : null}
      </p>
      {!open ? (
        <p role="status" className="notice notice--error">
          {t("answer.closed")}
        </p>
      ) : null}
      <SubmissionNotice status={sync.status} open={open} submission={data.submission} receipt={data.receipt} onReopen={() => void sync.reopen()} />
      <SyncBanner state={sync.sync} savedAt={hydrated ? sync.savedAt : null} language={data.language} />
      {sync.news && !sync.conflict ? <NewsNotice news={sync.news.items} review={sync.news.review} onDismiss={sync.dismissNews} /> : null}
      {sync.problems?.length ? (
        <div className="error-summary" role="alert">
          <h2>{t("answer.problems")}</h2>
          <ul>
            {sync.problems.map((problem) => (
              <li key={`${problem.name}-${problem.message}`}>
                {problem.title ? <strong>{fillPlaceholders(problem.title, data.placeholders)}: </strong> : null}
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {sync.conflict ? <ConflictCard key={sync.conflict.current.revision} conflict={sync.conflict} onResolve={(choices) => void sync.resolve(choices)} /> : null}
      {completing ? (
        <section className="card" aria-labelledby="attribution-title">
          <h2 id="attribution-title" tabIndex={-1} ref={focusWhenShown}>
            {t("answer.attributionTitle")}
          </h2>
          <p>{t("answer.attributionIntro")}</p>
          <fieldset className="choices">
            <legend className="visually-hidden">{t("answer.attributionTitle")}</legend>
            {ATTRIBUTIONS.map((level) => (
              <div key={level} className="choice">
                <input
                  type="radio"
                  id={`attribution-${level}`}
                  name="attribution"
                  value={level}
                  checked={attribution === level}
                  onChange={() => setAttribution(level)}
                  aria-describedby={`attribution-${level}-help`}
                />
                <label htmlFor={`attribution-${level}`}>
                  <strong>{t(`attribution.${level}.label`)}</strong>
                  <span id={`attribution-${level}-help`} className="choice__help">
                    {t(`attribution.${level}.help`)}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <p className="actions">
            <button
              type="button"
              className="button"
              disabled={!attribution}
              onClick={async () => {
                if (await sync.submit(completing, attribution)) navigate(data.receipt);
                else setCompleting(null);
              }}
            >
              {t(sync.status === "amending" ? "answer.submitAmendment" : "answer.submit")}
            </button>{" "}
            <button type="button" className="button button--quiet" onClick={() => setCompleting(null)}>
              {t("answer.backToAnswers")}
            </button>
          </p>
        </section>
      ) : null}
      <div className="survey-host" hidden={!!completing}>
        {survey.failed ? (
          <div className="notice notice--error" role="alert">
            <p>{t("answer.loadFailed")}</p>
            <p>
              <button type="button" className="button button--small" onClick={survey.retry}>
                {t("answer.tryAgain")}
              </button>
            </p>
          </div>
        ) : survey.definition ? (
          <Suspense fallback={<p>{t("answer.loading")}</p>}>
            <SurveyForm
              definition={survey.definition}
              answers={sync.loaded.answers}
              page={sync.loaded.page}
              answersKey={sync.loaded.key}
              patch={sync.patch}
              language={data.language}
              variables={data.placeholders}
              readOnly={readOnly}
              onChange={sync.change}
              onComplete={setCompleting}
            />
          </Suspense>
        ) : (
          <p>{t("answer.loading")}</p>
        )}
      </div>
    </div>
  );
}

/**
 * Where the answer stands: submitted (with its date and reference), or submitted with an
 * amendment in progress (the submitted answer still counts), or, once closed, the amendment left
 * unsubmitted (the submitted answer stands).
 */
function SubmissionNotice({
  status,
  open,
  submission,
  receipt,
  onReopen,
}: {
  status: ResponseStatus;
  open: boolean;
  submission: { at: string; reference: string } | null;
  receipt: string;
  onReopen: () => void;
}) {
  const { t } = useTranslation();
  if (status === "draft") return null;
  const amending = status === "amending";
  const text = submission
    ? t(amending ? (open ? "answer.amending" : "answer.amendingClosed") : open ? "answer.submittedOn" : "answer.submittedOnClosed", { date: submission.at, reference: submission.reference })
    : t("answer.submitted");
  return (
    <div className={amending ? "notice" : "notice notice--success"} role="status">
      <p>{text}</p>
      <p>
        <Link to={receipt}>{t("answer.seeReceipt")}</Link>{" "}
        {open && !amending ? (
          <button type="button" className="button button--quiet button--small" onClick={onReopen}>
            {t("answer.reopen")}
          </button>
        ) : null}
      </p>
    </div>
  );
}

/** What the banner says in each state; once saved, it says when. */
const SYNC_MESSAGES: Partial<Record<SyncState, string>> = {
  local: "answer.sync.local",
  unavailable: "answer.sync.unavailable",
  saving: "answer.sync.saving",
  pending: "answer.sync.saving",
  conflict: "answer.sync.conflict",
};

/** States that need the person's attention, announced at once. */
const URGENT: SyncState[] = ["local", "unavailable", "conflict"];

function SyncBanner({ state, savedAt, language }: { state: SyncState; savedAt: string | null; language: string }) {
  const { t } = useTranslation();
  const time = savedAt ? new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(savedAt)) : null;
  const message = SYNC_MESSAGES[state];
  const text = message ? t(message) : time ? t("answer.sync.saved", { time }) : t("answer.sync.notYet");
  return (
    <p role="status" aria-live={URGENT.includes(state) ? "assertive" : "off"} className={`sync-banner sync-banner--${state}`}>
      {text}
    </p>
  );
}
