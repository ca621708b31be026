/**
 * Access control, proved by calling every loader and action of every route module as each demo
 * role and as an anonymous visitor, against what PERMISSIONS promises; then one organisation's
 * answers attacked by the members of others (insecure direct object references).
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { invite } from "#app/features/auth/invitations.ts";
import { hasRole } from "#app/features/auth/current-user.ts";
import { getEnv } from "#app/env.server.ts";
import { requestExport, writeRequestedExport } from "#app/features/exports/export-jobs.ts";
import { exportsDirectory } from "#app/features/exports/files.ts";
import { sendSignInLink } from "#app/features/auth/sign-in-links.ts";
import { can, PERMISSIONS, type Action, type Resource } from "#app/features/auth/permissions.ts";
import { answeringOrganisation, createConsultation } from "#app/features/consultations/consultations.ts";
import { createPartnerOrganisation } from "#app/features/organisations/organisations.ts";
import { PARTNER_TYPES } from "#app/features/organisations/types.ts";
import { importResponse } from "#app/features/responses/responses.ts";
import { latestSurveyVersion } from "#app/features/surveys/versions.ts";
import * as notFound from "#app/routes/$.tsx";
import * as home from "#app/routes/_index.tsx";
import * as account from "#app/routes/account.tsx";
import * as consultation from "#app/routes/consultations.$id._index.tsx";
import * as answerPage from "#app/routes/consultations.$id.answer.tsx";
import * as answers from "#app/routes/consultations.$id.answers.ts";
import * as editConsultation from "#app/routes/consultations.$id.edit.tsx";
import * as consultationProgress from "#app/routes/consultations.$id.progress.tsx";
import * as exportsPage from "#app/routes/consultations.$id.exports.tsx";
import * as exportDownloadRoute from "#app/routes/consultations.$id.exports.$exportId.ts";
import * as receipt from "#app/routes/consultations.$id.receipt.tsx";
import { createKeyMessage } from "#app/features/messages/key-messages.ts";
import { matchingOverview } from "#app/features/matching/matching.ts";
import * as submittedAnswer from "#app/routes/consultations.$id.responses.$responseId.tsx";
import * as submittedAnswers from "#app/routes/consultations.$id.responses._index.tsx";
import * as consultationSummary from "#app/routes/consultations.$id.summary.tsx";
import * as consultations from "#app/routes/consultations._index.tsx";
import * as newConsultation from "#app/routes/consultations.new.tsx";
import * as healthz from "#app/routes/healthz.ts";
import * as invitations from "#app/routes/invitations.tsx";
import * as acceptInvitation from "#app/routes/invite.$token.tsx";
import * as language from "#app/routes/language.tsx";
import * as editMeeting from "#app/routes/meetings.$id.edit.tsx";
import * as keyMessages from "#app/routes/meetings.$id.key-messages.tsx";
import * as matches from "#app/routes/meetings.$id.matches.tsx";
import * as beforeAfter from "#app/routes/meetings.$id.before-after.tsx";
import * as meetingSummary from "#app/routes/meetings.$id.summary.tsx";
import * as meetingExportsPage from "#app/routes/meetings.$id.exports.tsx";
import * as meetingExportDownload from "#app/routes/meetings.$id.exports.$exportId.ts";
import * as meetingOutcome from "#app/routes/meetings.$id._index.tsx";
import * as newMeeting from "#app/routes/meetings.new.tsx";
import * as organisation from "#app/routes/organisations.$id.tsx";
import * as organisations from "#app/routes/organisations._index.tsx";
import * as newOrganisation from "#app/routes/organisations.new.tsx";
import * as outboxMessage from "#app/routes/outbox.$id.tsx";
import * as outbox from "#app/routes/outbox._index.tsx";
import * as people from "#app/routes/people.tsx";
import * as proposalPage from "#app/routes/proposals.$id.tsx";
import * as proposalCoding from "#app/routes/proposals.coding.tsx";
import * as similarProposals from "#app/routes/proposals.$id_.similar.tsx";
import * as mergeProposals from "#app/routes/proposals.merge.tsx";
import * as proposalInbox from "#app/routes/proposals._index.tsx";
import * as signIn from "#app/routes/sign-in.tsx";
import * as signInActivity from "#app/routes/sign-in-activity.tsx";
import * as signInLink from "#app/routes/sign-in-link.$token.tsx";
import * as signOut from "#app/routes/sign-out.tsx";
import * as surveyVersion from "#app/routes/survey-versions.$id.ts";
import * as surveys from "#app/routes/surveys._index.tsx";
import * as uploadedSurvey from "#app/routes/surveys.$slug._index.tsx";
import * as surveyPreview from "#app/routes/surveys.$slug.preview.tsx";
import * as surveyWorkbook from "#app/routes/surveys.$slug.workbook.ts";
import { uploadSurvey } from "#app/features/surveys/uploads.ts";
import type { Database, Role } from "#db/schema.ts";
import { openNow } from "#tests/consultations.ts";
import { insertProposal } from "#tests/duplicates.ts";
import { startMailServer, sendMailThrough } from "#tests/mail-server.ts";
import { BASE, DEMO_PASSWORD, context, failedEmail, cookieFor, createMember, currentUserFor, demoEmail, outcome, settle, stateId, type Outcome } from "#tests/helpers.ts";

// Invitations and "send again" go through a mail server of this file's own.
const mail = await startMailServer();
sendMailThrough(mail);
afterAll(() => mail.close());

type Handler = (args: LoaderFunctionArgs) => unknown;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

/** Every module under app/routes, by file name: a new route file fails the coverage check until it is here. */
const MODULES = {
  "$.tsx": notFound,
  "_index.tsx": home,
  "account.tsx": account,
  "consultations.$id._index.tsx": consultation,
  "consultations.$id.answer.tsx": answerPage,
  "consultations.$id.answers.ts": answers,
  "consultations.$id.edit.tsx": editConsultation,
  "consultations.$id.progress.tsx": consultationProgress,
  "consultations.$id.exports.tsx": exportsPage,
  "consultations.$id.exports.$exportId.ts": exportDownloadRoute,
  "consultations.$id.receipt.tsx": receipt,
  "consultations.$id.responses.$responseId.tsx": submittedAnswer,
  "consultations.$id.responses._index.tsx": submittedAnswers,
  "consultations.$id.summary.tsx": consultationSummary,
  "proposals._index.tsx": proposalInbox,
  "consultations._index.tsx": consultations,
  "consultations.new.tsx": newConsultation,
  "healthz.ts": healthz,
  "invitations.tsx": invitations,
  "invite.$token.tsx": acceptInvitation,
  "language.tsx": language,
  "meetings.$id.edit.tsx": editMeeting,
  "meetings.$id.key-messages.tsx": keyMessages,
  "meetings.$id.matches.tsx": matches,
  "meetings.$id.before-after.tsx": beforeAfter,
  "meetings.$id.summary.tsx": meetingSummary,
  "meetings.$id.exports.tsx": meetingExportsPage,
  "meetings.$id.exports.$exportId.ts": meetingExportDownload,
  "meetings.$id._index.tsx": meetingOutcome,
  "meetings.new.tsx": newMeeting,
  "organisations.$id.tsx": organisation,
  "organisations._index.tsx": organisations,
  "organisations.new.tsx": newOrganisation,
  "outbox.$id.tsx": outboxMessage,
  "outbox._index.tsx": outbox,
  "people.tsx": people,
  "proposals.$id.tsx": proposalPage,
  "proposals.coding.tsx": proposalCoding,
  "proposals.$id_.similar.tsx": similarProposals,
  "proposals.merge.tsx": mergeProposals,
  "sign-in.tsx": signIn,
  "sign-in-activity.tsx": signInActivity,
  "sign-in-link.$token.tsx": signInLink,
  "sign-out.tsx": signOut,
  "survey-versions.$id.ts": surveyVersion,
  "surveys._index.tsx": surveys,
  "surveys.$slug._index.tsx": uploadedSurvey,
  "surveys.$slug.preview.tsx": surveyPreview,
  "surveys.$slug.workbook.ts": surveyWorkbook,
} satisfies Record<string, RouteModule>;

