/**
 * The attribution sweep (issue 9, item 10): an answer given "count only" is counted, never read out.
 * Its text, in its proposals and in its written answers, consented to publication or not, must
 * appear on no page that an anonymous visitor, a partner of another organisation, a focal point of
 * another State or a rapporteur reaches, but the answer reader's page of that very answer and its
 * own organisation's pages. The name of an organisation that chose not to be named never appears
 * on the pages that quote its text.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { newId } from "#app/features/ids.ts";
import { addCitation, createKeyMessage, setKeyMessageStatus } from "#app/features/messages/key-messages.ts";
import * as home from "#app/routes/_index.tsx";
import * as consultationPage from "#app/routes/consultations.$id._index.tsx";
import * as receipt from "#app/routes/consultations.$id.receipt.tsx";
import * as answerReader from "#app/routes/consultations.$id.responses.$responseId.tsx";
import * as answerList from "#app/routes/consultations.$id.responses._index.tsx";
import * as consultations from "#app/routes/consultations._index.tsx";
import * as meetingPage from "#app/routes/meetings.$id._index.tsx";
import * as keyMessages from "#app/routes/meetings.$id.key-messages.tsx";
import * as proposalPage from "#app/routes/proposals.$id.tsx";
import * as suggestions from "#app/routes/proposals.$id_.similar.tsx";
import * as inbox from "#app/routes/proposals._index.tsx";
import { DURING } from "#tests/consultations.ts";
import { context, cookieFor, currentUserFor, demoEmail, get, settle } from "#tests/helpers.ts";
import { proposalsConsultation, submitProposals } from "#tests/published.ts";

/** What the pages are about: the meeting, the consultation, the answers and their first proposals. */
interface Ids {
  meeting: string;
  consultation: string;
  countOnlyResponse: string;
  countOnlyProposal: string;
  unnamedResponse: string;
  unnamedProposal: string;
}

interface SweptPage {
  name: string;
  path: (ids: Ids) => string;
  loader: (args: LoaderFunctionArgs) => unknown;
  params: (ids: Ids) => Record<string, string>;
  /** A page of the answer reader, where rapporteurs may read a count-only answer and an unnamed author's name. */
  answerReader?: boolean;
}

const PAGES: SweptPage[] = [
  { name: "home", path: () => "/", loader: home.loader, params: () => ({}) },
  { name: "public meeting page", path: (ids) => `/meetings/${ids.meeting}`, loader: meetingPage.loader, params: (ids) => ({ id: ids.meeting }) },
  { name: "public meeting page, the marker's objective", path: (ids) => `/meetings/${ids.meeting}?objective=gcm-10`, loader: meetingPage.loader, params: (ids) => ({ id: ids.meeting }) },
  { name: "key messages", path: (ids) => `/meetings/${ids.meeting}/key-messages`, loader: keyMessages.loader, params: (ids) => ({ id: ids.meeting }) },
  { name: "consultations", path: () => "/consultations", loader: consultations.loader, params: () => ({}) },
  { name: "consultation page", path: (ids) => `/consultations/${ids.consultation}`, loader: consultationPage.loader, params: (ids) => ({ id: ids.consultation }) },
  { name: "answer list", path: (ids) => `/consultations/${ids.consultation}/responses`, loader: answerList.loader, params: (ids) => ({ id: ids.consultation }), answerReader: true },
  { name: "answer list, count-only answers", path: (ids) => `/consultations/${ids.consultation}/responses?attribution=aggregate_only`, loader: answerList.loader, params: (ids) => ({ id: ids.consultation }), answerReader: true },
];

/** The rapporteurs' workspace: the inbox, the proposal pages and their suggestions. */
const WORKSPACE: SweptPage[] = [
  { name: "inbox", path: (ids) => `/proposals?consultation=${ids.consultation}`, loader: inbox.loader, params: () => ({}) },
  { name: "count-only proposal", path: (ids) => `/proposals/${ids.countOnlyProposal}`, loader: proposalPage.loader, params: (ids) => ({ id: ids.countOnlyProposal }) },
  { name: "unnamed proposal", path: (ids) => `/proposals/${ids.unnamedProposal}`, loader: proposalPage.loader, params: (ids) => ({ id: ids.unnamedProposal }) },
  { name: "suggestions for the count-only proposal", path: (ids) => `/proposals/${ids.countOnlyProposal}/similar`, loader: suggestions.loader, params: (ids) => ({ id: ids.countOnlyProposal }) },
  { name: "suggestions for the unnamed proposal", path: (ids) => `/proposals/${ids.unnamedProposal}/similar`, loader: suggestions.loader, params: (ids) => ({ id: ids.unnamedProposal }) },
];

const SWEPT = [...PAGES, ...WORKSPACE];

/** Who reads: nobody signed in, and members of organisations other than the authors'. */
const VIEWERS = { anonymous: null, "partner of another organisation": demoEmail("partner"), "focal point of another State": demoEmail("focal_point"), rapporteur: demoEmail("rapporteur") } as const;

const MARKER = `Countonlymarker${newId()}`;
const UNNAMED = `Unnamed partner ${newId()}`;
const UNNAMED_TEXT = `Unnamed passage ${newId()} about shelters`;

