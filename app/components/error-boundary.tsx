import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const KNOWN_STATUSES = [400, 403, 404, 405, 413, 503] as const;

/** One error page for every route: a message per status in the reader's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = (KNOWN_STATUSES as readonly number[]).includes(status) ? status : 500;
  if (known === 500 && typeof document === "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{t(`error.${known}.title`)}</h1>
      <p>{t(`error.${known}.body`)}</p>
      <p>
        <Link to="/" className="button">
          {t("error.backHome")}
        </Link>
      </p>
    </section>
  );
}