type RouteFile = keyof typeof MODULES;
type Who = Role | "anonymous";
const WHO: Who[] = ["admin", "rapporteur", "focal_point", "partner", "anonymous"];

/** Who answers the matrix's consultations: States and every kind of partner, so that every role can see them. */
const AUDIENCE = ["state", ...PARTNER_TYPES];
const FOLLOW_UP_ANSWERS = { usefulness: 4, takeaways: "Partnerships across levels of governance" };
const NEW_PASSWORD = "a long passphrase";

/** The seeded organisations and people the table refers to, and ways to make fresh things to act on. */
interface World {
  mexico: string;
  france: string;
  /** The demo partner's organisation (a diaspora network). */
  partnerOrg: string;
  meetingId: string;
  users: Record<Role, CurrentUser>;
  /** A consultation open now, nobody has answered yet. */
  openConsultation(): Promise<string>;
  /** The same, with Mexico's and the demo partner's answers submitted. */
  submittedConsultation(): Promise<string>;
  pendingInvitation(): Promise<{ id: string; token: string; outboxId: string }>;
  /** A CSV export of a consultation, asked for by the demo rapporteur and written. */
  rapporteurExport(consultationId: string): Promise<string>;
  /** A finished export of the whole meeting, asked for by the demo rapporteur. */
  rapporteurMeetingExport(): Promise<string>;
  /** A survey uploaded by the demo secretariat, not yet published: its slug. */
  uploadedSurvey(): Promise<string>;
  unique(): string;
}

interface Call {
  path: string;
  params?: Record<string, string>;
  form?: Record<string, string | readonly string[]>;
  json?: unknown;
  /** A file posted with the form (multipart), as a browser's file field sends it. */
  file?: { field: string; name: string; type: string; content: string };
}

/** A permission the route checks; the resource is what the route passes to `can` for this person. */
interface Gate {
  action: Action;
  resource?: (user: CurrentUser | null, world: World) => Resource;
}

interface Row {
  route: RouteFile;
  handler: "loader" | "action";
  /** What distinguishes this row from others on the same handler. */
  variant?: string;
  /** Every permission the handler requires, in the order it checks them; none for public routes. */
  gates: Gate[];
  /** The real outcome when every gate passes; a redirect names where it goes, so that it cannot be the sign-in page. */
  allowed: Expectation | ((user: CurrentUser | null, world: World) => Expectation);
  call: (world: World) => Promise<Call>;
}

interface Expectation {
  status: number;
  location?: string | RegExp;
}

const gate = (action: Action, resource?: Gate["resource"]): Gate => ({ action, resource });
/** What the answering routes check: the consultation is visible, and the person writes for the organisation they answer for. */
const answering: Gate[] = [
  gate("consultation.list"),
  gate("response.write", (user) => ({ organisationId: user ? answeringOrganisation(user, { audience: JSON.stringify(AUDIENCE) }) : null })),
];
/** The secretariat answering for Mexico by proxy (`?organisation=`). */
const proxy: Gate[] = [gate("consultation.list"), gate("response.proxy")];

const page = (id: string, path: string) => ({ path, params: { id } });
const surveyPage = (slug: string, rest: string) => ({ path: `/surveys/${slug}${rest}`, params: { slug } });
/** A survey as a SurveyJS form builder saves it: English only. */
const accessSurvey = (unique: string) => ({ title: `Access matrix ${unique}`, pages: [{ name: "page1", elements: [{ type: "text", name: "question1", title: "Your name" }] }] });
const consultationForm = (world: World, slug: string) => ({
  meetingId: world.meetingId,
  slug,
  phase: "post",
  kind: "follow_up",
  audience: AUDIENCE,
  surveySlug: "follow-up",
  title_en: "Access follow-up",
  title_fr: "Suivi des accès",
  title_es: "Seguimiento de accesos",
  description_en: "A consultation made by the access matrix",
  description_fr: "Une consultation créée par la matrice des accès",
  description_es: "Una consulta creada por la matriz de accesos",
  opensAt: "2026-12-01T09:00",
  closesAt: "2027-01-15T18:00",
  publish: "on",
});

async function meetingForm(world: World, slug?: string): Promise<Record<string, string>> {
  const { id: _id, created_at: _created, updated_at: _updated, ...values } = await getDb().selectFrom("meeting").selectAll().where("id", "=", world.meetingId).executeTakeFirstOrThrow();
  return { ...values, slug: slug ?? values.slug };
}

/**
 * The permission table, route by route: who may call each loader and action follows from
 * PERMISSIONS through the gates, never from a list of roles written here. A new route or a new
 * handler (proposals, exports) is one row, and the coverage check below fails until it has one.
 */
