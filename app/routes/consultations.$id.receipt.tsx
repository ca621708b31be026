import { data as withStatus, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { getOrganisation, organisationName } from "#app/features/organisations/organisations.ts";
import { changeAttribution, getResponse } from "#app/features/responses/responses.ts";
import { consultationStatus } from "#app/features/consultations/status.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp } from "#app/session.server.ts";
import { ATTRIBUTIONS } from "#db/schema.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { requireAnsweringContext } from "#app/responses.server.ts";
import { submittedAnswerView } from "#app/web/submitted-answer.server.ts";
import { Detail } from "#app/components/details.tsx";
import { AnswerSections, RevisionHistory, SubmittedBy } from "#app/components/answer-display.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(`${data.reference} – ${data.title}`) : [{ title: "Consulta" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation, organisationId, byProxy } = await requireAnsweringContext(request, params.id);
  const language = detectLanguage(request);
  const db = getDb();
  const response = await getResponse(db, user, consultation.id, organisationId);
  if (!response?.reference || !response.submitted_at) throw new Response("Not found", { status: 404 });
  const [view, organisation] = await Promise.all([submittedAnswerView(db, consultation, response, language), getOrganisation(db, user, organisationId)]);
  if (!organisation) throw new Response("Not found", { status: 404 });
  return {
    open: consultationStatus(consultation) === "open",
    ...view,
    title: localized(consultation, "title", language),
    consultationId: consultation.id,
    answerLink: `/consultations/${consultation.id}/answer${byProxy ? `?organisation=${organisationId}` : ""}`,
    reference: response.reference,
    submittedAt: formatDateTime(response.submitted_at, language),
    status: response.status,
    organisation: organisationName(organisation, language),
    attribution: response.attribution,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, consultation, organisationId, byProxy } = await requireAnsweringContext(request, params.id);
  const attribution = (await readFormData(request)).get("attribution");
  const level = ATTRIBUTIONS.find((candidate) => candidate === attribution);
  if (!level) return withStatus({ ok: false }, { status: 400 });
  const result = await changeAttribution(getDb(), { consultation, organisationId, user, attribution: level, byProxy, ip: clientIp(context) });
  return withStatus({ ok: result.ok }, { status: result.ok ? 200 : 409 });
}

export default function Receipt() {
  const data = useLoaderData<typeof loader>();
  const changed = useActionData<typeof action>();
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
        <Detail term={t("receipt.submittedAt")}>{data.submittedAt}</Detail>
        <Detail term={t("receipt.organisation")}>{data.organisation}</Detail>
        <Detail term={t("receipt.attribution")}>{data.attribution ? t(`attribution.${data.attribution}.label`) : "—"}</Detail>
        <SubmittedBy name={data.submittedBy} byProxy={data.byProxy} />
      </dl>
      {data.status === "amending" ? (
        <p className="notice" role="status">
          {t(data.open ? "receipt.amending" : "receipt.amendingClosed", { date: data.submittedAt })}
        </p>
      ) : null}
      {data.open ? (
        <Form method="post" className="filters no-print">
          <div className="field">
            <label htmlFor="attribution">{t("receipt.changeAttribution")}</label>
            <select id="attribution" name="attribution" defaultValue={data.attribution ?? ""}>
              {ATTRIBUTIONS.map((level) => (
                <option key={level} value={level}>
                  {t(`attribution.${level}.label`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--quiet">
            {t("receipt.saveAttribution")}
          </button>
          {changed ? (
            <p role="status" className={`notice ${changed.ok ? "notice--success" : "notice--error"}`}>
              {t(changed.ok ? "receipt.attributionSaved" : "receipt.attributionNotSaved")}
            </p>
          ) : null}
        </Form>
      ) : null}
      <p className="no-print">
        <Link to={data.answerLink}>{t("receipt.backToAnswer")}</Link>
      </p>
      <h2>{data.title}</h2>
      <AnswerSections sections={data.sections} />
      <h2>{t("receipt.history")}</h2>
      <RevisionHistory history={data.history} />
    </div>
  );
}
