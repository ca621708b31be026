import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { surveyTitle } from "#app/features/surveys/definitions.ts";
import { getUploadedSurvey } from "#app/features/surveys/uploads.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { languageName } from "#app/i18n/format.ts";
import { LANGUAGES, isLanguage } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";

const SurveyForm = lazy(() => import("#app/components/answering/survey-form.client.tsx"));

export const meta = ({ data }: { data?: { title?: string; heading?: string } }) => titled(data?.heading ?? "");

/** An uploaded survey as a respondent would see it, in the language asked for (`?in=fr`); nothing is kept. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "survey.manage");
  const language = detectLanguage(request);
  const asked = new URL(request.url).searchParams.get("in");
  const surveyLanguage = isLanguage(asked) ? asked : language;
  const slug = params.slug ?? "";
  const survey = await getUploadedSurvey(getDb(), slug);
  if (!survey) throw new Response("Not found", { status: 404 });
  const title = surveyTitle(survey.definition, slug, language);
  const names = Object.fromEntries(LANGUAGES.map((code) => [code, languageName(code, language)])) as Record<(typeof LANGUAGES)[number], string>;
  return { slug, title, definition: survey.definition, surveyLanguage, names, heading: `${title} – ${names[surveyLanguage]}` };
}

const NO_ANSWERS = {};
const NO_PATCH = { answers: NO_ANSWERS, key: 0 };

export default function SurveyPreview() {
  const { slug, title, definition, surveyLanguage, names } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  const [completed, setCompleted] = useState(0);
  useEffect(() => setHydrated(true), []);
  const ignore = useCallback(() => undefined, []);
  const complete = useCallback(() => setCompleted((count) => count + 1), []);
  return (
    <div className="stack">
      <p>
        <Link to={`/surveys/${slug}`}>{title}</Link>
      </p>
      <h1>{t("surveys.preview.title", { language: names[surveyLanguage] })}</h1>
      <p>{t("surveys.preview.nothingKept")}</p>
      <nav aria-label={t("surveys.preview.languages")}>
        <ul className="plain">
          {LANGUAGES.filter((code) => code !== surveyLanguage).map((code) => (
            <li key={code}>
              <Link to={`/surveys/${slug}/preview?in=${code}`}>{t("surveys.preview.in", { language: names[code] })}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {completed > 0 ? (
        <p role="status" className="notice notice--success">
          {t("surveys.preview.completed")}
        </p>
      ) : null}
      <div lang={surveyLanguage}>
        {hydrated ? (
          <Suspense fallback={<p>{t("answer.loading")}</p>}>
            <SurveyForm
              key={`${surveyLanguage}-${completed}`}
              definition={definition}
              answers={NO_ANSWERS}
              page={0}
              language={surveyLanguage}
              variables={NO_ANSWERS}
              readOnly={false}
              answersKey={completed}
              patch={NO_PATCH}
              onChange={ignore}
              onComplete={complete}
            />
          </Suspense>
        ) : (
          <p>{t("answer.loading")}</p>
        )}
      </div>
    </div>
  );
}
