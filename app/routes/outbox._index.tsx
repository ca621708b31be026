import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#app/db.server.ts";
import { getEnv } from "#app/env.server.ts";
import { listOutbox } from "#app/features/email/outbox.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { requirePermission } from "#app/session.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.read");
  const language = detectLanguage(request);
  const messages = await listOutbox(getDb());
  return {
    smtp: !!getEnv().SMTP_HOST,
    messages: messages.map((message) => ({
      id: message.id,
      to: message.to_address,
      subject: message.subject,
      status: message.status,
      created: formatDateTime(message.created_at, language),
    })),
  };
}

export default function Outbox() {
  const { messages, smtp } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("outbox.title")}</h1>
      <p>{t(smtp ? "outbox.introSmtp" : "outbox.introOffline")}</p>
      {messages.length === 0 ? (
        <p>{t("outbox.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td>{message.created}</td>
                  <td>{message.to}</td>
                  <td>
                    <Link to={`/outbox/${message.id}`}>{message.subject}</Link>
                  </td>
                  <td>
                    <span className={`badge badge--${message.status}`}>{t(`outbox.statusName.${message.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
