import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "#app/components/meta.ts";
import { MergeSources } from "#app/components/proposals/merge-sources.tsx";
import { getDb } from "#app/db.server.ts";
import { can } from "#app/features/auth/permissions.ts";
import { isId } from "#app/features/ids.ts";
import { mergeContext } from "#app/features/proposals/merge.ts";
import { suggestionsFor, type ComparedSide, type CrossLanguage, type ShownProposal, type ShownSuggestion } from "#app/features/proposals/suggestions.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { languageName } from "#app/i18n/format.ts";
import type { Language } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";

export const meta = pageTitle("duplicates.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "response.readAll");
  const language = detectLanguage(request);
  const db = getDb();
  const result = isId(params.id) ? await suggestionsFor(db, params.id, { language }) : undefined;
  if (!result?.ok) throw new Response("Not found", { status: 404 });
  return { ...result, language, merge: await mergeContext(db, result.target.id), canMerge: can(user, "proposal.code") };
}

const percent = (value: number) => Math.round(value * 100);

function ProposalText({ proposal }: { proposal: ShownProposal }) {
  const { t } = useTranslation();
  if (!proposal.quotable) {
    return (
      <p>
        {t("duplicates.countOnlyText")}{" "}
        {proposal.responseId ? <Link to={`/consultations/${proposal.consultationId}/responses/${proposal.responseId}`}>{t("duplicates.readAnswer")}</Link> : null}
      </p>
    );
  }
  return (
    <div lang={proposal.language ?? undefined}>
      <p className="duplicates__title">{proposal.title || t("duplicates.untitled")}</p>
      <p className="duplicates__text">{proposal.summary}</p>
    </div>
  );
}

function Marked({ side }: { side: ComparedSide }) {
  return (
    <p className="duplicates__text" lang={side.language}>
      {side.segments.map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </p>
  );
}

/** One side of a pair: the marked text, and the original beside it when the marked one is a translation. */
function Side({ proposal, side, heading, uiLanguage }: { proposal: ShownProposal; side: ComparedSide | null; heading: string; uiLanguage: Language }) {
  const { t } = useTranslation();
  return (
    <div className="duplicates__side stack">
      <h4>{heading}</h4>
      {proposal.organisation ? <p className="meta">{proposal.organisation}</p> : null}
      {side === null ? (
        <ProposalText proposal={proposal} />
      ) : side.translated ? (
        <>
          <p className="meta">{t("duplicates.translation", { language: languageName(side.language, uiLanguage) })}</p>
          <Marked side={side} />
          <p className="meta">{t("duplicates.original", { language: proposal.language ? languageName(proposal.language, uiLanguage) : "" })}</p>
          <ProposalText proposal={proposal} />
        </>
      ) : (
        <Marked side={side} />
      )}
    </div>
  );
}

function Reasons({ suggestion, uiLanguage }: { suggestion: ShownSuggestion; uiLanguage: Language }) {
  const { t } = useTranslation();
  const compared = suggestion.crossLanguage ? t("duplicates.reason.textAcross", { percent: percent(suggestion.parts.text), language: languageName("es", uiLanguage) }) : t("duplicates.reason.text", { percent: percent(suggestion.parts.text) });
  return (
    <ul>
      <li>{compared}</li>
      {suggestion.sharedObjectives.length > 0 ? <li>{t("duplicates.reason.objectives", { count: suggestion.sharedObjectives.length, objectives: suggestion.sharedObjectives.join(", ") })}</li> : null}
      {suggestion.parts.organisation > 0 ? <li>{t("duplicates.reason.organisation")}</li> : null}
      {suggestion.parts.partners > 0 ? (
        <li>{suggestion.sharedPartners.length > 0 ? t("duplicates.reason.partnersNamed", { partners: suggestion.sharedPartners.join(", ") }) : t("duplicates.reason.partners")}</li>
      ) : null}
    </ul>
  );
}

function CrossLanguageNotice({ crossLanguage }: { crossLanguage: CrossLanguage }) {
  const { t } = useTranslation();
  if (crossLanguage.state === "on") return null;
  const why = crossLanguage.reason === "not-installed" ? t("duplicates.cross.notInstalled") : t("duplicates.cross.pending", { count: crossLanguage.untranslated });
  return (
    <div className="notice" role="note">
      <p className="notice__title">{crossLanguage.state === "off" ? t("duplicates.cross.off") : t("duplicates.cross.partial", { count: crossLanguage.untranslated })}</p>
      <p>{why}</p>
    </div>
  );
}

export default function SimilarProposals() {
  const { target, suggestions, crossLanguage, inactive, merge, canMerge, language } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p className="breadcrumb">
        <Link to="/proposals">{t("duplicates.inbox")}</Link> › <Link to={`/proposals/${target.id}`}>{t("duplicates.proposal")}</Link>
      </p>
      <h1>{t("duplicates.title")}</h1>
      <section className="card stack" aria-labelledby="target">
        <h2 id="target">{t("duplicates.target")}</h2>
        {target.organisation ? <p className="meta">{target.organisation}</p> : null}
        <ProposalText proposal={target} />
      </section>
      {merge ? <MergeSources context={merge} /> : null}
      {inactive ? (
        <p className="notice" role="note">
          {inactive === "withdrawn" ? t("duplicates.inactive.withdrawn") : t("duplicates.inactive.merged")}
        </p>
      ) : (
        <CrossLanguageNotice crossLanguage={crossLanguage} />
      )}
      <Form method="post" action="/proposals/merge" className="stack">
        <input type="hidden" name="proposal" value={target.id} />
        <input type="hidden" name="redirectTo" value={`/proposals/${target.id}/similar`} />
        <h2>{t("duplicates.suggestions", { count: suggestions.length })}</h2>
        {suggestions.length === 0 && !inactive ? <p>{t("duplicates.none")}</p> : null}
        <ol className="plain stack">
          {suggestions.map((suggestion, index) => (
            <li key={suggestion.proposal.id}>
              <article className="card stack" aria-labelledby={`suggestion-${suggestion.proposal.id}`}>
                <h3 id={`suggestion-${suggestion.proposal.id}`}>
                  {t("duplicates.suggestion", { number: index + 1, percent: percent(suggestion.score) })}{" "}
                  <Link to={`/proposals/${suggestion.proposal.id}`}>{t("duplicates.open")}</Link>
                </h3>
                <Reasons suggestion={suggestion} uiLanguage={language} />
                <div className="duplicates__pair">
                  <Side proposal={target} side={suggestion.compared?.target ?? null} heading={t("duplicates.thisProposal")} uiLanguage={language} />
                  <Side proposal={suggestion.proposal} side={suggestion.compared?.candidate ?? null} heading={t("duplicates.suggested")} uiLanguage={language} />
                </div>
                {canMerge && !inactive ? (
                  <p className="field">
                    <input type="checkbox" name="proposal" value={suggestion.proposal.id} id={`merge-${suggestion.proposal.id}`} />{" "}
                    <label htmlFor={`merge-${suggestion.proposal.id}`}>{t("duplicates.choose", { number: index + 1 })}</label>
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
        {canMerge && !inactive && suggestions.length > 0 ? (
          <button type="submit" className="button">
            {t("duplicates.mergeChosen")}
          </button>
        ) : null}
      </Form>
    </div>
  );
}