const TABLE: Row[] = [
  { route: "_index.tsx", handler: "loader", gates: [gate("meeting.read")], allowed: { status: 200 }, call: async () => ({ path: "/" }) },

  { route: "account.tsx", handler: "loader", gates: [gate("account.manage")], allowed: { status: 200 }, call: async () => ({ path: "/account" }) },
  {
    route: "account.tsx",
    handler: "action",
    gates: [gate("account.manage")],
    // The same password again: the change is real (sessions end, a new one is given) but the demo accounts keep working.
    allowed: { status: 302, location: "/account?changed=1" },
    call: async () => ({ path: "/account", form: { currentPassword: DEMO_PASSWORD, password: DEMO_PASSWORD, confirmPassword: DEMO_PASSWORD } }),
  },

  { route: "consultations._index.tsx", handler: "loader", gates: [gate("consultation.list")], allowed: { status: 200 }, call: async () => ({ path: "/consultations" }) },
  { route: "consultations.new.tsx", handler: "loader", gates: [gate("consultation.manage")], allowed: { status: 200 }, call: async () => ({ path: "/consultations/new" }) },
  {
    route: "consultations.new.tsx",
    handler: "action",
    gates: [gate("consultation.manage")],
    allowed: { status: 302, location: /^\/consultations\/[0-9a-f-]{36}$/ },
    call: async (w) => ({ path: "/consultations/new", form: consultationForm(w, `access-${w.unique()}`) }),
  },
  {
    route: "consultations.$id._index.tsx",
    handler: "loader",
    gates: [gate("consultation.list")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.openConsultation();
      return page(id, `/consultations/${id}`);
    },
  },
  {
    route: "consultations.$id._index.tsx",
    handler: "action",
    variant: "close now",
    gates: [gate("consultation.list"), gate("consultation.manage")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.openConsultation();
      return { ...page(id, `/consultations/${id}`), form: { intent: "close", confirmed: "yes" } };
    },
  },
  {
    route: "consultations.$id.progress.tsx",
    handler: "loader",
    gates: [gate("consultation.progress")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.submittedConsultation();
      return page(id, `/consultations/${id}/progress?state=submitted&sort=activity&order=desc`);
    },
  },
  {
    route: "consultations.$id.responses._index.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.submittedConsultation();
      return page(id, `/consultations/${id}/responses?language=en&attribution=attributable&sort=submitted&order=desc`);
    },
  },
  {
    route: "consultations.$id.exports.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.submittedConsultation();
      return page(id, `/consultations/${id}/exports`);
    },
  },
  {
    route: "consultations.$id.exports.tsx",
    handler: "action",
    gates: [gate("response.readAll")],
    allowed: { status: 302, location: /^\/consultations\/[0-9a-f-]{36}\/exports$/ },
    call: async (w) => {
      const id = await w.submittedConsultation();
      return { ...page(id, `/consultations/${id}/exports`), form: { format: "csv", language: "fr", profile: "public", values: "labels" } };
    },
  },
  {
    route: "consultations.$id.exports.$exportId.ts",
    handler: "loader",
    gates: [gate("response.readAll")],
    // The file is the rapporteur's, who asked for it: the secretariat, allowed the page, is not given it.
    allowed: (user) => ({ status: user && hasRole(user, "rapporteur") ? 200 : 404 }),
    call: async (w) => {
      const id = await w.submittedConsultation();
      const exportId = await w.rapporteurExport(id);
      return { path: `/consultations/${id}/exports/${exportId}`, params: { id, exportId } };
    },
  },
  {
    route: "consultations.$id.summary.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.submittedConsultation();
      return page(id, `/consultations/${id}/summary?attribution=attributable&region=419`);
    },
  },
  {
    route: "meetings.$id.summary.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.submittedConsultation();
      return page(w.meetingId, `/meetings/${w.meetingId}/summary?consultation=${id}&type=state`);
    },
  },
  {
    route: "meetings.$id.exports.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async (w) => page(w.meetingId, `/meetings/${w.meetingId}/exports?region=419&type=state`),
  },
  {
    route: "meetings.$id.exports.tsx",
    handler: "action",
    gates: [gate("response.readAll")],
    allowed: { status: 302, location: /^\/meetings\/[0-9a-f-]{36}\/exports$/ },
    call: async (w) => ({ ...page(w.meetingId, `/meetings/${w.meetingId}/exports`), form: { format: "json", language: "fr", profile: "public", values: "labels", attribution: "attributable" } }),
  },
  {
    route: "meetings.$id.exports.$exportId.ts",
    handler: "loader",
    gates: [gate("response.readAll")],
    // As a consultation's: the file is the rapporteur's, who asked for it.
    allowed: (user) => ({ status: user && hasRole(user, "rapporteur") ? 200 : 404 }),
    call: async (w) => {
      const exportId = await w.rapporteurMeetingExport();
      return { path: `/meetings/${w.meetingId}/exports/${exportId}`, params: { id: w.meetingId, exportId } };
    },
  },
  {
    route: "proposals._index.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async () => ({ path: "/proposals?language=es&status=received&q=formaci%C3%B3n&sort=title" }),
  },
  {
    route: "consultations.$id.responses.$responseId.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.submittedConsultation();
      const mexico = await getDb().selectFrom("response").select("id").where("consultation_id", "=", id).where("organisation_id", "=", w.mexico).executeTakeFirstOrThrow();
      return { path: `/consultations/${id}/responses/${mexico.id}?language=en`, params: { id, responseId: mexico.id } };
    },
  },
  {
    route: "consultations.$id.responses.$responseId.tsx",
    handler: "action",
    gates: [gate("keyMessage.write")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.submittedConsultation();
      const db = getDb();
      const consultation = await db.selectFrom("consultation").select("meeting_id").where("id", "=", id).executeTakeFirstOrThrow();
      const mexico = await db.selectFrom("response").select("id").where("consultation_id", "=", id).where("organisation_id", "=", w.mexico).executeTakeFirstOrThrow();
      const message = await createKeyMessage(db, { id: w.users.admin.id }, consultation.meeting_id, { title: `Access matrix ${w.unique()}`, body: "Text", language: "en" }, { ip: null });
      if (!message.ok) throw new Error("The key message was refused");
      return { path: `/consultations/${id}/responses/${mexico.id}`, params: { id, responseId: mexico.id }, form: { messageId: message.id } };
    },
  },
  {
    route: "proposals.$id_.similar.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async (w) => {
      const consultationId = await w.openConsultation();
      const id = await insertProposal({ consultationId, language: "en", title: "Mobile consular units", summary: "Mobile consular units in farming areas." });
      return { path: `/proposals/${id}/similar`, params: { id } };
    },
  },
  {
    route: "proposals.merge.tsx",
    handler: "loader",
    gates: [gate("proposal.code")],
    allowed: { status: 200 },
    call: async () => ({ path: "/proposals/merge" }),
  },
  {
    route: "proposals.merge.tsx",
    handler: "action",
    gates: [gate("proposal.code")],
    allowed: { status: 302, location: /^\/proposals\/[0-9a-f-]{36}$/ },
    call: async (w) => {
      const consultationId = await w.openConsultation();
      const a = await insertProposal({ consultationId, language: "en", title: "Mobile consular units", summary: "Mobile consular units in farming areas." });
      const b = await insertProposal({ consultationId, language: "es", title: "Consulados móviles", summary: "Unidades consulares móviles." });
      return { path: "/proposals/merge", form: { proposal: [a, b], title: "Mobile consular units", summary: "Merged by the access matrix" } };
    },
  },
  {
    route: "consultations.$id.edit.tsx",
    handler: "loader",
    gates: [gate("consultation.manage")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.openConsultation();
      return page(id, `/consultations/${id}/edit`);
    },
  },
  {
    route: "consultations.$id.edit.tsx",
    handler: "action",
    gates: [gate("consultation.manage")],
    allowed: { status: 302, location: /^\/consultations\/[0-9a-f-]{36}$/ },
    call: async (w) => {
      const id = await w.openConsultation();
      return { ...page(id, `/consultations/${id}/edit`), form: consultationForm(w, `access-${w.unique()}`) };
    },
  },
  {
    route: "consultations.$id.answer.tsx",
    handler: "loader",
    variant: "own organisation",
    gates: answering,
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.openConsultation();
      return page(id, `/consultations/${id}/answer`);
    },
  },
  {
    route: "consultations.$id.answer.tsx",
    handler: "loader",
    variant: "Mexico by proxy",
    gates: proxy,
    allowed: { status: 200 },
    call: async (w) => {
      const id = await w.openConsultation();
      return page(id, `/consultations/${id}/answer?organisation=${w.mexico}`);
    },
  },
  ...(["own organisation", "Mexico by proxy"] as const).flatMap((whose): Row[] => {
    const gates = whose === "own organisation" ? answering : proxy;
    const path = (w: World, id: string) => `/consultations/${id}/answers${whose === "own organisation" ? "" : `?organisation=${w.mexico}`}`;
    const answersRow = (intent: string, scene: "open" | "submitted", json: unknown): Row => ({
      route: "consultations.$id.answers.ts",
      handler: "action",
      variant: `${intent}, ${whose}`,
      gates,
      allowed: { status: 200 },
      call: async (w) => {
        const id = scene === "open" ? await w.openConsultation() : await w.submittedConsultation();
        return { ...page(id, path(w, id)), json };
      },
    });
    return [
      answersRow("save", "open", { intent: "save", answers: { usefulness: 3 }, revision: 0, page: 1 }),
      answersRow("submit", "open", { intent: "submit", answers: FOLLOW_UP_ANSWERS, revision: 0, page: 0, attribution: "attributable" }),
      answersRow("reopen", "submitted", { intent: "reopen" }),
      answersRow("attribution", "submitted", { intent: "attribution", attribution: "aggregate_only" }),
      {
        route: "consultations.$id.receipt.tsx",
        handler: "loader",
        variant: whose,
        gates,
        allowed: { status: 200 },
        call: async (w) => {
          const id = await w.submittedConsultation();
          return page(id, path(w, id).replace("/answers", "/receipt"));
        },
      },
      {
        route: "consultations.$id.receipt.tsx",
        handler: "action",
        variant: whose,
        gates,
        allowed: { status: 200 },
        call: async (w) => {
          const id = await w.submittedConsultation();
          return { ...page(id, path(w, id).replace("/answers", "/receipt")), form: { attribution: "non_attributable" } };
        },
      },
    ];
  }),

  { route: "healthz.ts", handler: "loader", gates: [], allowed: { status: 200 }, call: async () => ({ path: "/healthz" }) },
  { route: "$.tsx", handler: "loader", gates: [], allowed: { status: 404 }, call: async () => ({ path: "/no-such-page" }) },
  { route: "$.tsx", handler: "action", gates: [], allowed: { status: 404 }, call: async () => ({ path: "/no-such-page", form: {} }) },
  {
    route: "survey-versions.$id.ts",
    handler: "loader",
    gates: [gate("consultation.list")],
    allowed: { status: 200 },
    call: async () => {
      const version = await latestSurveyVersion(getDb(), "capacity-needs");
      if (!version) throw new Error("no capacity-needs version");
      return page(version.id, `/survey-versions/${version.id}`);
    },
  },

  { route: "surveys._index.tsx", handler: "loader", gates: [gate("survey.manage")], allowed: { status: 200 }, call: async () => ({ path: "/surveys" }) },
  {
    route: "surveys._index.tsx",
    handler: "action",
    gates: [gate("survey.manage")],
    allowed: { status: 302, location: /^\/surveys\/access-matrix-/ },
    call: async (w) => ({ path: "/surveys", file: { field: "file", name: "survey.json", type: "application/json", content: JSON.stringify(accessSurvey(w.unique())) } }),
  },
  { route: "surveys.$slug._index.tsx", handler: "loader", gates: [gate("survey.manage")], allowed: { status: 200 }, call: async (w) => surveyPage(await w.uploadedSurvey(), "") },
  {
    route: "surveys.$slug._index.tsx",
    handler: "action",
    gates: [gate("survey.manage")],
    allowed: { status: 200 },
    call: async (w) => ({ ...surveyPage(await w.uploadedSurvey(), ""), form: { intent: "translate", "text:fr:/title": "Matrice des accès", "was:fr:/title": "" } }),
  },
  { route: "surveys.$slug.preview.tsx", handler: "loader", gates: [gate("survey.manage")], allowed: { status: 200 }, call: async (w) => surveyPage(await w.uploadedSurvey(), "/preview?in=fr") },
  { route: "surveys.$slug.workbook.ts", handler: "loader", gates: [gate("survey.manage")], allowed: { status: 200 }, call: async (w) => surveyPage(await w.uploadedSurvey(), "/workbook") },

  { route: "invitations.tsx", handler: "loader", gates: [gate("invitation.list")], allowed: { status: 200 }, call: async () => ({ path: "/invitations" }) },
  {
    route: "invitations.tsx",
    handler: "action",
    variant: "create",
    gates: [gate("invitation.create")],
    allowed: { status: 302, location: "/invitations?invited=1" },
    call: async (w) => ({ path: "/invitations", form: { intent: "create", email: `${w.unique()}@example.org`, organisationId: w.france, role: "focal_point", language: "en" } }),
  },
  {
    route: "invitations.tsx",
    handler: "action",
    variant: "revoke",
    gates: [gate("invitation.revoke")],
    allowed: { status: 200 },
    call: async (w) => ({ path: "/invitations", form: { intent: "revoke", invitationId: (await w.pendingInvitation()).id } }),
  },
  {
    route: "invite.$token.tsx",
    handler: "loader",
    gates: [],
    allowed: { status: 200 },
    call: async (w) => {
      const { token } = await w.pendingInvitation();
      return { path: `/invite/${token}`, params: { token } };
    },
  },
  {
    route: "invite.$token.tsx",
    handler: "action",
    // The token is the credential: whoever holds it, signed in or not, may accept it.
    gates: [],
    allowed: { status: 302, location: /^\/organisations\/[0-9a-f-]{36}\?welcome=1$/ },
    call: async (w) => {
      const { token } = await w.pendingInvitation();
      return { path: `/invite/${token}`, params: { token }, form: { name: "Invited Person", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } };
    },
  },

  { route: "language.tsx", handler: "action", gates: [], allowed: { status: 302, location: "/consultations" }, call: async () => ({ path: "/language", form: { language: "en", redirectTo: "/consultations" } }) },

  { route: "meetings.new.tsx", handler: "loader", gates: [gate("meeting.manage")], allowed: { status: 200 }, call: async () => ({ path: "/meetings/new" }) },
  {
    route: "meetings.new.tsx",
    handler: "action",
    gates: [gate("meeting.manage")],
    allowed: { status: 302, location: "/" },
    call: async (w) => ({ path: "/meetings/new", form: await meetingForm(w, `meeting-${w.unique()}`) }),
  },
  { route: "meetings.$id.edit.tsx", handler: "loader", gates: [gate("meeting.manage")], allowed: { status: 200 }, call: async (w) => page(w.meetingId, `/meetings/${w.meetingId}/edit`) },
  {
    route: "meetings.$id.edit.tsx",
    handler: "action",
    gates: [gate("meeting.manage")],
    allowed: { status: 302, location: "/" },
    call: async (w) => ({ ...page(w.meetingId, `/meetings/${w.meetingId}/edit`), form: await meetingForm(w) }),
  },
  { route: "meetings.$id._index.tsx", handler: "loader", gates: [gate("meeting.read")], allowed: { status: 200 }, call: async (w) => page(w.meetingId, `/meetings/${w.meetingId}`) },
  { route: "meetings.$id.before-after.tsx", handler: "loader", gates: [gate("response.readAll")], allowed: { status: 200 }, call: async (w) => page(w.meetingId, `/meetings/${w.meetingId}/before-after`) },
  { route: "meetings.$id.key-messages.tsx", handler: "loader", gates: [gate("keyMessage.write")], allowed: { status: 200 }, call: async (w) => page(w.meetingId, `/meetings/${w.meetingId}/key-messages`) },
  {
    route: "meetings.$id.key-messages.tsx",
    handler: "action",
    gates: [gate("keyMessage.write")],
    allowed: { status: 200 },
    call: async (w) => ({ ...page(w.meetingId, `/meetings/${w.meetingId}/key-messages`), form: { intent: "create", title: `Access matrix ${w.unique()}`, body: "A message.", language: "en" } }),
  },
  { route: "meetings.$id.matches.tsx", handler: "loader", gates: [gate("match.decide")], allowed: { status: 200 }, call: async (w) => page(w.meetingId, `/meetings/${w.meetingId}/matches`) },
  {
    route: "meetings.$id.matches.tsx",
    handler: "action",
    gates: [gate("match.decide")],
    allowed: { status: 200 },
    // A match of the demo that nobody has confirmed yet, so that each allowed call leaves its trace.
    call: async (w) => {
      const overview = await matchingOverview(getDb(), w.meetingId, "en");
      const need = overview.needs.find((entry) => entry.matches.some((match) => match.status === "suggested"));
      const candidate = need?.matches.find((match) => match.status === "suggested")?.candidate;
      if (!need || !candidate) throw new Error("the demo has no suggested match");
      return { ...page(w.meetingId, `/meetings/${w.meetingId}/matches`), form: { intent: "confirm", needId: need.need.id, kind: candidate.kind, candidateId: candidate.id } };
    },
  },

  { route: "organisations._index.tsx", handler: "loader", gates: [gate("organisation.list")], allowed: { status: 200 }, call: async () => ({ path: "/organisations" }) },
  { route: "organisations.new.tsx", handler: "loader", gates: [gate("organisation.create")], allowed: { status: 200 }, call: async () => ({ path: "/organisations/new" }) },
  {
    route: "organisations.new.tsx",
    handler: "action",
    gates: [gate("organisation.create")],
    allowed: { status: 302, location: /^\/organisations\/[0-9a-f-]{36}$/ },
    call: async (w) => ({ path: "/organisations/new", form: { type: "ngo", name: `Access Matrix Forum ${w.unique()}` } }),
  },
  {
    route: "organisations.$id.tsx",
    handler: "loader",
    variant: "Mexico",
    gates: [gate("organisation.read", (_user, w) => ({ organisationId: w.mexico }))],
    allowed: { status: 200 },
    call: async (w) => page(w.mexico, `/organisations/${w.mexico}`),
  },
  {
    route: "organisations.$id.tsx",
    handler: "loader",
    variant: "the demo partner's organisation",
    gates: [gate("organisation.read", (_user, w) => ({ organisationId: w.partnerOrg }))],
    allowed: { status: 200 },
    call: async (w) => page(w.partnerOrg, `/organisations/${w.partnerOrg}`),
  },
  {
    route: "organisations.$id.tsx",
    handler: "action",
    variant: "invite into Mexico",
    gates: [gate("invitation.create")],
    allowed: (_user, w) => ({ status: 302, location: `/organisations/${w.mexico}?invited=1` }),
    call: async (w) => ({ ...page(w.mexico, `/organisations/${w.mexico}`), form: { email: `${w.unique()}@example.org`, organisationId: w.mexico, role: "focal_point", language: "en" } }),
  },

  { route: "outbox._index.tsx", handler: "loader", gates: [gate("outbox.read")], allowed: { status: 200 }, call: async () => ({ path: "/outbox" }) },
  {
    route: "outbox.$id.tsx",
    handler: "loader",
    gates: [gate("outbox.read")],
    allowed: { status: 200 },
    call: async (w) => {
      const { outboxId } = await w.pendingInvitation();
      return page(outboxId, `/outbox/${outboxId}`);
    },
  },
  {
    route: "outbox.$id.tsx",
    handler: "action",
    variant: "send a failed e-mail again",
    gates: [gate("outbox.resend")],
    allowed: { status: 200 },
    call: async (w) => {
      const id = await failedEmail(`${w.unique()}@example.org`);
      return { ...page(id, `/outbox/${id}`), form: { intent: "resend" } };
    },
  },
  { route: "people.tsx", handler: "loader", gates: [gate("people.list")], allowed: { status: 200 }, call: async () => ({ path: "/people" }) },
  {
    route: "people.tsx",
    handler: "action",
    variant: "deactivate an account",
    gates: [gate("people.manage")],
    allowed: { status: 200 },
    call: async (w) => {
      const person = await createMember(w.france, "focal_point");
      return { path: "/people", form: { intent: "deactivate", userId: person.id, confirmed: "yes" } };
    },
  },
  {
    route: "people.tsx",
    handler: "action",
    variant: "make a rapporteur an administrator",
    gates: [gate("people.manage")],
    allowed: { status: 200 },
    call: async () => {
      const secretariat = await getDb().selectFrom("organisation").select("id").where("type", "=", "secretariat").executeTakeFirstOrThrow();
      const person = await createMember(secretariat.id, "rapporteur");
      const membership = await getDb().selectFrom("membership").select("id").where("user_id", "=", person.id).executeTakeFirstOrThrow();
      return { path: "/people", form: { intent: "role", membershipId: membership.id, role: "admin", confirmed: "yes" } };
    },
  },

  {
    route: "proposals.$id.tsx",
    handler: "loader",
    gates: [gate("response.readAll")],
    allowed: { status: 200 },
    call: async () => {
      const id = await demoProposal();
      return page(id, `/proposals/${id}`);
    },
  },
  {
    route: "proposals.coding.tsx",
    handler: "action",
    gates: [gate("proposal.code")],
    allowed: { status: 302, location: /^\/proposals\/[0-9a-f-]{36}\?coded=1$/ },
    call: async (w) => {
      const id = await demoProposal();
      return { path: "/proposals/coding", form: { proposal: id, intent: "add-tag", tag: `access ${w.unique()}`, redirectTo: `/proposals/${id}` } };
    },
  },

  {
    route: "sign-in.tsx",
    handler: "loader",
    gates: [],
    // Someone already signed in is sent on to where they were going.
    allowed: (user) => (user ? { status: 302, location: "/consultations" } : { status: 200 }),
    call: async () => ({ path: "/sign-in?redirectTo=%2Fconsultations" }),
  },
  {
    route: "sign-in.tsx",
    handler: "action",
    gates: [],
    allowed: { status: 302, location: "/consultations" },
    call: async () => ({ path: "/sign-in", form: { email: demoEmail("focal_point"), password: DEMO_PASSWORD, redirectTo: "/consultations" } }),
  },
  { route: "sign-in-activity.tsx", handler: "loader", gates: [gate("signInActivity.read")], allowed: { status: 200 }, call: async () => ({ path: "/sign-in-activity" }) },
  // The token is the credential, as for invitations.
  {
    route: "sign-in-link.$token.tsx",
    handler: "loader",
    gates: [],
    allowed: { status: 200 },
    call: async (w) => {
      const token = await freshSignInLink(w);
      return { path: `/sign-in-link/${token}`, params: { token } };
    },
  },
  {
    route: "sign-in-link.$token.tsx",
    handler: "action",
    gates: [],
    allowed: { status: 302, location: "/" },
    call: async (w) => {
      const token = await freshSignInLink(w);
      return { path: `/sign-in-link/${token}`, params: { token }, form: {} };
    },
  },
  { route: "sign-out.tsx", handler: "loader", gates: [], allowed: { status: 302, location: "/" }, call: async () => ({ path: "/sign-out" }) },
  { route: "sign-out.tsx", handler: "action", gates: [], allowed: { status: 302, location: "/" }, call: async () => ({ path: "/sign-out" }) },
];

