import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "#app/components/meta.ts";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { answeringOrganisation, listConsultations } from "#app/features/consultations/consultations.ts";
import { closingTime } from "#app/features/consultations/status.ts";
import { responseStatuses } from "#app/features/responses/responses.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";
import { can } from "#app/features/auth/permissions.ts";

export const meta = pageTitle("consultations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "consultation.list");
  const language = detectLanguage(request);
  const db = getDb();
  const items = await listConsultations(db, user);
  const own = await responseStatuses(
    db,
    user,
    items.map(({ consultation }) => ({ consultationId: consultation.id, organisationId: answeringOrganisation(user, consultation) })),
  );
  return {
    manage: can(user, "consultation.manage"),
    consultations: items.map(({ consultation, status }) => ({
      id: consultation.id,
      title: localized(consultation, "title", language),
      phase: consultation.phase,
      status,
      opens: formatDateTime(consultation.opens_at, language),
      closes: formatDateTime(closingTime(consultation), language),
      response: own.get(consultation.id) ?? null,
    })),
  };
}

export default function Consultations() {
  const { consultations, manage } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <div className="page-head">
        <h1>{t("consultations.title")}</h1>
        {manage ? (
          <Link to="/consultations/new" className="button">
            {t("consultations.form.newTitle")}
          </Link>
        ) : null}
      </div>
      {consultations.length === 0 ? (
        <p>{t("consultations.none")}</p>
      ) : (
        <Table
          rows={consultations}
          rowKey={(row) => row.id}
          columns={[
            { header: t("consultations.consultation"), cell: (row) => <Link to={`/consultations/${row.id}`}>{row.title}</Link> },
            { header: t("consultations.phase"), cell: (row) => t(`consultations.phaseName.${row.phase}`) },
            { header: t("consultations.status"), cell: (row) => <span className={`badge badge--${row.status}`}>{t(`consultations.statusName.${row.status}`)}</span> },
            { header: t("consultations.window"), cell: (row) => `${row.opens} – ${row.closes}` },
            { header: t("consultations.yourAnswer"), cell: (row) => (row.response ? t(`consultations.responseStatus.${row.response}`) : "—") },
          ]}
        />
      )}
    </div>
  );
}
