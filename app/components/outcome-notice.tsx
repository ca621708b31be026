import { useTranslation } from "react-i18next";

/** What an action answered: its success as a status, its refusal as an alert (catalogue keys). */
export function OutcomeNotice({ outcome }: { outcome: { done?: string | null; error?: string | null } | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {outcome?.done ? (
        <p role="status" className="notice notice--success">
          {t(outcome.done)}
        </p>
      ) : null}
      {outcome?.error ? (
        <p role="alert" className="notice notice--error">
          {t(outcome.error)}
        </p>
      ) : null}
    </>
  );
}