/** A proposal of the demo data. */
async function demoProposal(): Promise<string> {
  return (await getDb().selectFrom("proposal").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
}

/** A link sent to a new focal point of Mexico, as an account under attack gets one; its token. */
async function freshSignInLink(w: World): Promise<string> {
  const member = await createMember(w.mexico, "focal_point");
  const emailId = await sendSignInLink(getDb(), { id: member.id, email: member.email, preferredLanguage: null }, { baseUrl: BASE, delivers: false, language: "en", ip: null, now: new Date() });
  const email = await getDb().selectFrom("email_outbox").select("text_body").where("id", "=", emailId ?? "").executeTakeFirstOrThrow();
  return /\/sign-in-link\/([a-z2-7]+)/.exec(email.text_body)?.[1] ?? "";
}

function requestFor(handler: Row["handler"], call: Call, cookie: string | null): Request {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  if (handler === "loader") return new Request(`${BASE}${call.path}`, { headers });
  if (call.json !== undefined) {
    return new Request(`${BASE}${call.path}`, { method: "POST", body: JSON.stringify(call.json), headers: { ...headers, "Content-Type": "application/json" } });
  }
  if (call.file) {
    const multipart = new FormData();
    for (const [name, value] of Object.entries(call.form ?? {})) for (const item of typeof value === "string" ? [value] : value) multipart.append(name, item);
    multipart.append(call.file.field, new File([call.file.content], call.file.name, { type: call.file.type }));
    return new Request(`${BASE}${call.path}`, { method: "POST", body: multipart, headers });
  }
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(call.form ?? {})) {
    for (const item of typeof value === "string" ? [value] : value) body.append(name, item);
  }
  return new Request(`${BASE}${call.path}`, { method: "POST", body, headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" } });
}

async function run(row: Pick<Row, "route" | "handler">, call: Call, cookie: string | null): Promise<Outcome> {
  const handler: Handler | undefined = (MODULES[row.route] as RouteModule)[row.handler];
  if (!handler) throw new Error(`${row.route} has no ${row.handler}`);
  return outcome(await settle(async () => handler({ request: requestFor(row.handler, call, cookie), context, params: call.params ?? {} })));
}

/** The outcome the permission table promises this person, and whether it is a refusal. */
function expectedFor(row: Row, user: CurrentUser | null, world: World, path: string): Expectation & { refused: boolean } {
  const permitted = row.gates.every((g) => can(user, g.action, g.resource?.(user, world)));
  if (permitted) return { ...(typeof row.allowed === "function" ? row.allowed(user, world) : row.allowed), refused: false };
  // requirePermission: anonymous visitors go to sign in and come back; signed-in people get a 403.
  return user ? { status: 403, refused: true } : { status: 302, location: `/sign-in?redirectTo=${encodeURIComponent(path)}`, refused: true };
}

/** Tables a request can write to, whole, and append-only tables by their size. */
const WHOLE = ["response", "consultation", "meeting", "invitation", "organisation", "membership", "user"] as const satisfies readonly (keyof Database)[];
const COUNTED = ["response_revision", "audit_event", "email_outbox", "session"] as const satisfies readonly (keyof Database)[];

async function footprint(): Promise<Record<string, unknown>> {
  const db = getDb();
  const seen: Record<string, unknown> = {};
  for (const table of WHOLE) seen[table] = await db.selectFrom(table).selectAll().orderBy("id").execute();
  for (const table of COUNTED) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    seen[table] = Number(row.n);
  }
  return seen;
}

let world: World;

beforeAll(async () => {
  const db = getDb();
  const users = {} as Record<Role, CurrentUser>;
  for (const role of ["admin", "rapporteur", "focal_point", "partner"] as const) users[role] = await currentUserFor(demoEmail(role));
  const partnerOrg = users.partner.memberships[0]?.organisationId;
  if (!partnerOrg) throw new Error("The demo partner has no organisation");
  const meeting = await db.selectFrom("meeting").select("id").executeTakeFirstOrThrow();
  const version = await latestSurveyVersion(db, "follow-up");
  if (!version) throw new Error("follow-up is not registered");
  const mexico = await stateId("MX");
  const france = await stateId("FR");
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}-${(counter += 1)}`;
  const openConsultation = async () => {
    const day = 24 * 60 * 60 * 1000;
    return createConsultation(
      db,
      null,
      {
        meetingId: meeting.id,
        slug: `access-${unique()}`,
        phase: "post",
        kind: "follow_up",
        audience: AUDIENCE,
        surveySlug: "follow-up",
        surveyVersionId: version.id,
        title: { en: "Follow-up", fr: "Suivi", es: "Seguimiento" },
        description: { en: "Access matrix", fr: "Matrice des accès", es: "Matriz de accesos" },
        opensAt: new Date(Date.now() - day).toISOString(),
        closesAt: new Date(Date.now() + 30 * day).toISOString(),
        publish: true,
      },
      { ip: null },
    );
  };
  world = {
    mexico,
    france,
    partnerOrg,
    meetingId: meeting.id,
    users,
    unique,
    openConsultation,
    async submittedConsultation() {
      const id = await openConsultation();
      const row = await db.selectFrom("consultation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      for (const [organisationId, user] of [
        [mexico, users.focal_point],
        [partnerOrg, users.partner],
      ] as const) {
        const imported = await importResponse(db, { consultation: row, organisationId, userId: user.id, answers: FOLLOW_UP_ANSWERS, status: "submitted", attribution: "attributable", language: "en", at: new Date() });
        if (!imported.ok) throw new Error(`The matrix's answers do not pass: ${JSON.stringify(imported.problems)}`);
      }
      return id;
    },
    async rapporteurExport(consultationId) {
      const row = await db.selectFrom("consultation").selectAll().where("id", "=", consultationId).executeTakeFirstOrThrow();
      const exportId = await requestExport(db, users.rapporteur, row, { format: "csv", language: "en", profile: "rapporteur", values: "codes", filters: {} }, { ip: null });
      if (!exportId) throw new Error("The rapporteur may not export");
      await writeRequestedExport(db, exportId, { directory: exportsDirectory(getEnv()), progress: async () => true });
      return exportId;
    },
    async rapporteurMeetingExport() {
      const whole = await db.selectFrom("meeting").selectAll().where("id", "=", meeting.id).executeTakeFirstOrThrow();
      const exportId = await requestExport(db, users.rapporteur, { meeting: whole }, { format: "json", language: "en", profile: "rapporteur", values: "codes", filters: {} }, { ip: null });
      if (!exportId) throw new Error("The rapporteur may not export");
      await writeRequestedExport(db, exportId, { directory: exportsDirectory(getEnv()), progress: async () => true });
      return exportId;
    },
    async uploadedSurvey() {
      const result = await uploadSurvey(db, { user: users.admin, ip: null }, { name: "survey.json", text: JSON.stringify(accessSurvey(unique())) });
      if (!result.ok) throw new Error(`Could not upload: ${result.reason}`);
      return result.slug;
    },
    async pendingInvitation() {
      const result = await invite(db, users.admin, { email: `${unique()}@example.org`, organisationId: france, role: "focal_point", language: "en" }, { baseUrl: BASE, delivers: false, ip: null });
      if (!result.ok) throw new Error(`Could not invite: ${result.reason}`);
      return { id: result.invitationId, token: result.token, outboxId: result.emailId };
    },
  };
});

