import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { sessionCookie } from "#app/features/auth/cookie.ts";
import { findSignInLink, signInWithLink, type SignInLinkStatus } from "#app/features/auth/sign-in-links.ts";
import { languageCookie } from "#app/i18n/detect.ts";
import { isLanguage } from "#app/i18n/languages.ts";
import { clientIp, cookieOptions } from "#app/session.server.ts";

export const meta = pageTitle("signInLink.title");

const STATUS: Record<SignInLinkStatus, number> = { unknown: 404, used: 410, expired: 410 };

/** Opening the link only shows a button: mail scanners that fetch links must not use it up. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findSignInLink(getDb(), params.token ?? "");
  if (found.status !== "pending") return data({ status: found.status, email: null }, { status: STATUS[found.status] });
  return { status: found.status, email: found.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await signInWithLink(getDb(), { token: params.token ?? "", ip: clientIp(context), userAgent: request.headers.get("User-Agent") });
  if (!result.ok) return data({ error: `signInLink.status.${result.reason}` }, { status: STATUS[result.reason] });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token, new Date(result.session.expires_at), cookieOptions(request)));
  if (isLanguage(result.preferredLanguage)) headers.append("Set-Cookie", languageCookie(result.preferredLanguage, cookieOptions(request).secure));
  return redirect("/", { headers });
}

export default function SignInLink() {
  const { status, email } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation();
  const error = refused?.error ?? (status === "pending" ? null : `signInLink.status.${status}`);
  return (
    <div className="narrow">
      <h1>{t("signInLink.title")}</h1>
      {error ? (
        <>
          <p role="alert" className="notice notice--error">
            {t(error)}
          </p>
          <p>
            <Link to="/sign-in">{t("nav.signIn")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <p>{t("signInLink.intro", { email })}</p>
          <button type="submit" className="button">
            {t("signInLink.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
