import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const KNOWN_STATUSES = [400, 403, 404, 405, 413, 503] as const;

/** The HTTP status of an error a route threw: a Response's own, 500 for anything else. */
export function statusOf(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

/** The catalogue family (`error.<status>`) of the message for a status: its own, or 500's. */
export function messageFor(status: number): string {
  return `error.${(KNOWN_STATUSES as readonly number[]).includes(status) ? status : 500}`;
}

/** The page shown for an error status, in the reader's language. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const message = messageFor(status);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{t(`${message}.title`)}</h1>
      <p>{t(`${message}.body`)}</p>
      <p>
        <Link to="/" className="button">
          {t("error.backHome")}
        </Link>
      </p>
    </section>
  );
}

/** One error page for every route: a message per status in the reader's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = statusOf(error);
  if (messageFor(status) === "error.500" && typeof document === "undefined") console.error(error);
  return <ErrorPage status={status} />;
}
