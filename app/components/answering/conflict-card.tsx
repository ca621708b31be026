import { useState } from "react";
import { useTranslation } from "react-i18next";
import { focusWhenShown } from "#app/components/focus-when-shown.ts";
import { NewsList } from "./news-notice.tsx";
import type { Choice, Conflict, DisputedQuestion } from "./use-answer-sync.ts";

/**
 * Answers someone else saved meanwhile that could not be merged by themselves: each question
 * changed on both sides, with both answers in words, to be chosen one by one. Their changes to
 * other questions are merged already, and said so.
 */
export function ConflictCard({ conflict, onResolve }: { conflict: Conflict; onResolve: (choices: Record<string, Choice> | "discard") => void }) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [incomplete, setIncomplete] = useState(false);
  const name = conflict.current.updatedBy ?? t("answer.someoneElse");
  const submitted = conflict.current.status === "submitted";
  const apply = () => {
    if (conflict.conflicts.some((question) => !choices[question.name])) return setIncomplete(true);
    onResolve(choices);
  };
  return (
    <section className="card conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" tabIndex={-1} ref={focusWhenShown}>
        {t(submitted ? "answer.conflict.submittedTitle" : "answer.conflict.title", { name })}
      </h2>
      <p>{t(submitted ? "answer.conflict.submittedBody" : "answer.conflict.body")}</p>
      {conflict.news.length ? <NewsList news={conflict.news} /> : null}
      {conflict.conflicts.map((question, index) => (
        <fieldset key={question.name} className="choices conflict__question">
          <legend>
            <strong>{question.title}</strong>
          </legend>
          {(["mine", "theirs"] as const).map((side) => (
            <div key={side} className="choice">
              <input
                type="radio"
                id={`conflict-${index}-${side}`}
                name={`conflict-${index}`}
                value={side}
                checked={choices[question.name] === side}
                onChange={() => {
                  setChoices((previous) => ({ ...previous, [question.name]: side }));
                  setIncomplete(false);
                }}
              />
              <label htmlFor={`conflict-${index}-${side}`}>
                <strong>{side === "mine" ? t("answer.conflict.keepMine") : t("answer.conflict.takeTheirs", { name })}</strong>
                <Answers question={question} side={side} />
              </label>
            </div>
          ))}
        </fieldset>
      ))}
      {incomplete ? (
        <p role="alert" className="notice notice--error">
          {t("answer.conflict.chooseEach")}
        </p>
      ) : null}
      <p className="actions">
        <button type="button" className="button" onClick={apply}>
          {t(submitted ? "answer.conflict.reopen" : "answer.conflict.save")}
        </button>{" "}
        <button type="button" className="button button--quiet" onClick={() => onResolve("discard")}>
          {t("answer.conflict.discard")}
        </button>
      </p>
    </section>
  );
}

function Answers({ question, side }: { question: DisputedQuestion; side: Choice }) {
  const { t } = useTranslation();
  const empty = t(question.entries ? "answer.conflict.removed" : "answer.conflict.noAnswer");
  return (
    <>
      {question.shown.map((shown, index) => (
        <span key={index} className="choice__help">
          {shown[side] ?? empty}
        </span>
      ))}
    </>
  );
}
