import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { viewHref } from "#app/components/list-controls.tsx";
import { titled } from "#app/components/meta.ts";
import { SummaryPage } from "#app/components/summary/summary-page.tsx";
import { getDb } from "#app/db.server.ts";
import { meetingConsultations } from "#app/features/consultations/consultations.ts";
import { summaryForAddress } from "#app/features/figures/summary.ts";
import { regionChoices } from "#app/features/organisations/countries.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";
import { requireMeeting } from "#app/web/meeting.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.heading) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "response.readAll");
  const db = getDb();
  const meeting = await requireMeeting(params.id);
  const language = detectLanguage(request);
  const consultations = await meetingConsultations(db, user, meeting.id);
  const { status, types, ...page } = await summaryForAddress(db, new URL(request.url).searchParams, consultations, language, true);
  const title = localized(meeting, "title", language);
  const choices = { regions: regionChoices(language), types, consultations: consultations.map((consultation) => ({ id: consultation.id, title: localized(consultation, "title", language) })) };
  return withStatus({ ...page, meeting: { id: meeting.id, title }, heading: translator(language)("summary.meetingHeading", { title }), language, choices }, { status });
}

export default function MeetingSummaryPage() {
  const { meeting, ...page } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <SummaryPage
      {...page}
      path={`/meetings/${meeting.id}/summary`}
      related={
        <>
          <Link to={`/meetings/${meeting.id}/matches`}>{t("matching.title")}</Link>
          {" · "}
          <Link to={`/meetings/${meeting.id}/before-after`}>{t("beforeAfter.link")}</Link>
          {" · "}
          <Link to={viewHref(`/meetings/${meeting.id}/exports`, { region: page.view.region, type: page.view.stakeholderType, attribution: page.view.attribution })}>{t("exports.meetingLink")}</Link>
        </>
      }
      breadcrumb={
        <p className="breadcrumb">
          <Link to="/">{t("home.title")}</Link> › <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link> › {t("summary.link")}
        </p>
      }
    />
  );
}
