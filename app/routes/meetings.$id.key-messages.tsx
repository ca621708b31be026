import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, RequiredNote, SelectField, TextAreaField, TextField, useZodForm } from "#app/components/forms.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { MessageBlocks } from "#app/components/messages/message-blocks.tsx";
import { CitationList } from "#app/components/messages/citation-list.tsx";
import { getDb } from "#app/db.server.ts";
import { isId } from "#app/features/ids.ts";
import { keyMessageSchema, type KeyMessageForm } from "#app/features/messages/forms.ts";
import { forgetPublicOutcomes } from "#app/features/messages/public.ts";
import { deleteKeyMessage, listKeyMessages, moveKeyMessage, removeCitation, setKeyMessageStatus, updateKeyMessage, createKeyMessage, type TextProblem } from "#app/features/messages/key-messages.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { LANGUAGES, LANGUAGE_NAMES, localized } from "#app/i18n/languages.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { requireMeeting } from "#app/web/meeting.server.ts";
import { OutcomeNotice } from "#app/components/outcome-notice.tsx";

export const meta = pageTitle("keyMessages.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "keyMessage.write");
  const language = detectLanguage(request);
  const meeting = await requireMeeting(params.id);
  const messages = await listKeyMessages(getDb(), meeting.id, { language });
  return {
    meeting: { id: meeting.id, title: localized(meeting, "title", language) },
    language,
    messages: messages.map((message) => ({ ...message, agreedAt: message.agreedAt ? formatDateTime(message.agreedAt, language) : null })),
  };
}

/** What the buttons beside one message ask. */
const MESSAGE_INTENTS = ["agree", "reopen", "up", "down", "delete"] as const;
const isMessageIntent = (value: unknown): value is (typeof MESSAGE_INTENTS)[number] => MESSAGE_INTENTS.some((intent) => intent === value);

type Outcome = { done: string | null; error: string | null; form: string | null; reply: SubmissionResult<string[]> | null };

function answer(outcome: Partial<Outcome>, status = 200) {
  return data<Outcome>({ done: null, error: null, form: null, reply: null, ...outcome }, { status });
}

/** The feature's own refusal of a text, as the form's field errors (the schema checks the same first). */
function problemsAsErrors(problems: TextProblem[]): Record<string, string[]> {
  const keys = { empty: "form.required", "too-long": "form.invalid", "unsafe-characters": "form.invalidCharacters" } as const;
  return Object.fromEntries(problems.map(({ field, problem }) => [field, [keys[problem]]]));
}

export async function action(args: ActionFunctionArgs) {
  const meeting = await requireMeeting(args.params.id);
  const outcome = await changeMessages(args, meeting.id);
  // The public page of this process shows the change at once; other processes within PUBLIC_CACHE_MS.
  forgetPublicOutcomes(meeting.id);
  return outcome;
}

async function changeMessages({ request, context }: ActionFunctionArgs, meetingId: string) {
  const user = await requirePermission(request, "keyMessage.write");
  const form = await readFormData(request);
  const intent = form.get("intent");
  const messageId = form.get("messageId");
  const db = getDb();
  const ctx = { ip: clientIp(context) };
  if (intent === "create" || intent === "edit") {
    const formId = intent === "create" ? "new" : String(messageId);
    const submission = parseWithZod(form, { schema: keyMessageSchema });
    if (submission.status !== "success") return answer({ form: formId, reply: submission.reply() }, 400);
    const result =
      intent === "create"
        ? await createKeyMessage(db, user, meetingId, submission.value, ctx)
        : isId(messageId)
          ? await updateKeyMessage(db, user, { meetingId, id: messageId }, submission.value, ctx)
          : ({ ok: false, reason: "not-found" } as const);
    if (result.ok) return answer({ done: intent === "create" ? "keyMessages.done.created" : "keyMessages.done.edited", form: formId, reply: submission.reply({ resetForm: true }) });
    if (result.reason === "not-found") return answer({ error: "keyMessages.error.notFound" }, 404);
    return answer({ form: formId, reply: submission.reply({ fieldErrors: problemsAsErrors(result.problems) }) }, 400);
  }
  if (intent === "uncite") {
    const citationId = form.get("citationId");
    const removed = isId(citationId) && (await removeCitation(db, user, { meetingId, id: citationId }, ctx));
    return removed ? answer({ done: "keyMessages.done.uncited" }) : answer({ error: "keyMessages.error.notFound" }, 404);
  }
  if (!isId(messageId) || !isMessageIntent(intent)) return answer({ error: "keyMessages.error.invalid" }, 400);
  const message = { meetingId, id: messageId };
  switch (intent) {
    case "agree":
    case "reopen": {
      const changed = await setKeyMessageStatus(db, user, message, intent === "agree" ? "agreed" : "draft", ctx);
      return changed ? answer({ done: intent === "agree" ? "keyMessages.done.agreed" : "keyMessages.done.reopened" }) : answer({ error: "keyMessages.error.notFound" }, 404);
    }
    case "up":
    case "down":
      return (await moveKeyMessage(db, user, message, intent, ctx)) ? answer({ done: "keyMessages.done.moved" }) : answer({ error: "keyMessages.error.notFound" }, 404);
    case "delete": {
      const outcome = await deleteKeyMessage(db, user, message, ctx);
      if (outcome === "deleted") return answer({ done: "keyMessages.done.deleted" });
      return answer({ error: outcome === "agreed" ? "keyMessages.error.agreed" : "keyMessages.error.notFound" }, outcome === "agreed" ? 409 : 404);
    }
  }
}

