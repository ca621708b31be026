import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { listPeople } from "#app/features/auth/people.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { requirePermission } from "#app/session.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("people.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "people.list");
  const language = detectLanguage(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const people = await listPeople(getDb(), { q });
  return {
    q,
    people: people.map((person) => ({
      ...person,
      lastSignIn: person.lastSignInAt ? formatDateTime(person.lastSignInAt, language) : null,
      memberships: person.memberships.map((m) => ({ id: m.organisationId, role: m.role, name: organisationName(m.organisation, language) })),
    })),
  };
}

export default function People() {
  const { people, q } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <div className="page-head">
        <h1>{t("people.title")}</h1>
        <Link to="/invitations" className="button">
          {t("people.invite")}
        </Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("people.title")}>
        <div className="field">
          <label htmlFor="q">{t("people.search")}</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <button type="submit" className="button button--quiet">
          {t("organisations.apply")}
        </button>
      </Form>
      <p role="status">{t("people.count", { count: people.length })}</p>
      <Table
        rows={people}
        rowKey={(person) => person.id}
        columns={[
          { header: t("people.name"), cell: (person) => person.name },
          { header: t("people.email"), cell: (person) => person.email },
          {
            header: t("people.organisations"),
            cell: (person) => (
              <ul className="plain">
                {person.memberships.map((m) => (
                  <li key={m.id}>
                    <Link to={`/organisations/${m.id}`}>{m.name}</Link> – {t(`role.${m.role}`)}
                  </li>
                ))}
              </ul>
            ),
          },
          { header: t("people.lastSignIn"), cell: (person) => person.lastSignIn ?? t("people.never") },
        ]}
      />
    </div>
  );
}
