import { useTranslation } from "react-i18next";
import type { PublishedGroup, PublishedProposal } from "#app/features/proposals/published.ts";
import { languageName } from "#app/i18n/format.ts";
import type { Language } from "#app/i18n/languages.ts";

/** The heading of a proposal written without a title (a State's commitment or offer). */
const UNTITLED: Record<PublishedProposal["kind"], string> = { proposal: "outcome.kind.proposal", commitment: "outcome.kind.commitment", offer: "outcome.kind.offer" };

/** Who wrote a published proposal: the organisation's name only where its author allowed it. */
function authorOf(proposal: PublishedProposal, t: (key: string, options?: Record<string, string>) => string): string {
  const type = proposal.stakeholderType ? t(`organisationType.${proposal.stakeholderType}`) : "";
  const who = proposal.organisation ? [proposal.organisation, type].filter(Boolean).join(", ") : t("keyMessages.withheld.name", { type });
  return [who, proposal.region].filter(Boolean).join(" · ");
}

/**
 * One page of the proposals published by their authors, under their consultations' headings: the
 * labels in the reader's language, each proposal's own text in the language it was written in.
 */
export function PublishedProposalList({ groups, language }: { groups: PublishedGroup[]; language: Language }) {
  const { t } = useTranslation();
  return groups.map((group) => (
    <section key={group.consultationId} aria-labelledby={`published-${group.consultationId}`} className="stack">
      <h3 id={`published-${group.consultationId}`}>{group.consultation}</h3>
      <ul className="published-proposals plain">
        {group.proposals.map((proposal) => (
          <li key={proposal.id}>
            <article className="card stack" aria-labelledby={`proposal-${proposal.id}`}>
              <h4 id={`proposal-${proposal.id}`} lang={proposal.language ?? undefined}>
                {proposal.title ?? t(UNTITLED[proposal.kind])}
              </h4>
              <p className="citation__source">{authorOf(proposal, t)}</p>
              {proposal.language && proposal.language !== language ? <p className="meta">{t("outcome.writtenIn", { language: languageName(proposal.language, language) })}</p> : null}
              <p lang={proposal.language ?? undefined}>{proposal.summary}</p>
              {proposal.objectives.length ? (
                <p className="meta">{t("outcome.objectives", { list: proposal.objectives.join(" · ") })}</p>
              ) : null}
            </article>
          </li>
        ))}
      </ul>
    </section>
  ));
}
