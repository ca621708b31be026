import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MeetingForm } from "#app/components/meeting-form.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { isId } from "#app/features/ids.ts";
import { submitMeetingForm } from "#app/meeting-form.server.ts";
import { requirePermission } from "#app/session.server.ts";
import { requireMeeting } from "#app/web/meeting.server.ts";

export const meta = pageTitle("meetings.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "meeting.manage");
  const meeting = await requireMeeting(params.id);
  const { id, created_at, updated_at, ...values } = meeting;
  return { values };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!isId(params.id)) throw new Response("Not found", { status: 404 });
  return submitMeetingForm(request, context, params.id);
}

export default function EditMeeting() {
  const { values } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("meetings.editTitle")}</h1>
      <MeetingForm lastResult={lastResult} defaultValue={values} submitLabel={t("consultations.form.save")} />
    </div>
  );
}
