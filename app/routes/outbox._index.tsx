import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { getEnv } from "#app/env.server.ts";
import { formatNextAttempt, listOutbox, MAX_ATTEMPTS } from "#app/features/email/outbox.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { requirePermission } from "#app/session.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.read");
  const language = detectLanguage(request);
  const messages = await listOutbox(getDb());
  return {
    smtp: !!getEnv().SMTP_HOST,
    maxAttempts: MAX_ATTEMPTS,
    messages: messages.map((message) => ({
      id: message.id,
      to: message.to_address,
      subject: message.subject,
      status: message.status,
      attempts: message.attempts,
      nextAttempt: formatNextAttempt(message, language),
      created: formatDateTime(message.created_at, language),
    })),
  };
}

export default function Outbox() {
  const { messages, smtp, maxAttempts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("outbox.title")}</h1>
      <p>{t(smtp ? "outbox.introSmtp" : "outbox.introOffline")}</p>
      {smtp ? <p className="muted">{t("outbox.retryNote")}</p> : null}
      {messages.length === 0 ? (
        <p>{t("outbox.none")}</p>
      ) : (
        <Table
          rows={messages}
          rowKey={(message) => message.id}
          columns={[
            { header: t("outbox.created"), cell: (message) => message.created },
            { header: t("outbox.to"), cell: (message) => message.to },
            { header: t("outbox.subject"), cell: (message) => <Link to={`/outbox/${message.id}`}>{message.subject}</Link> },
            {
              header: t("outbox.status"),
              cell: (message) => (
                <>
                  <span className={`badge badge--${message.status}`}>{t(`outbox.statusName.${message.status}`)}</span>
                  {message.nextAttempt ? <div className="muted">{t("outbox.retrying", { done: message.attempts, max: maxAttempts, at: message.nextAttempt })}</div> : null}
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
