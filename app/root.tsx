import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { GeneralErrorBoundary, messageFor, statusOf } from "./components/error-boundary.tsx";
import { AppShell } from "./components/layout.tsx";
import { menuFor } from "./components/menu.ts";
import { useDocumentLanguage } from "./components/document-language.tsx";
import { fullTitle } from "./components/meta.ts";
import { useNonce } from "./components/nonce.tsx";
import { primaryRole } from "./features/auth/current-user.ts";
import { i18nFor } from "./i18n/i18n.ts";
import { detectLanguage } from "./i18n/detect.ts";
import { isLanguage, type Language } from "./i18n/languages.ts";
import { getRenewedRequestUser } from "./session.server.ts";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const language = detectLanguage(request);
  const { user, setCookie } = await getRenewedRequestUser(request);
  const url = new URL(request.url);
  return data(
    {
      language,
      path: `${url.pathname}${url.search}`,
      user: user ? { name: user.name, email: user.email, role: primaryRole(user) } : null,
      menu: menuFor(user),
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

/** An error page says when to try again when the error did (a database fault's 503). */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/** The root runs on every navigation: it renews the session and keeps the menu current. */
export const shouldRevalidate = () => true;

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData(): RootLoaderData | undefined {
  return useRouteLoaderData<typeof loader>("root") as RootLoaderData | undefined;
}

/** The reader's language: the root loader's, or the document's when that loader did not run. */
export function useLanguage(): Language {
  const error = useRouteError();
  const documentLanguage = useDocumentLanguage();
  return useRootData()?.language ?? languageOfError(error) ?? documentLanguage;
}

/**
 * An error answered at the root runs no root loader (an action's failure, for one): the error
 * itself may say the reader's language (a database fault's 503 does).
 */
function languageOfError(error: unknown): Language | undefined {
  if (!isRouteErrorResponse(error)) return undefined;
  const language: unknown = (error.data as { language?: unknown } | null)?.language;
  return isLanguage(language) ? language : undefined;
}

export function Layout({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const nonce = useNonce();
  const i18n = i18nFor(language);
  // An error page has no meta of its own (meta functions cannot know the language without the
  // root's data), so its title is set here.
  const error = useRouteError();
  return (
    <html lang={language} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        {error ? <title>{fullTitle(i18n.t(`${messageFor(statusOf(error))}.title`))}</title> : null}
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <AppShell>{children}</AppShell>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
