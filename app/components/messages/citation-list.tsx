import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CitationView } from "#app/features/messages/key-messages.ts";

/**
 * The sources of a key message: each quote with where it comes from, the organisation named only
 * where its author allowed it; count-only sources are counted, never quoted.
 */
export function CitationList({ citations, removable = false }: { citations: CitationView[]; removable?: boolean }) {
  const { t } = useTranslation();
  if (citations.length === 0) return <p>{t("keyMessages.noSources")}</p>;
  return (
    <ul className="citations plain">
      {citations.map((citation) => {
        const { source } = citation;
        const who = source.organisation ?? t(source.attribution === "non_attributable" ? "keyMessages.withheld.name" : "keyMessages.withheld.countOnly", { type: t(`organisationType.${source.organisationType}`) });
        return (
          <li key={citation.id} className="citation">
            {citation.quote ? (
              <blockquote className="citation__quote">
                <p>{citation.quote}</p>
              </blockquote>
            ) : null}
            {citation.withheld ? <p className="field__help">{t("keyMessages.quoteWithheld")}</p> : null}
            {source.proposal ? <p className="citation__source">{t("keyMessages.fromProposal", { title: source.proposal })}</p> : null}
            <p className="citation__source">
              {source.attribution === "aggregate_only" ? t("keyMessages.counted", { who }) : who}
              {" – "}
              {source.consultation}
              {source.reference ? ` (${source.reference})` : null}
            </p>
            {removable ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="uncite" />
                <input type="hidden" name="citationId" value={citation.id} />
                <button type="submit" className="button button--quiet">
                  {t("keyMessages.uncite")}
                </button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
