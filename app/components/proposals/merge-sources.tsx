import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { MergeContext, MergeLink } from "#app/features/proposals/merge.ts";

function ProposalLink({ proposal }: { proposal: MergeLink }) {
  const { t } = useTranslation();
  // A count-only answer's proposal is named by nothing of its text.
  return <Link to={`/proposals/${proposal.id}`}>{proposal.quotable ? proposal.title || t("duplicates.untitled") : t("duplicates.countOnly")}</Link>;
}

/**
 * A proposal's part in merges, for the proposal page and the suggestions page: a merged
 * proposal's sources and the button that undoes the merge, or what a source was merged into.
 * Its props come from `mergeContext` (app/features/proposals/merge.ts).
 */
export function MergeSources({ context }: { context: MergeContext }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby={`merge-${context.proposalId}`}>
      <h2 id={`merge-${context.proposalId}`}>{t("duplicates.merge.heading")}</h2>
      {context.mergedInto ? (
        <p>
          {t("duplicates.merge.mergedInto")} <ProposalLink proposal={context.mergedInto} />
        </p>
      ) : null}
      {context.sources.length > 0 ? (
        <>
          <p>{t("duplicates.merge.sources", { count: context.sources.length })}</p>
          <ul>
            {context.sources.map((source) => (
              <li key={source.id}>
                <ProposalLink proposal={source} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {context.canUndo ? (
        <Form method="post" action="/proposals/merge" className="inline-form">
          <input type="hidden" name="intent" value="undo" />
          <input type="hidden" name="merged" value={context.proposalId} />
          <p className="field__help">{t("duplicates.merge.undoHelp")}</p>
          <button type="submit" className="button button--quiet">
            {t("duplicates.merge.undo")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
