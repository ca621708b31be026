import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "#app/components/table.tsx";
import { InviteForm } from "#app/components/invite-form.tsx";
import { getDb } from "#app/db.server.ts";
import { isId } from "#app/features/ids.ts";
import { can } from "#app/features/auth/permissions.ts";
import { countryName, regionName } from "#app/features/organisations/countries.ts";
import { getOrganisation, listMembers, organisationName } from "#app/features/organisations/organisations.ts";
import { rolesFor } from "#app/features/organisations/types.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { requirePermission } from "#app/session.server.ts";
import { titled } from "#app/components/meta.ts";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { readFormData } from "#app/request.server.ts";
import { submitInvitation } from "#app/invitations.server.ts";
import { Detail } from "#app/components/details.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.organisation.name ? titled(data?.organisation.name) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const user = await requirePermission(request, "organisation.read", { organisationId: id });
  if (!isId(id)) throw new Response("Not found", { status: 404 });
  const db = getDb();
  const organisation = await getOrganisation(db, user, id);
  if (!organisation) throw new Response("Not found", { status: 404 });
  const language = detectLanguage(request);
  const members = await listMembers(db, user, id);
  return {
    language,
    organisation: {
      id: organisation.id,
      type: organisation.type,
      name: organisationName(organisation, language),
      acronym: organisation.acronym,
      country: organisation.country_code ? countryName(organisation.country_code, language) : null,
      region: organisation.region_m49 ? regionName(organisation.region_m49, language) : null,
      website: organisation.website,
      roles: rolesFor(organisation.type),
    },
    members,
    canInvite: can(user, "invitation.create"),
    // Members who may not list every participant are led back to the home page instead.
    listsOrganisations: can(user, "organisation.list"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  return submitInvitation(request, context, formData, `/organisations/${params.id ?? ""}?invited=1`);
}

export default function OrganisationPage() {
  const { organisation, members, canInvite, listsOrganisations, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div>
      {searchParams.get("welcome") ? (
        <p role="status" className="notice notice--success">
          {t("organisations.welcome", { organisation: organisation.name })}
        </p>
      ) : null}
      {searchParams.get("invited") ? (
        <p role="status" className="notice notice--success">
          {t("invitations.sent")}
        </p>
      ) : null}
      <p className="breadcrumb">
        {listsOrganisations ? <Link to="/organisations">{t("nav.organisations")}</Link> : <Link to="/">{t("nav.home")}</Link>}
      </p>
      <h1>
        {organisation.name}
        {organisation.acronym ? <span className="muted"> ({organisation.acronym})</span> : null}
      </h1>
      <dl className="facts">
        <Detail term={t("organisations.type")}>{t(`organisationType.${organisation.type}`)}</Detail>
        {organisation.country && organisation.type !== "state" ? (
          <Detail term={t("organisations.country")}>{organisation.country}</Detail>
        ) : null}
        {organisation.region ? (
          <Detail term={t("organisations.region")}>{organisation.region}</Detail>
        ) : null}
        {organisation.website ? (
          <Detail term={t("organisations.website")}>
            <a href={organisation.website} rel="noopener noreferrer nofollow" target="_blank">
              {organisation.website}
            </a>
          </Detail>
        ) : null}
      </dl>
      <h2>{t("organisations.people")}</h2>
      {members.length === 0 ? (
        <p>{t("organisations.noMembers")}</p>
      ) : (
        <Table
          rows={members}
          rowKey={(member) => member.userId}
          columns={[
            { header: t("people.name"), cell: (member) => member.name },
            { header: t("people.email"), cell: (member) => member.email },
            { header: t("people.role"), cell: (member) => t(`role.${member.role}`) },
          ]}
        />
      )}
      {canInvite && organisation.roles.length > 0 ? (
        <InviteForm
          action={`/organisations/${organisation.id}`}
          organisations={[{ id: organisation.id, name: organisation.name, roles: organisation.roles }]}
          lastResult={actionData?.result}
          defaultLanguage={language}
        />
      ) : null}
    </div>
  );
}
