import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager } from "#app/components/list-controls.tsx";
import { pageTitle } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { isId } from "#app/features/ids.ts";
import { oneOf, pageParam, paging } from "#app/features/lists/paging.ts";
import { decideMatch, MATCH_INTENTS, undoMatchDecision, type DecisionRefusal } from "#app/features/matching/decisions.ts";
import { matchingOverview, type MatchView, type PartyView } from "#app/features/matching/matching.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { localized } from "#app/i18n/languages.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { requireMeeting } from "#app/web/meeting.server.ts";
import { OutcomeNotice } from "#app/components/outcome-notice.tsx";

export const meta = pageTitle("matching.title");

/** Needs shown on one page. */
const PAGE_SIZE = 10;
/** Suggestions shown under a need, after its confirmed matches. */
const SUGGESTIONS_SHOWN = 5;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "match.decide");
  const language = detectLanguage(request);
  const meeting = await requireMeeting(params.id);
  const overview = await matchingOverview(getDb(), meeting.id, language);
  const { page, pageCount, offset } = paging(overview.needs.length, pageParam(new URL(request.url).searchParams), PAGE_SIZE);
  return {
    meeting: { id: meeting.id, title: localized(meeting, "title", language) },
    language,
    page,
    pageCount,
    needs: overview.needs.slice(offset, offset + PAGE_SIZE).map((entry) => {
      const confirmed = entry.matches.filter((match) => match.status === "confirmed");
      return { ...entry, matches: [...confirmed, ...entry.matches.filter((match) => match.status === "suggested").slice(0, SUGGESTIONS_SHOWN)] };
    }),
    needCount: overview.needs.length,
    unansweredNeeds: overview.unansweredNeeds,
    unaskedCandidates: overview.unaskedCandidates,
  };
}

const KINDS = ["offer", "proposal"] as const;

type Outcome = { done: string | null; error: string | null };

const answer = (outcome: Partial<Outcome>, status = 200) => data<Outcome>({ done: null, error: null, ...outcome }, { status });

const REFUSALS: Record<DecisionRefusal, { key: string; status: number }> = {
  "need-not-found": { key: "matching.error.needNotFound", status: 404 },
  "candidate-not-found": { key: "matching.error.candidateNotFound", status: 404 },
  "no-fit": { key: "matching.error.noFit", status: 409 },
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "match.decide");
  const meeting = await requireMeeting(params.id);
  const form = await readFormData(request);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : null;
  };
  const intent = oneOf(MATCH_INTENTS, field("intent"));
  const kind = oneOf(KINDS, field("kind"));
  const needId = field("needId");
  const candidateId = field("candidateId");
  if (!intent || !kind || !isId(needId) || !isId(candidateId)) return answer({ error: "matching.error.invalid" }, 400);
  const choice = { needId, kind, candidateId };
  const ctx = { ip: clientIp(context) };
  const result = intent === "undo" ? await undoMatchDecision(getDb(), user, meeting.id, choice, ctx) : await decideMatch(getDb(), user, meeting.id, choice, intent === "confirm" ? "confirmed" : "dismissed", ctx);
  if (!result.ok) return answer({ error: REFUSALS[result.reason].key }, REFUSALS[result.reason].status);
  return answer({ done: `matching.done.${intent}` });
}

function DecisionButton({ intent, needId, candidate, label, quiet = true }: { intent: (typeof MATCH_INTENTS)[number]; needId: string; candidate: PartyView; label: string; quiet?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="needId" value={needId} />
      <input type="hidden" name="kind" value={candidate.kind} />
      <input type="hidden" name="candidateId" value={candidate.id} />
      <button type="submit" className={quiet ? "button button--quiet" : "button"}>
        {label}
      </button>
    </Form>
  );
}

