import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { can } from "#app/features/auth/permissions.ts";
import { regionName } from "#app/features/organisations/countries.ts";
import { listOrganisations } from "#app/features/organisations/organisations.ts";
import { ORGANISATION_TYPES } from "#app/features/organisations/types.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { requirePermission } from "#app/session.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("organisations.title");

const TYPE_FILTERS = ["", "state", "partner", ...ORGANISATION_TYPES.filter((type) => type !== "state")] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "organisation.list");
  const language = detectLanguage(request);
  const url = new URL(request.url);
  const type = url.searchParams.get("type") ?? "";
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const organisations = await listOrganisations(getDb(), user, {
    type: (TYPE_FILTERS as readonly string[]).includes(type) ? type : "",
    q,
    language,
  });
  return {
    q,
    type,
    canCreate: can(user, "organisation.create"),
    organisations: organisations.map((org) => ({ ...org, members: formatNumber(org.members, language), region: org.regionM49 ? regionName(org.regionM49, language) : "" })),
  };
}

export default function Organisations() {
  const { organisations, q, type, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <div className="page-head">
        <h1>{t("organisations.title")}</h1>
        {canCreate ? (
          <Link to="/organisations/new" className="button">
            {t("organisations.new")}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("organisations.filter")}>
        <div className="field">
          <label htmlFor="q">{t("organisations.search")}</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="type">{t("organisations.type")}</label>
          <select id="type" name="type" defaultValue={type}>
            {TYPE_FILTERS.map((value) => (
              <option key={value} value={value}>
                {value === "" ? t("organisations.allTypes") : value === "partner" ? t("organisations.allPartners") : t(`organisationType.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--quiet">
          {t("organisations.apply")}
        </button>
      </Form>
      <p role="status">{t("organisations.count", { count: organisations.length })}</p>
      <Table
        rows={organisations}
        rowKey={(org) => org.id}
        columns={[
          {
            header: t("organisations.name"),
            cell: (org) => (
              <>
                <Link to={`/organisations/${org.id}`}>{org.name}</Link>
                {org.acronym ? <span className="muted"> ({org.acronym})</span> : null}
              </>
            ),
          },
          { header: t("organisations.type"), cell: (org) => t(`organisationType.${org.type}`) },
          { header: t("organisations.region"), cell: (org) => org.region },
          { header: t("organisations.members"), cell: (org) => org.members, numeric: true },
        ]}
      />
    </div>
  );
}
