import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { getOrganisation, organisationName } from "#app/features/organisations/organisations.ts";
import { getResponse, listRevisions } from "#app/features/responses/responses.ts";
import { answersForDisplay, type DisplayItem } from "#app/features/surveys/display.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireAnsweringContext } from "#app/responses.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(`${data.reference} – ${data.title}`) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation, organisationId, byProxy } = await requireAnsweringContext(request, params.id);
  const language = detectLanguage(request);
  const db = getDb();
  const response = await getResponse(db, user, consultation.id, organisationId);
  if (!response?.reference || !response.submitted_at) throw new Response("Not found", { status: 404 });
  const [version, organisation, revisions] = await Promise.all([
    getSurveyVersion(db, response.survey_version_id),
    getOrganisation(db, user, organisationId),
    listRevisions(db, response.id),
  ]);
  if (!version || !organisation) throw new Response("Not found", { status: 404 });
  const lastSubmit = revisions.find((revision) => revision.action === "submit");
  return {
    title: localized(consultation, "title", language),
    consultationId: consultation.id,
    answerLink: `/consultations/${consultation.id}/answer${byProxy ? `?organisation=${organisationId}` : ""}`,
    reference: response.reference,
    submittedAt: formatDateTime(response.submitted_at, language),
    status: response.status,
    organisation: organisationName(organisation, language),
    attribution: response.attribution,
    byProxy: lastSubmit?.byProxy ?? false,
    submittedBy: lastSubmit?.userName ?? null,
    sections: answersForDisplay(version.definition, JSON.parse(response.data) as Record<string, unknown>, language),
  };
}

function Items({ items }: { items: DisplayItem[] }) {
  return (
    <dl className="answers">
      {items.map((item, index) => (
        <div key={`${item.title}-${index}`}>
          <dt>{item.title}</dt>
          <dd>
            {item.entries ? (
              <ol>
                {item.entries.map((entry, entryIndex) => (
                  <li key={entryIndex}>
                    <Items items={entry} />
                  </li>
                ))}
              </ol>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function Receipt() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="receipt">
      <p className="breadcrumb no-print">
        <Link to={`/consultations/${data.consultationId}`}>{data.title}</Link>
      </p>
      <h1>{t("receipt.title")}</h1>
      <dl className="facts">
        <div>
          <dt>{t("receipt.reference")}</dt>
          <dd className="reference">{data.reference}</dd>
        </div>
        <div>
          <dt>{t("receipt.submittedAt")}</dt>
          <dd>{data.submittedAt}</dd>
        </div>
        <div>
          <dt>{t("receipt.organisation")}</dt>
          <dd>{data.organisation}</dd>
        </div>
        <div>
          <dt>{t("receipt.attribution")}</dt>
          <dd>{data.attribution ? t(`attribution.${data.attribution}.label`) : "—"}</dd>
        </div>
        {data.submittedBy ? (
          <div>
            <dt>{t("receipt.submittedBy")}</dt>
            <dd>
              {data.submittedBy}
              {data.byProxy ? ` (${t("receipt.byProxy")})` : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {data.status === "draft" ? <p className="notice">{t("receipt.reopened")}</p> : null}
      <p className="no-print">
        <Link to={data.answerLink}>{t("receipt.backToAnswer")}</Link>
      </p>
      <h2>{data.title}</h2>
      {data.sections.map((section) => (
        <section key={section.title}>
          <h3>{section.title}</h3>
          <Items items={section.items} />
        </section>
      ))}
    </div>
  );
}
