import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { Suspense, lazy, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "#app/components/answering/local-time.tsx";
import { answerText, questionTitles } from "#app/components/answering/titles.ts";
import { useAnswerSync, type StoredState } from "#app/components/answering/use-answer-sync.ts";
import { useSurveyDefinition } from "#app/components/answering/use-survey-definition.ts";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { closingTime, consultationStatus } from "#app/features/consultations/status.ts";
import { getMeeting } from "#app/features/meetings/meetings.ts";
import { getOrganisation, organisationName } from "#app/features/organisations/organisations.ts";
import { getResponse } from "#app/features/responses/responses.ts";
import { fillPlaceholders, placeholderValues } from "#app/features/surveys/placeholders.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireAnsweringContext } from "#app/responses.server.ts";
import { ATTRIBUTIONS } from "#db/schema.ts";

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
    placeholders: meeting ? placeholderValues(meeting, consultation, language) : {},
    definitionUrl: `/survey-versions/${version.id}`,
    endpoint: `/consultations/${consultation.id}/answers${query}`,
    receipt: `/consultations/${consultation.id}/receipt${query}`,
    storageKey: `consulta:answers:${consultation.id}:${organisationId}:${user.id}`,
    server: {
      answers: response ? (JSON.parse(response.data) as Record<string, unknown>) : {},
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
  const sync = useAnswerSync({ endpoint: data.endpoint, storageKey: data.storageKey, server: data.server });
  const [completing, setCompleting] = useState<Record<string, unknown> | null>(null);
  const [attribution, setAttribution] = useState<string>("");
  const survey = useSurveyDefinition(data.definitionUrl, hydrated);
  const titles = useMemo(
    () => (survey.definition ? questionTitles(survey.definition, data.language, data.placeholders) : new Map<string, string>()),
    [survey.definition, data.language, data.placeholders],
  );
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
      {sync.status === "submitted" && open ? (
        <div className="notice notice--success" role="status">
          <p>{t("answer.submitted")}</p>
          <p>
            <Link to={data.receipt}>{t("answer.seeReceipt")}</Link>{" "}
            <button type="button" className="button button--quiet button--small" onClick={() => void sync.reopen()}>
              {t("answer.reopen")}
            </button>
          </p>
        </div>
      ) : null}
      <SyncBanner state={sync.sync} savedAt={hydrated ? sync.savedAt : null} language={data.language} />
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
      {sync.conflict ? (
        <section className="card conflict" aria-labelledby="conflict-title">
          <h2 id="conflict-title">{t("answer.conflictTitle")}</h2>
          <p>{t("answer.conflictBody", { name: sync.conflict.theirs.updatedBy ?? t("answer.someoneElse") })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("answer.question")}</th>
                  <th scope="col">{t("answer.yours")}</th>
                  <th scope="col">{t("answer.saved")}</th>
                </tr>
              </thead>
              <tbody>
                {[...new Set([...Object.keys(sync.conflict.mine), ...Object.keys(sync.conflict.theirs.answers)])]
                  .filter((key) => answerText(sync.conflict?.mine[key]) !== answerText(sync.conflict?.theirs.answers[key]))
                  .map((key) => (
                    <tr key={key}>
                      <td>{titles.get(key) ?? key}</td>
                      <td>{answerText(sync.conflict?.mine[key])}</td>
                      <td>{answerText(sync.conflict?.theirs.answers[key])}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <p className="actions">
            <button type="button" className="button" onClick={() => void sync.resolve("mine")}>
              {t("answer.keepMine")}
            </button>{" "}
            <button type="button" className="button button--quiet" onClick={() => void sync.resolve("theirs")}>
              {t("answer.takeTheirs")}
            </button>
          </p>
        </section>
      ) : null}
      {completing ? (
        <section className="card" aria-labelledby="attribution-title">
          <h2 id="attribution-title" tabIndex={-1} ref={(heading) => heading?.focus()}>
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
              {t("answer.submit")}
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

function SyncBanner({ state, savedAt, language }: { state: string; savedAt: string | null; language: string }) {
  const { t } = useTranslation();
  const time = savedAt ? new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(savedAt)) : null;
  const text =
    state === "local"
      ? t("answer.sync.local")
      : state === "saving" || state === "pending"
        ? t("answer.sync.saving")
        : state === "conflict"
          ? t("answer.sync.conflict")
          : time
            ? t("answer.sync.saved", { time })
            : t("answer.sync.notYet");
  return (
    <p role="status" aria-live={state === "local" || state === "conflict" ? "assertive" : "off"} className={`sync-banner sync-banner--${state}`}>
      {text}
    </p>
  );
}