function MessageForm({ id, defaultValue, lastResult, submitLabel }: { id: string; defaultValue: Partial<KeyMessageForm>; lastResult: SubmissionResult<string[]> | null; submitLabel: string }) {
  const { t } = useTranslation();
  const [form, fields] = useZodForm({ id: `key-message-${id}`, schema: keyMessageSchema, lastResult, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={id === "new" ? "create" : "edit"} />
      {id === "new" ? null : <input type="hidden" name="messageId" value={id} />}
      <RequiredNote />
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          [fields.title, t("keyMessages.field.title")],
          [fields.body, t("keyMessages.field.body")],
          [fields.language, t("keyMessages.field.language")],
        ]}
      />
      <TextField field={fields.title} label={t("keyMessages.field.title")} required />
      <p className="field__help" id={`${fields.body.id}-format`}>
        {t("keyMessages.field.bodyHelp")}
      </p>
      <TextAreaField field={fields.body} label={t("keyMessages.field.body")} rows={8} required />
      <SelectField field={fields.language} label={t("keyMessages.field.language")} options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))} required />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

function IntentButton({ intent, messageId, label, quiet = true }: { intent: string; messageId: string; label: string; quiet?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" className={quiet ? "button button--quiet" : "button"}>
        {label}
      </button>
    </Form>
  );
}

export default function KeyMessages() {
  const { meeting, messages, language } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  const replyFor = (id: string) => (outcome?.form === id ? outcome.reply : null);
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/">{meeting.title}</Link>
      </p>
      <h1>{t("keyMessages.title")}</h1>
      <p>{t("keyMessages.intro")}</p>
      <OutcomeNotice outcome={outcome} />
      {messages.length === 0 ? <p>{t("keyMessages.none")}</p> : null}
      <ol className="key-messages plain">
        {messages.map((message, index) => (
          <li key={message.id}>
            <article className="card stack" aria-labelledby={`message-${message.id}`} lang={message.language}>
              <h2 id={`message-${message.id}`}>
                {message.position}. {message.title}
              </h2>
              <p className="meta" lang={language}>
                {message.status === "agreed" ? t("keyMessages.agreedBy", { name: message.agreedBy ?? "", when: message.agreedAt ?? "" }) : t("keyMessages.draft")}
              </p>
              <MessageBlocks blocks={message.blocks} />
              <section aria-labelledby={`sources-${message.id}`} lang={language}>
                <h3 id={`sources-${message.id}`}>{t("keyMessages.sources", { count: message.citations.length })}</h3>
                <CitationList citations={message.citations} removable />
              </section>
              <div className="actions" lang={language}>
                {message.status === "agreed" ? <IntentButton intent="reopen" messageId={message.id} label={t("keyMessages.reopen")} /> : <IntentButton intent="agree" messageId={message.id} label={t("keyMessages.agree")} quiet={false} />}
                {index > 0 ? <IntentButton intent="up" messageId={message.id} label={t("keyMessages.moveUp")} /> : null}
                {index < messages.length - 1 ? <IntentButton intent="down" messageId={message.id} label={t("keyMessages.moveDown")} /> : null}
              </div>
              <details lang={language} open={outcome?.form === message.id && !outcome.done}>
                <summary>{t("keyMessages.edit")}</summary>
                <MessageForm id={message.id} defaultValue={{ title: message.title, body: message.body, language: message.language }} lastResult={replyFor(message.id)} submitLabel={t("keyMessages.save")} />
              </details>
              {message.status === "draft" ? (
                <details lang={language}>
                  <summary>{t("keyMessages.delete")}</summary>
                  <p>{t("keyMessages.deleteBody")}</p>
                  <IntentButton intent="delete" messageId={message.id} label={t("keyMessages.deleteConfirm")} quiet={false} />
                </details>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
      <section className="card" aria-labelledby="new-message">
        <h2 id="new-message">{t("keyMessages.new")}</h2>
        <MessageForm id="new" defaultValue={{ language }} lastResult={replyFor("new")} submitLabel={t("keyMessages.create")} />
      </section>
    </div>
  );
}