describe("the permission table", () => {
  it("covers every route file, and every loader and action each one exports", () => {
    const files = readdirSync(fileURLToPath(new URL("../../app/routes/", import.meta.url))).filter((file) => !/\.test\./.test(file));
    expect(files.sort()).toEqual(Object.keys(MODULES).sort());
    const exported = Object.entries(MODULES).flatMap(([file, module]) => (["loader", "action"] as const).filter((handler) => handler in module).map((handler) => `${file} ${handler}`));
    const covered = new Set(TABLE.map((row) => `${row.route} ${row.handler}`));
    expect([...covered].sort()).toEqual(exported.sort());
  });

  it("every action in PERMISSIONS governs some route, but response.read, which none checks yet", () => {
    const used = new Set(TABLE.flatMap((row) => row.gates.map((g) => g.action)));
    // No route checks response.read yet: responses are reached only through the answering
    // pages, gated by response.write and response.proxy. A route that reads them adds its row here.
    expect(Object.keys(PERMISSIONS).filter((action) => !used.has(action as Action))).toEqual(["response.read"]);
  });

  it("the JSON answers endpoint has no loader: a GET cannot read anyone's answers", () => {
    expect("loader" in MODULES["consultations.$id.answers.ts"]).toBe(false);
  });
});

for (const row of TABLE) {
  describe(`${row.route} ${row.handler}${row.variant ? ` (${row.variant})` : ""}`, () => {
    for (const who of WHO) {
      it(`as ${who}`, async () => {
        const user = who === "anonymous" ? null : world.users[who];
        const call = await row.call(world);
        const cookie = who === "anonymous" ? null : await cookieFor(demoEmail(who));
        const { refused, status, location } = expectedFor(row, user, world, call.path);
        if (status === 302) expect(location, "a redirect in the table says where it goes").toBeDefined();
        const before = await footprint();
        const result = await run(row, call, cookie);
        expect({ status: result.status, location: result.headers.get("Location") ?? undefined }).toEqual({
          status,
          location: location instanceof RegExp ? expect.stringMatching(location) : location,
        });
        // Refused requests, every loader and every error answer (an address that leads nowhere)
        // leave the database as it was; an allowed action by someone signed in really happened
        // (anonymous ones may only set a cookie, as /language does).
        if (refused || row.handler === "loader" || status >= 400) expect(await footprint()).toEqual(before);
        else if (row.handler === "action" && user) expect(await footprint()).not.toEqual(before);
      });
    }
  });
}

