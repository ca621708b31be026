import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FileForm, JSON_FILES } from "#app/components/file-form.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { OutcomeNotice } from "#app/components/outcome-notice.tsx";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { surveyChoices } from "#app/features/surveys/definitions.ts";
import { MAX_SURVEY_FILE_BYTES, listUploadedSurveys, uploadSurvey } from "#app/features/surveys/uploads.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime, formatNumber } from "#app/i18n/format.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { surveyFileRefusal } from "#app/web/survey-pages.server.ts";
import { postedFile, readUploadForm } from "#app/web/uploads.server.ts";

export const meta = pageTitle("surveys.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "survey.manage");
  const language = detectLanguage(request);
  return { language, uploaded: await listUploadedSurveys(getDb(), language), builtIn: surveyChoices(language) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "survey.manage");
  const read = await readUploadForm(request, MAX_SURVEY_FILE_BYTES + 64 * 1024);
  if (!read.ok) return data({ error: "surveys.file.tooLarge" }, { status: 413 });
  const file = postedFile(read.form, "file");
  if (!file) return data({ error: "surveys.file.none" }, { status: 400 });
  const result = await uploadSurvey(getDb(), { user, ip: clientIp(context) }, { name: file.name, text: await file.text() });
  if (!result.ok) return data({ error: surveyFileRefusal(result.reason) }, { status: 400 });
  return redirect(`/surveys/${result.slug}`);
}

export default function Surveys() {
  const { language, uploaded, builtIn } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("surveys.title")}</h1>
      <p>{t("surveys.intro")}</p>
      <section aria-labelledby="upload-heading" className="stack">
        <h2 id="upload-heading">{t("surveys.upload.heading")}</h2>
        <p id="upload-help">{t("surveys.upload.help")}</p>
        <OutcomeNotice outcome={outcome} />
        <FileForm id="survey-file" name="file" label={t("surveys.upload.file")} accept={JSON_FILES} submit={t("surveys.upload.submit")} describedBy="upload-help" />
      </section>
      <section aria-labelledby="uploaded-heading" className="stack">
        <h2 id="uploaded-heading">{t("surveys.uploaded.heading")}</h2>
        {uploaded.length === 0 ? (
          <p>{t("surveys.uploaded.none")}</p>
        ) : (
          <Table
            rowKey={(survey) => survey.slug}
            rows={uploaded}
            columns={[
              { header: t("surveys.uploaded.survey"), cell: (survey) => <Link to={`/surveys/${survey.slug}`}>{survey.title}</Link> },
              { header: t("surveys.uploaded.status"), cell: (survey) => t(`surveys.status.${survey.status}`) },
              { header: t("surveys.uploaded.untranslated"), numeric: true, cell: (survey) => formatNumber(survey.untranslated, language) },
              { header: t("surveys.uploaded.versions"), numeric: true, cell: (survey) => formatNumber(survey.versions, language) },
              { header: t("surveys.uploaded.file"), cell: (survey) => survey.fileName },
              { header: t("surveys.uploaded.changed"), cell: (survey) => formatDateTime(survey.updatedAt, language) },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="built-in-heading" className="stack">
        <h2 id="built-in-heading">{t("surveys.builtIn.heading")}</h2>
        <p>{t("surveys.builtIn.help")}</p>
        <ul>
          {builtIn.map((survey) => (
            <li key={survey.value}>
              {survey.label} (<code>{survey.value}</code>)
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
