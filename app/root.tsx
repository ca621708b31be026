import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { GeneralErrorBoundary, messageFor, statusOf } from "./components/error-boundary.tsx";
import { AppShell } from "./components/layout.tsx";
import { menuFor } from "./components/menu.ts";
import { titled } from "./components/meta.ts";
import { useNonce } from "./components/nonce.tsx";
import { primaryRole } from "./features/auth/current-user.ts";
import { i18nFor, translator } from "./i18n/i18n.ts";
import { detectLanguage } from "./i18n/detect.ts";
import { DEFAULT_LANGUAGE, type Language } from "./i18n/languages.ts";
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

/**
 * The title of the error page when a route throws (its own meta is not used then); every page
 * has a meta of its own, so the plain name is only a fallback.
 */
export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  error ? titled(translator(data?.language ?? DEFAULT_LANGUAGE)(`${messageFor(statusOf(error))}.title`)) : [{ title: "Consulta" }];

/** The root runs on every navigation: it renews the session and keeps the menu current. */
export const shouldRevalidate = () => true;

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData(): RootLoaderData | undefined {
  return useRouteLoaderData<typeof loader>("root") as RootLoaderData | undefined;
}

export function useLanguage(): Language {
  return useRootData()?.language ?? DEFAULT_LANGUAGE;
}

export function Layout({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const nonce = useNonce();
  const i18n = i18nFor(language);
  return (
    <html lang={language} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
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
