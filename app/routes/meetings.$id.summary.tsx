import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "#app/components/meta.ts";
import { SummaryFilters, SummaryProblems } from "#app/components/summary/summary-filters.tsx";
import { SummarySections } from "#app/components/summary/summary-sections.tsx";
import { getDb } from "#app/db.server.ts";
import { meetingConsultations } from "#app/features/consultations/consultations.ts";
import { readSummary, summaryTypes, summaryViewOf, summaryViewParams } from "#app/features/figures/summary.ts";
import { isId } from "#app/features/ids.ts";
import { getMeeting } from "#app/features/meetings/meetings.ts";
import { regionChoices } from "#app/features/organisations/countries.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.heading) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "response.readAll");
  const db = getDb();
  const meeting = isId(params.id) ? await getMeeting(db, params.id) : undefined;
  if (!meeting) throw new Response("Not found", { status: 404 });
  const language = detectLanguage(request);
  const consultations = await meetingConsultations(db, user, meeting.id);
  const types = summaryTypes(consultations);
  const { view, problems } = summaryViewOf(new URL(request.url).searchParams, { types, consultations: consultations.map((consultation) => consultation.id) });
  const title = localized(meeting, "title", language);
  const selected = view.consultation ? consultations.filter((consultation) => consultation.id === view.consultation) : consultations;
  // A view the reader did not mean is not shown: the page says what to correct instead.
  const summary = problems.length ? null : await readSummary(db, selected, view, language);
  return withStatus(
    {
      meeting: { id: meeting.id, title },
      heading: translator(language)("summary.meetingHeading", { title }),
      language,
      view,
      problems,
      filtered: Object.values(summaryViewParams(view)).some(Boolean) || problems.length > 0,
      choices: { regions: regionChoices(language), types, consultations: consultations.map((consultation) => ({ id: consultation.id, title: localized(consultation, "title", language) })) },
      summary,
    },
    { status: problems.length ? 400 : 200 },
  );
}

export default function MeetingSummaryPage() {
  const { meeting, heading, language, view, problems, filtered, choices, summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const path = `/meetings/${meeting.id}/summary`;
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/">{t("home.title")}</Link> › <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link> › {t("summary.link")}
      </p>
      <h1>{heading}</h1>
      <p>{t("summary.intro")}</p>
      <SummaryProblems problems={problems} />
      <SummaryFilters path={path} view={view} choices={choices} filtered={filtered} />
      {summary ? <SummarySections summary={summary} language={language} /> : null}
    </div>
  );
}
