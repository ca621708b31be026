import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationBreadcrumb } from "#app/components/consultation-breadcrumb.tsx";
import { titled } from "#app/components/meta.ts";
import { SummaryPage } from "#app/components/summary/summary-page.tsx";
import { getDb } from "#app/db.server.ts";
import { summaryForAddress } from "#app/features/figures/summary.ts";
import { regionChoices } from "#app/features/organisations/countries.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireConsultation } from "#app/web/consultation.server.ts";
import { viewHref } from "#app/components/list-controls.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.heading) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireConsultation(request, params.id, "response.readAll");
  const language = detectLanguage(request);
  const { status, types, ...page } = await summaryForAddress(getDb(), new URL(request.url).searchParams, [consultation], language, false);
  const title = localized(consultation, "title", language);
  return withStatus(
    { ...page, consultation: { id: consultation.id, title }, heading: translator(language)("summary.consultationHeading", { title }), language, choices: { regions: regionChoices(language), types, consultations: null } },
    { status },
  );
}

export default function ConsultationSummaryPage() {
  const { consultation, ...page } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <SummaryPage
      {...page}
      path={`/consultations/${consultation.id}/summary`}
      related={<Link to={viewHref(`/consultations/${consultation.id}/exports`, { region: page.view.region, type: page.view.stakeholderType, attribution: page.view.attribution })}>{t("exports.link")}</Link>}
      breadcrumb={
        <ConsultationBreadcrumb id={consultation.id} title={consultation.title}>
          {t("summary.link")}
        </ConsultationBreadcrumb>
      }
    />
  );
}