/** Mexico's response to a consultation and its revisions, to show that nothing of it changed. */
async function responseOf(consultationId: string, organisationId: string) {
  const db = getDb();
  const response = await db.selectFrom("response").selectAll().where("consultation_id", "=", consultationId).where("organisation_id", "=", organisationId).executeTakeFirst();
  const revisions = response ? await db.selectFrom("response_revision").selectAll().where("response_id", "=", response.id).orderBy("revision").execute() : [];
  return { response, revisions };
}

describe("one organisation's answers are out of reach of every other", () => {
  const SECRET = "Confidential position of Mexico";
  const INTENTS = [
    { intent: "save", answers: { usefulness: 1, takeaways: "overwritten" }, revision: 1, page: 0 },
    { intent: "submit", answers: { usefulness: 1, takeaways: "overwritten" }, revision: 1, page: 0, attribution: "aggregate_only" },
    { intent: "reopen" },
    { intent: "attribution", attribution: "aggregate_only" },
  ] as const;
  let strangers: { label: string; email: string; organisationId: string; name: string }[];
  /** Mexico's and the demo partner's answers submitted. */
  let submitted: string;
  /** Mexico's draft, not submitted. */
  let draft: string;

  beforeAll(async () => {
    const db = getDb();
    const frenchFocal = await createMember(world.france, "focal_point");
    const other = await createPartnerOrganisation(db, world.users.admin, { type: "diaspora", name: "Another Diaspora Forum" }, { ip: null });
    if (!other.ok) throw new Error("Could not create the other partner organisation");
    const otherPartner = await createMember(other.id, "partner");
    strangers = [
      { label: "a focal point of France", email: frenchFocal.email, organisationId: world.france, name: "France" },
      { label: "a partner of another organisation", email: otherPartner.email, organisationId: other.id, name: "Another Diaspora Forum" },
    ];
    submitted = await world.submittedConsultation();
    draft = await world.openConsultation();
    const row = await db.selectFrom("consultation").selectAll().where("id", "=", draft).executeTakeFirstOrThrow();
    const imported = await importResponse(db, { consultation: row, organisationId: world.mexico, userId: world.users.focal_point.id, answers: { usefulness: 5, takeaways: SECRET }, status: "draft", attribution: null, language: "en", at: new Date() });
    if (!imported.ok) throw new Error("Mexico's draft does not pass");
  });

  /** The organisations whose answers a stranger goes after: Mexico, and the demo partner. */
  const victims = () => [
    { label: "Mexico", id: world.mexico },
    { label: "the demo partner's organisation", id: world.partnerOrg },
  ];

  it("naming the organisation in the URL opens neither the answering page nor the receipt (403), for drafts and submitted answers", async () => {
    for (const stranger of strangers) {
      const cookie = await cookieFor(stranger.email);
      for (const victim of victims()) {
        for (const id of [submitted, draft]) {
          const before = await footprint();
          for (const route of ["consultations.$id.answer.tsx", "consultations.$id.receipt.tsx"] as const) {
            const path = `/consultations/${id}/${route === "consultations.$id.answer.tsx" ? "answer" : "receipt"}?organisation=${victim.id}`;
            const result = await run({ route, handler: "loader" }, { path, params: { id } }, cookie);
            expect(result.status, `${stranger.label} → ${victim.label} at ${path}`).toBe(403);
          }
          expect(await footprint()).toEqual(before);
        }
      }
    }
  });

  it("their own answering page shows their own organisation and nothing of Mexico's; they have no receipt of Mexico's", async () => {
    for (const stranger of strangers) {
      const cookie = await cookieFor(stranger.email);
      const own = await run({ route: "consultations.$id.answer.tsx", handler: "loader" }, { path: `/consultations/${draft}/answer`, params: { id: draft } }, cookie);
      expect(own.status).toBe(200);
      expect(own.data).toMatchObject({ organisationName: stranger.name, server: { answers: {}, revision: 0 } });
      expect(JSON.stringify(own.data)).not.toContain(SECRET);
      const ownReceipt = await run({ route: "consultations.$id.receipt.tsx", handler: "loader" }, { path: `/consultations/${submitted}/receipt`, params: { id: submitted } }, cookie);
      expect(ownReceipt.status).toBe(404);
    }
  });

  it("the JSON endpoint and the receipt refuse every intent for another organisation named in the URL, and write nothing", async () => {
    for (const stranger of strangers) {
      const cookie = await cookieFor(stranger.email);
      for (const victim of victims()) {
        for (const id of [submitted, draft]) {
          const before = await footprint();
          for (const json of INTENTS) {
            const result = await run({ route: "consultations.$id.answers.ts", handler: "action" }, { path: `/consultations/${id}/answers?organisation=${victim.id}`, params: { id }, json }, cookie);
            expect(result.status, `${stranger.label}: ${json.intent} for ${victim.label}`).toBe(403);
          }
          const receiptChange = await run({ route: "consultations.$id.receipt.tsx", handler: "action" }, { path: `/consultations/${id}/receipt?organisation=${victim.id}`, params: { id }, form: { attribution: "aggregate_only" } }, cookie);
          expect(receiptChange.status).toBe(403);
          expect(await footprint()).toEqual(before);
        }
      }
    }
  });

  it("another organisation named in the body or in other query parameters is ignored: they act only for their own", async () => {
    const mexicoBefore = { submitted: await responseOf(submitted, world.mexico), draft: await responseOf(draft, world.mexico) };
    const partnerBefore = await responseOf(submitted, world.partnerOrg);
    const smuggled = { organisationId: world.mexico, organisation_id: world.mexico, organisation: world.mexico };
    const query = `?organisationId=${world.mexico}&organisation_id=${world.mexico}`;
    for (const stranger of strangers) {
      const cookie = await cookieFor(stranger.email);
      const answer = (json: object) => run({ route: "consultations.$id.answers.ts", handler: "action" }, { path: `/consultations/${draft}/answers${query}`, params: { id: draft }, json: { ...json, ...smuggled } }, cookie);
      expect((await answer({ intent: "save", answers: { usefulness: 2 }, revision: 0, page: 0 })).status).toBe(200);
      // A save based on an older revision is merged with their own organisation's answer, never another's.
      expect((await answer({ intent: "save", answers: { takeaways: "merged" }, revision: 0, page: 0 })).status).toBe(200);
      expect(JSON.parse((await responseOf(draft, stranger.organisationId)).response?.data ?? "")).toEqual({ usefulness: 2, takeaways: "merged" });
      expect((await answer({ intent: "submit", answers: FOLLOW_UP_ANSWERS, revision: 2, page: 0, attribution: "attributable" })).status).toBe(200);
      const receiptChange = await run(
        { route: "consultations.$id.receipt.tsx", handler: "action" },
        { path: `/consultations/${draft}/receipt${query}`, params: { id: draft }, form: { attribution: "non_attributable", ...smuggled } },
        cookie,
      );
      expect(receiptChange.status).toBe(200);
      expect((await answer({ intent: "attribution", attribution: "aggregate_only" })).status).toBe(200);
      expect((await answer({ intent: "reopen" })).status).toBe(200);
      const own = await responseOf(draft, stranger.organisationId);
      // Reopened, it stays submitted with an amendment in progress: its submitted answers still count.
      expect(own.response).toMatchObject({ status: "amending", revision: 6, attribution: "aggregate_only", submitted_data: JSON.stringify(FOLLOW_UP_ANSWERS) });
      expect(own.revisions.map((revision) => revision.action)).toEqual(["save", "save", "submit", "attribution", "attribution", "reopen"]);
      // The one response they did not write to: none of the actions above left their organisation.
      expect(await getDb().selectFrom("response").select("id").where("consultation_id", "=", submitted).where("organisation_id", "=", stranger.organisationId).execute()).toEqual([]);
    }
    expect({ submitted: await responseOf(submitted, world.mexico), draft: await responseOf(draft, world.mexico) }).toEqual(mexicoBefore);
    expect(await responseOf(submitted, world.partnerOrg)).toEqual(partnerBefore);
  });

  it("another organisation's page is refused; their own opens", async () => {
    for (const stranger of strangers) {
      const cookie = await cookieFor(stranger.email);
      for (const victim of victims()) {
        const result = await run({ route: "organisations.$id.tsx", handler: "loader" }, page(victim.id, `/organisations/${victim.id}`), cookie);
        expect(result.status, `${stranger.label} → ${victim.label}`).toBe(403);
      }
      const own = await run({ route: "organisations.$id.tsx", handler: "loader" }, page(stranger.organisationId, `/organisations/${stranger.organisationId}`), cookie);
      expect(own.status).toBe(200);
    }
  });

  it("nobody but the secretariat invites people into an organisation, their own or another", async () => {
    for (const stranger of strangers) {
      const cookie = await cookieFor(stranger.email);
      for (const target of [world.mexico, stranger.organisationId]) {
        const before = await footprint();
        const form = { email: `${world.unique()}@example.org`, organisationId: target, role: "focal_point", language: "en" };
        expect((await run({ route: "organisations.$id.tsx", handler: "action" }, { ...page(target, `/organisations/${target}`), form }, cookie)).status).toBe(403);
        expect((await run({ route: "invitations.tsx", handler: "action" }, { path: "/invitations", form: { intent: "create", ...form } }, cookie)).status).toBe(403);
        expect(await footprint()).toEqual(before);
      }
    }
  });

  it("a consultation outside one's audience, or not published, is not found (404) rather than refused", async () => {
    const db = getDb();
    const statesOnly = await openNow();
    const unpublished = await world.openConsultation();
    await db.updateTable("consultation").set({ published_at: null }).where("id", "=", unpublished).execute();
    const cases: { email: string; id: string }[] = [
      { email: demoEmail("partner"), id: statesOnly.id },
      { email: demoEmail("focal_point"), id: unpublished },
      { email: demoEmail("partner"), id: unpublished },
    ];
    for (const { email, id } of cases) {
      const cookie = await cookieFor(email);
      const before = await footprint();
      const loaders = [
        { route: "consultations.$id._index.tsx", path: `/consultations/${id}` },
        { route: "consultations.$id.answer.tsx", path: `/consultations/${id}/answer` },
        { route: "consultations.$id.receipt.tsx", path: `/consultations/${id}/receipt` },
      ] as const;
      for (const { route, path } of loaders) expect((await run({ route, handler: "loader" }, page(id, path), cookie)).status, `${email} ${path}`).toBe(404);
      for (const json of INTENTS) {
        expect((await run({ route: "consultations.$id.answers.ts", handler: "action" }, { ...page(id, `/consultations/${id}/answers`), json }, cookie)).status).toBe(404);
      }
      expect((await run({ route: "consultations.$id.receipt.tsx", handler: "action" }, { ...page(id, `/consultations/${id}/receipt`), form: { attribution: "aggregate_only" } }, cookie)).status).toBe(404);
      expect(await footprint()).toEqual(before);
    }
  });
});
