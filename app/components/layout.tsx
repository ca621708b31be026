import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "#app/root.tsx";
import { LanguageSwitcher } from "./language-switcher.tsx";

/**
 * On sign-out, copies of answers already saved to the server leave this device; copies never
 * saved stay, so that nothing typed is lost, and are offered again to the same person.
 */
function forgetSavedAnswers() {
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (!key.startsWith("consulta:answers:")) continue;
      const copy = JSON.parse(window.localStorage.getItem(key) ?? "{}") as { synced?: boolean };
      if (copy.synced) window.localStorage.removeItem(key);
    }
  } catch {
    // Storage unavailable: nothing was kept there.
  }
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const root = useRootData();
  const location = useLocation();
  const user = root?.user ?? null;
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);
  // After a client-side move to another page, bring keyboard and screen-reader users to its content.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    main.current?.focus();
  }, [location.pathname]);
  const menu = root?.menu ?? [{ to: "/", label: "nav.home" }];
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link to="/" className="brand" aria-label={t("layout.homeLink")}>
            <span className="brand__mark" aria-hidden="true">
              C
            </span>
            <span className="brand__name">Consulta</span>
          </Link>
          <div className="site-header__tools">
            <LanguageSwitcher />
            {user ? (
              <Form method="post" action="/sign-out" className="user-box" onSubmit={forgetSavedAnswers}>
                <span className="user-box__name" title={user.email}>
                  {user.name}
                  {user.role ? <span className="user-box__role">{t(`role.${user.role}`)}</span> : null}
                </span>
                <button type="submit" className="button button--quiet">
                  {t("nav.signOut")}
                </button>
              </Form>
            ) : location.pathname === "/sign-in" ? null : (
              <Link className="button button--quiet" to={`/sign-in?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>
                {t("nav.signIn")}
              </Link>
            )}
          </div>
        </div>
        <nav aria-label={t("layout.mainNavigation")} className="main-nav">
          <ul>
            {menu.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("layout.footer")}</p>
      </footer>
    </>
  );
}
