import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "#app/components/table.tsx";
import { InviteForm } from "#app/components/invite-form.tsx";
import { getDb } from "#app/db.server.ts";
import { revokeSchema } from "#app/features/auth/forms.ts";
import { listInvitations, revokeInvitation } from "#app/features/auth/invitations.ts";
import { listOrganisations, organisationName } from "#app/features/organisations/organisations.ts";
import { rolesFor } from "#app/features/organisations/types.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { submitInvitation } from "#app/invitations.server.ts";
import { readFormData } from "#app/request.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("invitations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "invitation.list");
  const language = detectLanguage(request);
  const db = getDb();
  const [invitations, organisations] = await Promise.all([listInvitations(db), listOrganisations(db, user, { language })]);
  return {
    language,
    invitations: invitations.map((invitation) => ({
      ...invitation,
      organisationName: organisationName(invitation.organisation, language),
      created: formatDateTime(invitation.createdAt, language),
      expires: formatDateTime(invitation.expiresAt, language),
    })),
    organisations: organisations.map((org) => ({ id: org.id, name: org.name, roles: rolesFor(org.type) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  if (formData.get("intent") !== "revoke") return submitInvitation(request, context, formData, "/invitations?invited=1");
  const user = await requirePermission(request, "invitation.revoke");
  const submission = parseWithZod(formData, { schema: revokeSchema });
  if (submission.status !== "success") return data({ kind: "revoke" as const, ok: false, result: submission.reply() }, { status: 400 });
  const ok = await revokeInvitation(getDb(), user, submission.value.invitationId, { ip: clientIp(context) });
  return data({ kind: "revoke" as const, ok, result: submission.reply() }, { status: ok ? 200 : 409 });
}

export default function Invitations() {
  const { invitations, organisations, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("invitations.title")}</h1>
      <p>{t("invitations.intro")}</p>
      {searchParams.get("invited") ? (
        <p role="status" className="notice notice--success">
          {t("invitations.sent")} <Link to="/outbox">{t("invitations.seeOutbox")}</Link>
        </p>
      ) : null}
      {actionData?.kind === "revoke" ? (
        <p role="status" className={`notice ${actionData.ok ? "notice--success" : "notice--error"}`}>
          {t(actionData.ok ? "invitations.revoked" : "invitations.notRevoked")}
        </p>
      ) : null}
      <InviteForm action="/invitations" organisations={organisations} lastResult={actionData?.kind === "create" ? actionData.result : undefined} defaultLanguage={language} />
      <h2>{t("invitations.listTitle")}</h2>
      {invitations.length === 0 ? (
        <p>{t("invitations.none")}</p>
      ) : (
        <Table
          rows={invitations}
          rowKey={(invitation) => invitation.id}
          columns={[
            {
              header: t("invitations.email"),
              cell: (invitation) => (
                <>
                  {invitation.email}
                  {invitation.name ? <div className="muted">{invitation.name}</div> : null}
                </>
              ),
            },
            {
              header: t("invitations.organisation"),
              cell: (invitation) => <Link to={`/organisations/${invitation.organisationId}`}>{invitation.organisationName}</Link>,
            },
            { header: t("invitations.role"), cell: (invitation) => t(`role.${invitation.role}`) },
            {
              header: t("invitations.status"),
              cell: (invitation) => <span className={`badge badge--${invitation.status}`}>{t(`invitations.statusName.${invitation.status}`)}</span>,
            },
            { header: t("invitations.expires"), cell: (invitation) => invitation.expires },
            {
              header: <span className="visually-hidden">{t("invitations.actions")}</span>,
              cell: (invitation) =>
                invitation.status === "pending" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className="button button--quiet button--small">
                      {t("invitations.revoke")}
                      <span className="visually-hidden"> {invitation.email}</span>
                    </button>
                  </Form>
                ) : null,
            },
          ]}
        />
      )}
    </div>
  );
}
