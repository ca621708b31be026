import type { LoaderFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { invite } from "#app/features/auth/invitations.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as homeLoader } from "#app/routes/_index.tsx";
import { loader as accountLoader } from "#app/routes/account.tsx";
import { loader as consultationLoader } from "#app/routes/consultations.$id._index.tsx";
import { loader as answerLoader } from "#app/routes/consultations.$id.answer.tsx";
import { loader as editConsultationLoader } from "#app/routes/consultations.$id.edit.tsx";
import { loader as progressLoader } from "#app/routes/consultations.$id.progress.tsx";
import { loader as receiptLoader } from "#app/routes/consultations.$id.receipt.tsx";
import { loader as submittedAnswerLoader } from "#app/routes/consultations.$id.responses.$responseId.tsx";
import { loader as submittedAnswersLoader } from "#app/routes/consultations.$id.responses._index.tsx";
import { loader as inboxLoader } from "#app/routes/proposals._index.tsx";
import { loader as consultationsLoader } from "#app/routes/consultations._index.tsx";
import { loader as newConsultationLoader } from "#app/routes/consultations.new.tsx";
import { loader as healthLoader } from "#app/routes/healthz.ts";
import { loader as surveyVersionLoader } from "#app/routes/survey-versions.$id.ts";
import { loader as invitationsLoader } from "#app/routes/invitations.tsx";
import { loader as inviteLoader } from "#app/routes/invite.$token.tsx";
import { loader as editMeetingLoader } from "#app/routes/meetings.$id.edit.tsx";
import { loader as newMeetingLoader } from "#app/routes/meetings.new.tsx";
import { loader as organisationLoader } from "#app/routes/organisations.$id.tsx";
import { loader as organisationsLoader } from "#app/routes/organisations._index.tsx";
import { loader as newOrganisationLoader } from "#app/routes/organisations.new.tsx";
import { loader as outboxMessageLoader } from "#app/routes/outbox.$id.tsx";
import { loader as outboxLoader } from "#app/routes/outbox._index.tsx";
import { loader as peopleLoader } from "#app/routes/people.tsx";
import { loader as signInLoader } from "#app/routes/sign-in.tsx";
import { loader as signOutLoader } from "#app/routes/sign-out.tsx";
import { ROLES } from "#db/schema.ts";
import { MINIMAL_CAPACITY_ANSWERS, openNow } from "#tests/consultations.ts";
import { checkProperty, headerSafe, hostileText, printTallyAfterAll, queryString, urlSegment } from "#tests/fuzz.ts";
import { BASE, context, cookieFor, currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { submitResponse } from "#app/features/responses/responses.ts";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** A route: its loader, its path with the route parameter in it, and the values that parameter takes. */
interface Route {
  path: string;
  loader: Loader;
  /** The parameter's name (`:id`, `:token`), when the path has one. */
  param?: string;
  values?: () => string[];
  /** The message the page shows for a refusal given as data. */
  uiMessage?: (data: unknown) => string | undefined;
}

const QUERY_KEYS = ["q", "type", "lang", "redirectTo", "organisation", "welcome", "invited", "_data", "index", "state", "region", "sort", "order", "page", "attribution", "language", "from", "to"];

let cookies: string[] = [];
let ids: Record<"consultation" | "organisation" | "meeting" | "outbox" | "token" | "surveyVersion" | "response", string[]>;

beforeAll(async () => {
  const db = getDb();
  cookies = await Promise.all(ROLES.map((role) => cookieFor(demoEmail(role))));
  const open = await openNow();
  const mexico = await stateId("MX");
  const focalPoint = await currentUserFor(demoEmail("focal_point"));
  await submitResponse(db, { consultation: open, organisationId: mexico, user: focalPoint, answers: MINIMAL_CAPACITY_ANSWERS, baseRevision: 0, page: 0, language: "en", attribution: "attributable", ip: null });
  const admin = await currentUserFor(demoEmail("admin"));
  const invited = await invite(db, admin, { email: "fuzz@example.org", organisationId: mexico, role: "focal_point", language: "es" }, { baseUrl: BASE, delivers: false, ip: null });
  if (!invited.ok) throw new Error(invited.reason);
  const idsOf = async (table: "consultation" | "organisation" | "meeting" | "email_outbox" | "survey_version") => (await db.selectFrom(table).select("id").limit(4).execute()).map((row) => row.id);
  ids = {
    consultation: [open.id, ...(await idsOf("consultation"))],
    organisation: [mexico, await stateId("FR"), ...(await idsOf("organisation"))],
    meeting: await idsOf("meeting"),
    outbox: [invited.emailId, ...(await idsOf("email_outbox"))],
    token: [invited.token, "a".repeat(40)],
    surveyVersion: [...(await idsOf("survey_version")), "0".repeat(64)],
    response: (await db.selectFrom("response").select("id").where("consultation_id", "=", open.id).execute()).map((row) => row.id),
  };
});

printTallyAfterAll("fuzzed loaders");

/** Whoever asks: each role, nobody, or a forged or garbled session cookie. */
const cookie = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...cookies) },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: hostileText.map((text) => `consulta_session=${urlSegment(text)}`) },
    { weight: 1, arbitrary: hostileText.map(headerSafe) },
  );

