import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationBreadcrumb } from "#app/components/consultation-breadcrumb.tsx";
import { titled } from "#app/components/meta.ts";
import { SummaryFilters, SummaryProblems } from "#app/components/summary/summary-filters.tsx";
import { SummarySections } from "#app/components/summary/summary-sections.tsx";
import { getDb } from "#app/db.server.ts";
import { readSummary, summaryTypes, summaryViewOf, summaryViewParams } from "#app/features/figures/summary.ts";
import { regionChoices } from "#app/features/organisations/countries.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.heading) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireConsultation(request, params.id, "response.readAll");
  const language = detectLanguage(request);
  const types = summaryTypes([consultation]);
  const { view, problems } = summaryViewOf(new URL(request.url).searchParams, { types, consultations: [] });
  const title = localized(consultation, "title", language);
  // A view the reader did not mean is not shown: the page says what to correct instead.
  const summary = problems.length ? null : await readSummary(getDb(), [consultation], view, language);
  return withStatus(
    {
      consultation: { id: consultation.id, title },
      heading: translator(language)("summary.consultationHeading", { title }),
      language,
      view,
      problems,
      filtered: Object.values(summaryViewParams(view)).some(Boolean) || problems.length > 0,
      choices: { regions: regionChoices(language), types, consultations: null },
      summary,
    },
    { status: problems.length ? 400 : 200 },
  );
}

export default function ConsultationSummaryPage() {
  const { consultation, heading, language, view, problems, filtered, choices, summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const path = `/consultations/${consultation.id}/summary`;
  return (
    <div>
      <ConsultationBreadcrumb id={consultation.id} title={consultation.title}>
        {t("summary.link")}
      </ConsultationBreadcrumb>
      <h1>{heading}</h1>
      <p>{t("summary.intro")}</p>
      <SummaryProblems problems={problems} />
      <SummaryFilters path={path} view={view} choices={choices} filtered={filtered} />
      {summary ? <SummarySections summary={summary} language={language} /> : null}
    </div>
  );
}
