import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MeetingForm } from "#app/components/meeting-form.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { submitMeetingForm } from "#app/meeting-form.server.ts";
import { requirePermission } from "#app/session.server.ts";

export const meta = pageTitle("meetings.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "meeting.manage");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submitMeetingForm(request, context);
}

export default function NewMeeting() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("meetings.newTitle")}</h1>
      <MeetingForm lastResult={lastResult} submitLabel={t("meetings.create")} />
    </div>
  );
}