const ROUTES: Route[] = [
  { path: "/", loader: rootLoader },
  { path: "/", loader: homeLoader },
  { path: "/healthz", loader: healthLoader },
  { path: "/sign-in", loader: signInLoader },
  { path: "/sign-out", loader: signOutLoader },
  { path: "/account", loader: accountLoader },
  { path: "/people", loader: peopleLoader },
  { path: "/invitations", loader: invitationsLoader },
  { path: "/invite/:token", loader: inviteLoader, param: "token", values: () => ids.token, uiMessage: (data) => `invite.status.${String((data as { status?: unknown }).status)}` },
  { path: "/outbox", loader: outboxLoader },
  { path: "/outbox/:id", loader: outboxMessageLoader, param: "id", values: () => ids.outbox },
  { path: "/organisations", loader: organisationsLoader },
  { path: "/organisations/new", loader: newOrganisationLoader },
  { path: "/organisations/:id", loader: organisationLoader, param: "id", values: () => ids.organisation },
  { path: "/meetings/new", loader: newMeetingLoader },
  { path: "/meetings/:id/edit", loader: editMeetingLoader, param: "id", values: () => ids.meeting },
  { path: "/consultations", loader: consultationsLoader },
  { path: "/consultations/new", loader: newConsultationLoader },
  { path: "/consultations/:id", loader: consultationLoader, param: "id", values: () => ids.consultation },
  { path: "/consultations/:id/edit", loader: editConsultationLoader, param: "id", values: () => ids.consultation },
  { path: "/consultations/:id/progress", loader: progressLoader, param: "id", values: () => ids.consultation },
  { path: "/consultations/:id/answer", loader: answerLoader, param: "id", values: () => ids.consultation },
  { path: "/consultations/:id/receipt", loader: receiptLoader, param: "id", values: () => ids.consultation },
  {
    path: "/consultations/:id/responses",
    loader: submittedAnswersLoader,
    param: "id",
    values: () => ids.consultation,
    uiMessage: (data) => ((data as { problems?: string[] }).problems ?? []).map((problem) => `reading.problem.${problem}`)[0],
  },
  {
    // The answers of the consultation Mexico submitted to; the list's view in the query.
    path: "/consultations/open/responses/:responseId",
    loader: (args) => submittedAnswerLoader({ ...args, params: { ...args.params, id: ids.consultation[0] } }),
    param: "responseId",
    values: () => ids.response,
  },
  {
    path: "/proposals",
    loader: inboxLoader,
    uiMessage: (data) => ((data as { problems?: string[] }).problems ?? []).map((problem) => `inbox.problem.${problem}`)[0],
  },
  { path: "/survey-versions/:id", loader: surveyVersionLoader, param: "id", values: () => ids.surveyVersion },
];

/** A route parameter: a row's id (of the right kind or another), or anything at all. */
function paramValue(route: Route): fc.Arbitrary<string | null> {
  if (!route.param || !route.values) return fc.constant(null);
  const all = Object.values(ids).flat();
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...route.values()) }, { weight: 1, arbitrary: fc.constantFrom(...all) }, { weight: 2, arbitrary: hostileText });
}

/** The organisation a secretariat member answers for by proxy, a State's id in the query mostly. */
function withOrganisation(query: string): fc.Arbitrary<string> {
  return fc.oneof(fc.constant(query), fc.constantFrom(...ids.organisation).map((id) => `${query}&organisation=${id}`));
}

describe("every loader, with any query string, route parameter and cookie", () => {
  for (const route of ROUTES) {
    it(`${route.path} (${route.loader === rootLoader ? "root" : "route"})`, async () => {
      await checkProperty<[string | null, string, string]>({
        name: `${route.path}${route.loader === rootLoader ? " (root)" : ""}`,
        runs: 60,
        readOnly: true,
        uiMessage: route.uiMessage,
        input: fc.tuple(paramValue(route), queryString(QUERY_KEYS).chain(withOrganisation), cookie()),
        prepare: async ([value, query, header]) => {
          const path = route.param && value !== null ? route.path.replace(`:${route.param}`, urlSegment(value)) : route.path;
          const request = new Request(`${BASE}${path}?${query}`, { headers: header ? { Cookie: header } : {} });
          const params = route.param && value !== null ? { [route.param]: value } : {};
          return { run: () => route.loader({ request, context, params }) };
        },
      });
    });
  }
});
