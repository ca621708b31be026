import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationBreadcrumb } from "#app/components/consultation-breadcrumb.tsx";
import { ExportsPage } from "#app/components/exports/exports-page.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { audienceOf } from "#app/features/consultations/consultations.ts";
import { parseExportForm, requestExport, type ExportRequestField } from "#app/features/exports/export-jobs.ts";
import type { ExportFilter } from "#app/features/exports/filters.ts";
import { EXPORT_FORMAT_NAMES } from "#app/features/exports/formats.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { localized } from "#app/i18n/languages.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp } from "#app/session.server.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";
import { exportsPageData } from "#app/web/exports.server.ts";

export const meta = pageTitle("exports.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  const language = detectLanguage(request);
  const path = `/consultations/${consultation.id}/exports`;
  return {
    consultation: { id: consultation.id, title: localized(consultation, "title", language) },
    page: await exportsPageData(getDb(), user, request, { id: consultation.id, column: "consultation_id", path, formats: EXPORT_FORMAT_NAMES, types: audienceOf(consultation) }, language),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, consultation } = await requireConsultation(request, params.id, "response.readAll");
  const parsed = parseExportForm(Object.fromEntries(await readFormData(request)), audienceOf(consultation), EXPORT_FORMAT_NAMES);
  if (!parsed.ok) return data<{ problems: (ExportRequestField | ExportFilter)[] }>({ problems: parsed.problems }, { status: 400 });
  await requestExport(getDb(), user, consultation, parsed.request, { ip: clientIp(context) });
  return redirect(`/consultations/${consultation.id}/exports`);
}

export default function ConsultationExportsPage() {
  const { consultation, page } = useLoaderData<typeof loader>();
  const problems = useActionData<typeof action>()?.problems ?? [];
  const { t } = useTranslation();
  return (
    <ExportsPage
      breadcrumb={<ConsultationBreadcrumb id={consultation.id} title={consultation.title} />}
      heading={t("exports.heading", { title: consultation.title })}
      intro={t("exports.intro")}
      none={t("exports.none")}
      data={page}
      problems={problems}
    />
  );
}
