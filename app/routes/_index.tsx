import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#app/db.server.ts";
import { can } from "#app/features/auth/permissions.ts";
import { listMeetings } from "#app/features/meetings/meetings.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateRange } from "#app/i18n/format.ts";
import { localized } from "#app/i18n/languages.ts";
import { useRootData } from "#app/root.tsx";
import { getUser } from "#app/session.server.ts";
import { pageTitle } from "#app/components/meta.ts";
import { Detail } from "#app/components/details.tsx";

export const meta = pageTitle("home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const language = detectLanguage(request);
  const user = await getUser(request);
  if (!can(user, "meeting.read")) throw new Response("Forbidden", { status: 403 });
  const meetings = await listMeetings(getDb());
  return {
    manage: can(user, "meeting.manage"),
    writesMessages: can(user, "keyMessage.write"),
    decidesMatches: can(user, "match.decide"),
    readsAnswers: can(user, "response.readAll"),
    signedIn: !!user,
    meetings: meetings.map((meeting) => ({
      id: meeting.id,
      title: localized(meeting, "title", language),
      theme: localized(meeting, "theme", language),
      place: localized(meeting, "place", language),
      dates: formatDateRange(meeting.starts_on, meeting.ends_on, language),
      paragraphs: localized(meeting, "description", language).split("\n\n"),
    })),
  };
}

export default function Home() {
  const { meetings, signedIn, manage, writesMessages, decidesMatches, readsAnswers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const user = useRootData()?.user;
  return (
    <div className="home">
      <section className="intro">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        {signedIn && user ? (
          <p>{t("home.welcome", { name: user.name })}</p>
        ) : (
          <p>
            <Link to="/sign-in" className="button">
              {t("nav.signIn")}
            </Link>{" "}
            <span className="muted">{t("home.invitationOnly")}</span>
          </p>
        )}
      </section>
      {meetings.length === 0 ? <p>{t("home.noMeetings")}</p> : null}
      {manage ? (
        <p>
          <Link to="/meetings/new" className="button button--quiet">
            {t("meetings.newTitle")}
          </Link>
        </p>
      ) : null}
      {meetings.map((meeting) => (
        <article key={meeting.id} className="card meeting" aria-labelledby={`meeting-${meeting.id}`}>
          <p className="meeting__kicker">
            {t("home.meeting")}
            {manage ? (
              <>
                {" · "}
                <Link to={`/meetings/${meeting.id}/edit`}>{t("meetings.edit")}</Link>
              </>
            ) : null}
            {writesMessages ? (
              <>
                {" · "}
                <Link to={`/meetings/${meeting.id}/key-messages`}>{t("keyMessages.title")}</Link>
              </>
            ) : null}
            {decidesMatches ? (
              <>
                {" · "}
                <Link to={`/meetings/${meeting.id}/matches`}>{t("matching.title")}</Link>
              </>
            ) : null}
            {readsAnswers ? (
              <>
                {" · "}
                <Link to={`/meetings/${meeting.id}/before-after`}>{t("beforeAfter.link")}</Link>
              </>
            ) : null}
          </p>
          <h2 id={`meeting-${meeting.id}`}>{meeting.title}</h2>
          <p className="meeting__theme">{meeting.theme}</p>
          <dl className="meeting__facts">
            <Detail term={t("home.dates")}>{meeting.dates}</Detail>
            <Detail term={t("home.place")}>{meeting.place}</Detail>
          </dl>
          {meeting.paragraphs.map((paragraph) => (
            <p key={paragraph.slice(0, 40)}>{paragraph}</p>
          ))}
          <p>
            <Link to={`/meetings/${meeting.id}`}>{t("outcome.link")}</Link>
          </p>
        </article>
      ))}
    </div>
  );
}