/** Everything a page's loader gives the page to render (or the body of what it refused with). */
async function pageText(page: SweptPage, ids: Ids, cookie: string | null): Promise<string> {
  const result = await settle(async () => page.loader({ request: get(page.path(ids), cookie ? { cookie } : {}), context, params: page.params(ids) }));
  if (result instanceof Response) return `${result.status} ${await result.text()}`;
  return JSON.stringify(result);
}

let ids: Ids;
let ownCookie: string;

beforeAll(async () => {
  const db = getDb();
  const meeting = await db.selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirstOrThrow();
  const consultation = await proposalsConsultation(meeting.id);
  const countOnly = await submitProposals(consultation, {
    attribution: "aggregate_only",
    proposals: [
      { title: `${MARKER} title`, summary: `${MARKER} summary`, gcm_objectives: ["gcm-10"], consent_to_publish: true, beneficiaries: `${MARKER} beneficiaries`, indicators: `${MARKER} indicators` },
      { title: `Second ${MARKER}`, summary: `${MARKER} not consented`, gcm_objectives: ["gcm-10"], consent_to_publish: false },
    ],
    answers: { organisation_focus: `${MARKER} focus`, contact_role: `${MARKER} role`, can_offer: true, offer_description: `${MARKER} offer`, messages_for_marrakech: `${MARKER} for Marrakech`, additional_comments: `${MARKER} comments` },
  });
  const unnamed = await submitProposals(consultation, {
    name: UNNAMED,
    attribution: "non_attributable",
    proposals: [{ title: "Shelter standards", summary: UNNAMED_TEXT, gcm_objectives: ["gcm-10"], consent_to_publish: true }],
    answers: { messages_for_marrakech: UNNAMED_TEXT },
  });
  const proposalOf = async (responseId: string) => (await db.selectFrom("proposal").select("id").where("response_id", "=", responseId).orderBy("position").executeTakeFirstOrThrow()).id;
  ids = {
    meeting: meeting.id,
    consultation: consultation.id,
    countOnlyResponse: countOnly.responseId,
    countOnlyProposal: await proposalOf(countOnly.responseId),
    unnamedResponse: unnamed.responseId,
    unnamedProposal: await proposalOf(unnamed.responseId),
  };
  ownCookie = await cookieFor(countOnly.user.email);

  // Both cited in an agreed key message: the count-only one as a source to count, the unnamed one quoted.
  const rapporteur = await currentUserFor(demoEmail("rapporteur"));
  const at = { ip: null, now: DURING };
  const message = await createKeyMessage(db, rapporteur, meeting.id, { title: `Shelters ${newId()}`, body: "Shelters need standards.", language: "en" }, at);
  if (!message.ok) throw new Error("refused");
  expect(await addCitation(db, rapporteur, message.id, { responseId: countOnly.responseId, question: "messages_for_marrakech", quote: `${MARKER} for Marrakech` }, at)).toEqual({ ok: false, reason: "count-only" });
  expect((await addCitation(db, rapporteur, message.id, { responseId: countOnly.responseId }, at)).ok).toBe(true);
  expect((await addCitation(db, rapporteur, message.id, { responseId: unnamed.responseId, question: "messages_for_marrakech", quote: UNNAMED_TEXT }, at)).ok).toBe(true);
  await setKeyMessageStatus(db, rapporteur, { meetingId: meeting.id, id: message.id }, "agreed", at);
});

describe("a count-only answer's text", () => {
  for (const [viewer, email] of Object.entries(VIEWERS)) {
    it(`never reaches the ${viewer}`, async () => {
      const cookie = email ? await cookieFor(email) : null;
      for (const page of SWEPT) expect(await pageText(page, ids, cookie), `${page.name} as the ${viewer}`).not.toContain(MARKER);
    });
  }

  it("is read in the answer reader's page of that answer and by its own organisation, where the sweep would find it", async () => {
    const reader: SweptPage = { name: "answer", path: (given) => `/consultations/${given.consultation}/responses/${given.countOnlyResponse}`, loader: answerReader.loader, params: (given) => ({ id: given.consultation, responseId: given.countOnlyResponse }) };
    expect(await pageText(reader, ids, await cookieFor(demoEmail("rapporteur")))).toContain(`${MARKER} for Marrakech`);
    const ownReceipt: SweptPage = { name: "receipt", path: (given) => `/consultations/${given.consultation}/receipt`, loader: receipt.loader, params: (given) => ({ id: given.consultation }) };
    expect(await pageText(ownReceipt, ids, ownCookie)).toContain(`${MARKER} summary`);
  });
});

describe("an unnamed author", () => {
  for (const [viewer, email] of Object.entries(VIEWERS)) {
    it(`is never named to the ${viewer} where its text is quoted`, async () => {
      const cookie = email ? await cookieFor(email) : null;
      for (const page of SWEPT.filter((swept) => !swept.answerReader)) expect(await pageText(page, ids, cookie), `${page.name} as the ${viewer}`).not.toContain(UNNAMED);
    });
  }

  it("has its text quoted on the public page, so that the sweep looks where it is", async () => {
    const text = await pageText(PAGES[2] as SweptPage, ids, null);
    expect(text).toContain(UNNAMED_TEXT);
    expect(text).toContain("Shelter standards");
  });
});
