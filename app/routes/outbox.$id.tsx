import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#app/db.server.ts";
import { isId } from "#app/features/ids.ts";
import { getOutboxMessage } from "#app/features/email/outbox.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { requirePermission } from "#app/session.server.ts";
import { titled } from "#app/components/meta.ts";
import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.message.subject ? titled(data?.message.subject) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.read");
  if (!isId(params.id)) throw new Response("Not found", { status: 404 });
  const message = await getOutboxMessage(getDb(), params.id);
  if (!message) throw new Response("Not found", { status: 404 });
  const language = detectLanguage(request);
  return {
    message: {
      to: message.to_address,
      subject: message.subject,
      body: message.text_body,
      status: message.status,
      error: message.error,
      created: formatDateTime(message.created_at, language),
    },
  };
}

/** Splits a plain-text e-mail so that its links can be followed from the page. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default function OutboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <p className="breadcrumb">
        <Link to="/outbox">{t("nav.outbox")}</Link>
      </p>
      <h1>{message.subject}</h1>
      <dl className="facts">
        <div>
          <dt>{t("outbox.to")}</dt>
          <dd>{message.to}</dd>
        </div>
        <div>
          <dt>{t("outbox.created")}</dt>
          <dd>{message.created}</dd>
        </div>
        <div>
          <dt>{t("outbox.status")}</dt>
          <dd>
            {t(`outbox.statusName.${message.status}`)}
            {message.error ? ` – ${message.error}` : null}
          </dd>
        </div>
      </dl>
      <pre className="email-body">{linkify(message.body)}</pre>
    </div>
  );
}
