import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationForm } from "#app/components/consultation-form.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { consultationFormOptions, submitConsultationForm } from "#app/consultation-form.server.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { requirePermission } from "#app/session.server.ts";

export const meta = pageTitle("consultations.form.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "consultation.manage");
  return consultationFormOptions(detectLanguage(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submitConsultationForm(request, context);
}

export default function NewConsultation() {
  const { meetings, surveys } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("consultations.form.newTitle")}</h1>
      <ConsultationForm
        lastResult={lastResult}
        meetings={meetings}
        surveys={surveys}
        surveyLocked={false}
        defaultValue={{ meetingId: meetings[0]?.value, publish: false }}
        submitLabel={t("consultations.form.create")}
      />
    </div>
  );
}