/** Who, where and what: the lines a need, an offer or a proposal shows. */
function Party({ party }: { party: PartyView }) {
  const { t } = useTranslation();
  const labels = (values: { label: string }[]) => values.map((value) => value.label).join(", ");
  return (
    <dl className="meta">
      <dt>{t("matching.organisation")}</dt>
      <dd>{party.organisation ?? t("matching.noOrganisation")}</dd>
      <dt>{t("matching.region")}</dt>
      <dd>{party.region ?? t("matching.noRegion")}</dd>
      {party.kind === "need" ? null : (
        <>
          <dt>{t("matching.objectives")}</dt>
          <dd>{labels(party.objectives)}</dd>
        </>
      )}
      {party.gaps.length > 0 ? (
        <>
          <dt>{t("matching.gaps")}</dt>
          <dd>{labels(party.gaps)}</dd>
        </>
      ) : null}
      {party.modalities.length > 0 ? (
        <>
          <dt>{t("matching.modalities")}</dt>
          <dd>{labels(party.modalities)}</dd>
        </>
      ) : null}
      {party.text ? (
        <>
          <dt>{t("matching.text")}</dt>
          <dd lang={party.language ?? undefined}>{party.text}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** One line for the long lists: who, where, which objectives. */
function Summary({ party }: { party: PartyView }) {
  const { t } = useTranslation();
  return (
    <>
      {[party.organisation ?? t("matching.noOrganisation"), party.region ?? t("matching.noRegion"), party.objectives.map((objective) => objective.label).join(", ")].join(" · ")}
    </>
  );
}

function Match({ needId, match }: { needId: string; match: MatchView }) {
  const { t } = useTranslation();
  return (
    <li className="card stack">
      <p>
        <strong>{t(match.candidate.kind === "offer" ? "matching.kind.offer" : "matching.kind.proposal")}</strong>
        {" · "}
        {t(match.status === "confirmed" ? "matching.status.confirmed" : "matching.status.suggested")}
        {" · "}
        {t("matching.score", { score: match.score })}
      </p>
      <Party party={match.candidate} />
      <p>
        {t("matching.why")} {match.reasons.map((reason) => reason.label).join(" · ")}
      </p>
      <div className="actions">
        {match.status === "confirmed" ? (
          <DecisionButton intent="undo" needId={needId} candidate={match.candidate} label={t("matching.undoConfirm")} />
        ) : (
          <>
            <DecisionButton intent="confirm" needId={needId} candidate={match.candidate} label={t("matching.confirm")} quiet={false} />
            <DecisionButton intent="dismiss" needId={needId} candidate={match.candidate} label={t("matching.dismiss")} />
          </>
        )}
      </div>
    </li>
  );
}

export default function Matches() {
  const { meeting, needs, needCount, page, pageCount, unansweredNeeds, unaskedCandidates } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/">{meeting.title}</Link>
      </p>
      <h1>{t("matching.title")}</h1>
      <p>{t("matching.intro", { count: SUGGESTIONS_SHOWN })}</p>
      <OutcomeNotice outcome={outcome} />
      <section aria-labelledby="needs">
        <h2 id="needs">{t("matching.needs", { count: needCount })}</h2>
        {needs.length === 0 ? <p>{t("matching.noNeeds")}</p> : null}
        {needs.map(({ need, matches, dismissed }) => (
          <article key={need.id} className="card stack" aria-labelledby={`need-${need.id}`}>
            <h3 id={`need-${need.id}`}>
              {need.organisation ?? t("matching.noOrganisation")}: {need.objectives.map((objective) => objective.label).join(", ")}
            </h3>
            <Party party={need} />
            {matches.length === 0 ? <p>{t("matching.nothingFits")}</p> : null}
            <ol className="plain stack" aria-label={t("matching.matchesOf", { need: need.objectives[0]?.label ?? "" })}>
              {matches.map((match) => (
                <Match key={`${match.candidate.kind}-${match.candidate.id}`} needId={need.id} match={match} />
              ))}
            </ol>
            {dismissed.length > 0 ? (
              <details>
                <summary>{t("matching.dismissed", { count: dismissed.length })}</summary>
                <ul className="plain stack">
                  {dismissed.map((candidate) => (
                    <li key={`${candidate.kind}-${candidate.id}`}>
                      <Party party={candidate} />
                      <DecisionButton intent="undo" needId={need.id} candidate={candidate} label={t("matching.undoDismiss")} />
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </article>
        ))}
        <Pager page={page} pageCount={pageCount} href={(to) => `?page=${to}`} />
      </section>
      <section aria-labelledby="unanswered">
        <h2 id="unanswered">{t("matching.unanswered", { count: unansweredNeeds.length })}</h2>
        {unansweredNeeds.length === 0 ? <p>{t("matching.noUnanswered")}</p> : null}
        <ul className="plain stack">
          {unansweredNeeds.map((need) => (
            <li key={need.id}>
              <Summary party={need} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="unasked">
        <h2 id="unasked">{t("matching.unasked", { count: unaskedCandidates.length })}</h2>
        {unaskedCandidates.length === 0 ? <p>{t("matching.noUnasked")}</p> : null}
        <ul className="plain stack">
          {unaskedCandidates.map((candidate) => (
            <li key={`${candidate.kind}-${candidate.id}`}>
              <strong>{t(candidate.kind === "offer" ? "matching.kind.offer" : "matching.kind.proposal")}</strong> <Summary party={candidate} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
