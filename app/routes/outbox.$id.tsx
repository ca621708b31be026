import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { getEnv } from "#app/env.server.ts";
import { deliverMessage, formatNextAttempt, getOutboxMessage, MAX_ATTEMPTS, resendMessage, type DeliveryOutcome } from "#app/features/email/outbox.ts";
import { smtpTransport } from "#app/features/email/smtp.ts";
import { isId } from "#app/features/ids.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { Detail } from "#app/components/details.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.message.subject ? titled(data?.message.subject) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "outbox.read");
  if (!isId(params.id)) throw new Response("Not found", { status: 404 });
  const message = await getOutboxMessage(getDb(), params.id);
  if (!message) throw new Response("Not found", { status: 404 });
  const language = detectLanguage(request);
  return {
    smtp: !!getEnv().SMTP_HOST,
    maxAttempts: MAX_ATTEMPTS,
    message: {
      to: message.to_address,
      subject: message.subject,
      body: message.text_body,
      status: message.status,
      error: message.error,
      attempts: message.attempts,
      nextAttempt: formatNextAttempt(message, language),
      created: formatDateTime(message.created_at, language),
      sent: message.sent_at ? formatDateTime(message.sent_at, language) : null,
    },
  };
}

const RESEND_MESSAGES = {
  sent: "outbox.resent",
  retry: "outbox.resendFailed",
  failed: "outbox.resendRefused",
  "not-claimed": "outbox.resendBusy",
} as const satisfies Record<DeliveryOutcome, string>;

/** "Send again": a failed message is put back in line with fresh attempts and tried at once. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "outbox.resend");
  if (!isId(params.id)) throw new Response("Not found", { status: 404 });
  const formData = await readFormData(request);
  if (formData.get("intent") !== "resend") return data({ ok: false, message: "form.invalid" }, { status: 400 });
  const db = getDb();
  if (!(await getOutboxMessage(db, params.id))) throw new Response("Not found", { status: 404 });
  const transport = smtpTransport(getEnv());
  if (!transport) return data({ ok: false, message: "outbox.noSmtp" }, { status: 409 });
  if (!(await resendMessage(db, user, params.id, { ip: clientIp(context) }))) return data({ ok: false, message: "outbox.notResent" }, { status: 409 });
  const outcome = await deliverMessage(db, transport, params.id);
  return data({ ok: true, message: RESEND_MESSAGES[outcome] });
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
  const { message, smtp, maxAttempts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const sending = navigation.state !== "idle" && navigation.formData?.get("intent") === "resend";
  return (
    <div className="narrow">
      <p className="breadcrumb">
        <Link to="/outbox">{t("nav.outbox")}</Link>
      </p>
      <h1>{message.subject}</h1>
      {actionData ? (
        <p role="status" className={`notice ${actionData.ok && actionData.message === "outbox.resent" ? "notice--success" : "notice--error"}`}>
          {t(actionData.message)}
        </p>
      ) : null}
      <dl className="facts">
        <Detail term={t("outbox.to")}>{message.to}</Detail>
        <Detail term={t("outbox.created")}>{message.created}</Detail>
        <Detail term={t("outbox.status")}>
          {t(`outbox.statusName.${message.status}`)}
          {message.sent ? ` – ${message.sent}` : null}
        </Detail>
        {message.attempts > 0 && message.status !== "sent" ? (
          <Detail term={t("outbox.attempts")}>{message.status === "pending" ? t("outbox.attemptsOf", { done: message.attempts, max: maxAttempts }) : message.attempts}</Detail>
        ) : null}
        {message.error ? (
          <Detail term={t("outbox.lastError")}>{message.error}</Detail>
        ) : null}
        {message.nextAttempt ? (
          <Detail term={t("outbox.nextAttempt")}>{message.nextAttempt}</Detail>
        ) : null}
      </dl>
      {message.status === "failed" && smtp ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit" className="button" disabled={sending}>
            {t(sending ? "outbox.resending" : "outbox.resend")}
          </button>
        </Form>
      ) : null}
      <pre className="email-body">{linkify(message.body)}</pre>
    </div>
  );
}
