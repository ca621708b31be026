import { data as withStatus, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BeforeAfterChart, chartWords, type BeforeAfterDatum } from "#app/components/charts/index.ts";
import { formatValue } from "#app/components/charts/numbers.ts";
import { RegionSelect } from "#app/components/list-controls.tsx";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { beforeAfter, type BeforeAfterSummary } from "#app/features/figures/before-after.ts";
import { m49Areas, regionChoices } from "#app/features/organisations/countries.ts";
import { GCM_OBJECTIVES } from "#app/features/taxonomy/taxonomy.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";
import { requireMeeting } from "#app/web/meeting.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => titled(loaded?.heading ?? "");

const EMPTY: BeforeAfterSummary = { states: 0, statesChanged: 0, prioritiesBefore: null, prioritiesAfter: null, ratedBoth: 0, capacityBefore: null, capacityAfter: null, objectives: [] };

/** Rapporteurs' page: what changed between the States' capacity-needs and follow-up answers of a meeting, filtered by region in the URL. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "response.readAll");
  const meeting = await requireMeeting(params.id);
  const language = detectLanguage(request);
  const t = translator(language);
  const region = new URL(request.url).searchParams.get("region") || undefined;
  // An area the reader did not mean shows no figure: the page says what to correct instead.
  const unknownRegion = region !== undefined && !m49Areas().includes(region);
  const summary = unknownRegion ? EMPTY : await beforeAfter(getDb(), meeting.id, { region });
  const objectiveName = new Map(GCM_OBJECTIVES.map((term) => [term.value, term.text[language]]));
  const title = localized(meeting, "title", language);
  return withStatus(
    {
      meeting: { id: meeting.id, title },
      heading: t("beforeAfter.heading", { title }),
      language,
      region: region ?? "",
      unknownRegion,
      regions: regionChoices(language),
      summary: { ...summary, objectives: summary.objectives.map((row) => ({ ...row, label: objectiveName.get(row.objective) ?? row.objective })) },
    },
    { status: unknownRegion ? 400 : 200 },
  );
}

/** One figure per GCM objective, before and after, as a chart with its table under its own heading. */
function ObjectivesSection({ id, title, description, data }: { id: string; title: string; description: string; data: BeforeAfterDatum[] }) {
  const { t } = useTranslation();
  const { language } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <BeforeAfterChart
        id={`${id}-chart`}
        language={language}
        title={title}
        description={description}
        words={chartWords(t)}
        unit="count"
        data={data}
        beforeLabel={t("beforeAfter.before")}
        afterLabel={t("beforeAfter.after")}
        categoryHeader={t("beforeAfter.objective")}
      />
    </section>
  );
}

export default function BeforeAfterPage() {
  const { meeting, heading, language, region, unknownRegion, regions, summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const number = (value: number | null) => (value === null ? t("beforeAfter.none") : formatValue(value, language, "count"));
  const rated = summary.objectives.filter((row) => row.ratedBoth > 0);
  return (
    <div>
      <p className="breadcrumb">
        <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
      </p>
      <h1>{heading}</h1>
      <p>{t("beforeAfter.intro")}</p>
      {unknownRegion ? (
        <div className="notice notice--error" role="alert">
          <p>{t("beforeAfter.unknownRegion")}</p>
        </div>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("beforeAfter.filter")}>
        <RegionSelect regions={regions} value={region} />
        <button type="submit" className="button">
          {t("beforeAfter.show")}
        </button>
      </Form>
      <section aria-labelledby="overall">
        <h2 id="overall">{t("beforeAfter.overall")}</h2>
        <p>{summary.states === 0 ? t("beforeAfter.noStates") : t("beforeAfter.states", { count: summary.states, changed: summary.statesChanged })}</p>
        {summary.states > 0 ? (
          <table>
            <caption>{t("beforeAfter.overallCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("beforeAfter.figure")}</th>
                <th scope="col">{t("beforeAfter.before")}</th>
                <th scope="col">{t("beforeAfter.after")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("beforeAfter.prioritiesPerState")}</th>
                <td>{number(summary.prioritiesBefore)}</td>
                <td>{number(summary.prioritiesAfter)}</td>
              </tr>
              <tr>
                <th scope="row">{t("beforeAfter.meanCapacity", { count: summary.ratedBoth })}</th>
                <td>{number(summary.capacityBefore)}</td>
                <td>{number(summary.capacityAfter)}</td>
              </tr>
            </tbody>
          </table>
        ) : null}
      </section>
      <ObjectivesSection id="priorities" title={t("beforeAfter.prioritiesTitle")} description={t("beforeAfter.prioritiesDefinition")} data={summary.objectives.map((row) => ({ key: row.objective, label: row.label, before: row.statesBefore, after: row.statesAfter }))} />
      <ObjectivesSection id="capacity" title={t("beforeAfter.capacityTitle")} description={t("beforeAfter.capacityDefinition")} data={rated.map((row) => ({ key: row.objective, label: row.label, before: row.capacityBefore, after: row.capacityAfter }))} />
    </div>
  );
}
