import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExportsPage } from "#app/components/exports/exports-page.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { meetingConsultations } from "#app/features/consultations/consultations.ts";
import { parseExportForm, requestExport, type ExportRequestField } from "#app/features/exports/export-jobs.ts";
import type { ExportFilter } from "#app/features/exports/filters.ts";
import { MEETING_EXPORT_FORMATS } from "#app/features/exports/formats.ts";
import { summaryTypes } from "#app/features/figures/summary.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { localized } from "#app/i18n/languages.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { exportsPageData } from "#app/web/exports.server.ts";
import { requireMeeting } from "#app/web/meeting.server.ts";

export const meta = pageTitle("exports.meetingTitle");

/** The meeting, its consultations and the person, with the same access as the meeting's summary. */
async function meetingExports(request: Request, id: string | undefined) {
  const user = await requirePermission(request, "response.readAll");
  const meeting = await requireMeeting(id);
  return { user, meeting, consultations: await meetingConsultations(getDb(), user, meeting.id) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meeting, consultations } = await meetingExports(request, params.id);
  const language = detectLanguage(request);
  const path = `/meetings/${meeting.id}/exports`;
  return {
    meeting: { id: meeting.id, title: localized(meeting, "title", language) },
    page: await exportsPageData(getDb(), user, request, { id: meeting.id, column: "meeting_id", path, formats: MEETING_EXPORT_FORMATS, types: summaryTypes(consultations) }, language),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, meeting, consultations } = await meetingExports(request, params.id);
  const parsed = parseExportForm(Object.fromEntries(await readFormData(request)), summaryTypes(consultations), MEETING_EXPORT_FORMATS);
  if (!parsed.ok) return data<{ problems: (ExportRequestField | ExportFilter)[] }>({ problems: parsed.problems }, { status: 400 });
  await requestExport(getDb(), user, { meeting }, parsed.request, { ip: clientIp(context) });
  return redirect(`/meetings/${meeting.id}/exports`);
}

export default function MeetingExportsPage() {
  const { meeting, page } = useLoaderData<typeof loader>();
  const problems = useActionData<typeof action>()?.problems ?? [];
  const { t } = useTranslation();
  return (
    <ExportsPage
      breadcrumb={
        <p className="breadcrumb">
          <Link to="/">{t("home.title")}</Link> › <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link> › {t("exports.meetingTitle")}
        </p>
      }
      heading={t("exports.heading", { title: meeting.title })}
      intro={t("exports.meetingIntro")}
      none={t("exports.noneMeeting")}
      data={page}
      problems={problems}
    />
  );
}
