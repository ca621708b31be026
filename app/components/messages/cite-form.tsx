import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CitableQuestion } from "#app/features/messages/citable.ts";
import type { CitationRefusal } from "#app/features/messages/key-messages.ts";

interface CiteFormProps {
  meetingId: string;
  messages: { id: string; title: string; position: number }[];
  questions: CitableQuestion[];
  /** The organisation chose "count only": the answer may be cited to be counted, never quoted. */
  countOnly: boolean;
  outcome: { cited: boolean; refusal: CitationRefusal | null } | null;
}

/** Beside an answer, for the rapporteurs: cite it in a key message, with a passage copied word for word or to be counted. */
export function CiteForm({ meetingId, messages, questions, countOnly, outcome }: CiteFormProps) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="cite-title">
      <h2 id="cite-title">{t("keyMessages.cite.title")}</h2>
      {outcome?.cited ? (
        <p role="status" className="notice notice--success">
          {t("keyMessages.cite.done")} <Link to={`/meetings/${meetingId}/key-messages`}>{t("keyMessages.title")}</Link>
        </p>
      ) : null}
      {outcome?.refusal ? (
        <p role="alert" className="notice notice--error">
          {t(`keyMessages.cite.refused.${outcome.refusal}`)}
        </p>
      ) : null}
      {messages.length === 0 ? (
        <p>
          {t("keyMessages.cite.noMessages")} <Link to={`/meetings/${meetingId}/key-messages`}>{t("keyMessages.new")}</Link>
        </p>
      ) : (
        <Form method="post" className="stack">
          <p className="field__help">{t(countOnly ? "keyMessages.cite.countOnlyHelp" : "keyMessages.cite.help")}</p>
          <div className="field">
            <label htmlFor="cite-message">{t("keyMessages.cite.message")}</label>
            <select id="cite-message" name="messageId" required>
              {messages.map((message) => (
                <option key={message.id} value={message.id}>
                  {message.position}. {message.title}
                </option>
              ))}
            </select>
          </div>
          {countOnly || questions.length === 0 ? null : (
            <>
              <div className="field">
                <label htmlFor="cite-question">{t("keyMessages.cite.question")}</label>
                <select id="cite-question" name="question">
                  <option value="">{t("keyMessages.cite.noQuote")}</option>
                  {questions.map((question) => (
                    <option key={question.path} value={question.path}>
                      {question.entry === null ? question.title : `${question.title} (${t("keyMessages.cite.entry", { number: question.entry })})`}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="cite-quote">{t("keyMessages.cite.quote")}</label>
                <textarea id="cite-quote" name="quote" rows={4} maxLength={1500} aria-describedby="cite-quote-help" />
                <p id="cite-quote-help" className="field__help">
                  {t("keyMessages.cite.quoteHelp")}
                </p>
              </div>
            </>
          )}
          <button type="submit" className="button">
            {t(countOnly ? "keyMessages.cite.submitCounted" : "keyMessages.cite.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
