import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationForm } from "#app/components/consultation-form.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { consultationFormOptions, submitConsultationForm } from "#app/consultation-form.server.ts";
import { getDb } from "#app/db.server.ts";
import { audienceOf, consultationProgress, getConsultation } from "#app/features/consultations/consultations.ts";
import { isId } from "#app/features/ids.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { isoToGenevaLocal } from "#app/i18n/time-zone.ts";
import { requirePermission } from "#app/session.server.ts";

export const meta = pageTitle("consultations.form.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "consultation.manage");
  const db = getDb();
  const consultation = isId(params.id) ? await getConsultation(db, user, params.id) : undefined;
  if (!consultation) throw new Response("Not found", { status: 404 });
  const progress = await consultationProgress(db, consultation);
  return {
    ...(await consultationFormOptions(detectLanguage(request))),
    surveyLocked: progress.draft + progress.submitted > 0,
    values: {
      meetingId: consultation.meeting_id,
      slug: consultation.slug,
      phase: consultation.phase,
      kind: consultation.kind,
      audience: audienceOf(consultation),
      surveySlug: consultation.survey_slug,
      title_en: consultation.title_en,
      title_fr: consultation.title_fr,
      title_es: consultation.title_es,
      description_en: consultation.description_en,
      description_fr: consultation.description_fr,
      description_es: consultation.description_es,
      opensAt: isoToGenevaLocal(consultation.opens_at),
      closesAt: isoToGenevaLocal(consultation.closes_at),
      publish: consultation.published_at !== null,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!isId(params.id)) throw new Response("Not found", { status: 404 });
  return submitConsultationForm(request, context, params.id);
}

export default function EditConsultation() {
  const { meetings, surveys, surveyLocked, values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("consultations.form.editTitle")}</h1>
      <ConsultationForm lastResult={lastResult} meetings={meetings} surveys={surveys} surveyLocked={surveyLocked} defaultValue={values} submitLabel={t("consultations.form.save")} />
    </div>
  );
}
