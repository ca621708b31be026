import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Detail } from "#app/components/details.tsx";
import { FilterSelect, Pager, viewHref } from "#app/components/list-controls.tsx";
import { CitationList } from "#app/components/messages/citation-list.tsx";
import { PublishedProposalList } from "#app/components/messages/published-proposals.tsx";
import { MessageBlocks } from "#app/components/messages/message-blocks.tsx";
import { titled } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { can } from "#app/features/auth/permissions.ts";
import { isId } from "#app/features/ids.ts";
import { pageParam } from "#app/features/lists/paging.ts";
import { publicOutcome } from "#app/features/messages/public.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateRange, languageName } from "#app/i18n/format.ts";
import { getUser } from "#app/session.server.ts";
import type { MetaFunction } from "@remix-run/react";

/**
 * Anyone's page of a meeting's outcome. Shared caches may keep it a minute: it holds only what
 * is public, and its language follows the cookie or Accept-Language. Signed-in readers' copies
 * are made private by the server (server/private-responses.ts).
 */
const PUBLIC_CACHE_CONTROL = "public, max-age=60";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => titled(loaded?.meeting.title ?? "");

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = detectLanguage(request);
  const search = new URL(request.url).searchParams;
  const view = { objective: search.get("objective") || undefined, page: pageParam(search) };
  const outcome = isId(params.id) ? await publicOutcome(getDb(), params.id, language, Date.now(), view) : null;
  if (!outcome) throw new Response("Not found", { status: 404 });
  return data(
    // Signed-in readers' copies are private (server/private-responses.ts), so the link never reaches a shared cache.
    { ...outcome, language, dates: formatDateRange(outcome.meeting.startsOn, outcome.meeting.endsOn, language), summarises: can(await getUser(request), "response.readAll") },
    { headers: { "Cache-Control": PUBLIC_CACHE_CONTROL, Vary: "Cookie, Accept-Language" } },
  );
}

export default function MeetingOutcome() {
  const { meeting, messages, proposals, dates, language, summarises } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/">{t("home.title")}</Link>
      </p>
      <h1>{meeting.title}</h1>
      <p className="meeting__theme">{meeting.theme}</p>
      <dl className="meeting__facts">
        <Detail term={t("home.dates")}>{dates}</Detail>
        <Detail term={t("home.place")}>{meeting.place}</Detail>
      </dl>
      {summarises ? (
        <p>
          <Link to={`/meetings/${meeting.id}/summary`} className="button button--quiet">
            {t("summary.link")}
          </Link>
        </p>
      ) : null}
      {meeting.description.split("\n\n").map((paragraph) => (
        <p key={paragraph.slice(0, 40)}>{paragraph}</p>
      ))}
      <section aria-labelledby="key-messages">
        <h2 id="key-messages">{t("outcome.keyMessages")}</h2>
        <p>{t("outcome.keyMessagesIntro")}</p>
        {messages.length === 0 ? <p>{t("outcome.noKeyMessages")}</p> : null}
        <ol className="key-messages plain">
          {messages.map((message, index) => (
            <li key={message.id}>
              <article className="card stack" aria-labelledby={`message-${message.id}`} lang={message.language}>
                <h3 id={`message-${message.id}`}>
                  {index + 1}. {message.title}
                </h3>
                {message.language !== language ? (
                  <p className="meta" lang={language}>
                    {t("outcome.writtenIn", { language: languageName(message.language, language) })}
                  </p>
                ) : null}
                <MessageBlocks blocks={message.blocks} />
                <details lang={language}>
                  <summary>{t("keyMessages.sources", { count: message.citations.length })}</summary>
                  <CitationList citations={message.citations} />
                </details>
              </article>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="published-proposals">
        <h2 id="published-proposals">{t("outcome.proposals")}</h2>
        <p>{t("outcome.proposalsIntro")}</p>
        {proposals.objectives.length > 1 ? (
          <Form method="get" role="search" aria-label={t("outcome.filterProposals")} className="filters">
            <FilterSelect
              name="objective"
              label={t("outcome.objective")}
              value={proposals.objective ?? ""}
              options={[{ value: "", label: t("outcome.allObjectives") }, ...proposals.objectives.map((objective) => ({ value: objective.value, label: t("outcome.objectiveOption", { label: objective.label, count: objective.count }) }))]}
            />
            <button type="submit" className="button">
              {t("outcome.show")}
            </button>
          </Form>
        ) : null}
        <p>{proposals.total === 0 ? t(proposals.objective ? "outcome.noProposalsForObjective" : "outcome.noProposals") : t("outcome.proposalCount", { count: proposals.total })}</p>
        <PublishedProposalList groups={proposals.groups} language={language} />
        <Pager page={proposals.page} pageCount={proposals.pageCount} href={(to) => viewHref(`/meetings/${meeting.id}`, { objective: proposals.objective ?? undefined }, to)} />
      </section>
    </div>
  );
}
