import type { Page } from "@playwright/test";
import { GCM_OBJECTIVES, STAKEHOLDER_TYPES } from "../../app/features/taxonomy/taxonomy.ts";
import { ACCOUNTS, expect, hydrated, sendInvitation } from "./fixtures.ts";
import {
  HOSTILE_LINK,
  PAYLOADS,
  RUN,
  expectEscaped,
  expectFitsTheScreen,
  expectInert,
  expectShown,
  expectSurveyValues,
  freeTextQuestions,
  hostile,
  hostileAnswers,
  hostileParagraphs,
  lastSegment,
  postAnswers,
  postForm,
  test,
  visit,
  visitSurvey,
  type Account,
  type Answers,
} from "./hostile.ts";

/*
 * Item 4 of "Proof under load, faults and bad input": script payloads in every free-text field
 * are inert on every page that shows them. Each field gets a payload through the form people use
 * (or the same post a browser makes), and each page showing it is opened by every role that sees
 * it, checking that the payload shows as text and that nothing ran. There are no exports yet:
 * when they come, they belong here too.
 */
test.describe.configure({ mode: "serial" });

const ADMIN: Account = { email: ACCOUNTS.admin };
const RAPPORTEUR: Account = { email: ACCOUNTS.rapporteur };
const LANGUAGES = [
  ["en", "English"],
  ["fr", "Français"],
  ["es", "Español"],
] as const;
const LABELS = { title: "Title", theme: "Theme", place: "Place", description: "Description" } as const;
type Text = keyof typeof LABELS;

/** The texts of a form in the three languages, `title_en` and so on; descriptions have paragraphs. */
function translations(prefix: string, texts: readonly Text[]): Record<string, string> {
  return Object.fromEntries(
    LANGUAGES.flatMap(([language]) =>
      texts.map((text) => {
        const key = `${text}_${language}`;
        return [key, text === "description" ? hostileParagraphs(`${prefix}.${key}`) : hostile(`${prefix}.${key}`)];
      }),
    ),
  );
}

function inLanguage(values: Record<string, string>, language: string, texts: readonly Text[]): string[] {
  return texts.map((text) => values[`${text}_${language}`] ?? "");
}

/** Each text field of a form's three language groups, with the value it should hold. */
function translatedFields(page: Page, values: Record<string, string>, texts: readonly Text[]) {
  return LANGUAGES.flatMap(([language, name]) =>
    texts.map((text) => ({ input: page.getByRole("group", { name }).getByLabel(LABELS[text]), value: values[`${text}_${language}`] ?? "" })),
  );
}

const MEETING_TEXTS = ["title", "theme", "place", "description"] as const;
const MEETING = translations("meeting", MEETING_TEXTS);
const MEETING_PLACE_EDITED = hostile("meeting.place_en.edited");

// Names show on the most pages and in e-mails: each gets a payload made of markup.
const ORGANISATION = { name: hostile("organisation.name", PAYLOADS[1]), acronym: PAYLOADS[2], website: HOSTILE_LINK };
const PROXIED_ORGANISATION = { name: hostile("proxied.name", PAYLOADS[0]), acronym: PAYLOADS[5] };
const INVITEE = { email: `xss-${RUN}@partner.example`, invitedAs: hostile("invitee.invited", HOSTILE_LINK), name: hostile("invitee.name", PAYLOADS[6]) };
/** A password is never shown, but it goes through the same forms and must still work. */
const INVITEE_PASSWORDS = { first: `${PAYLOADS[1]} first`, changed: PAYLOADS[0] };

const CONSULTATION_TEXTS = ["title", "description"] as const;
const SURVEYS = ["capacity-needs", "follow-up", "partnership-proposals"] as const;
type Survey = (typeof SURVEYS)[number];
const CONSULTATIONS = Object.fromEntries(SURVEYS.map((survey) => [survey, translations(`consultation.${survey}`, CONSULTATION_TEXTS)])) as Record<Survey, Record<string, string>>;
const CONSULTATION_TITLE_ES_EDITED = hostile("consultation.title_es.edited");

const OBJECTIVE = GCM_OBJECTIVES[0]?.value ?? "";
const NGO = STAKEHOLDER_TYPES[1]?.value ?? "";

/** Only one of two questions on the coordination mechanism shows: the second goes in another answer. */
const EITHER_OR = "wog_mechanism_plans";
const CAPACITY_TEXTS = freeTextQuestions("capacity-needs");
const CAPACITY = hostileAnswers(
  "capacity-needs",
  {
    whole_of_government_consultation: "partly",
    wog_mechanism: "exists",
    review_tools: ["other"],
    financing_sources: ["other"],
    can_offer: true,
    priority_objectives: [{ objective: OBJECTIVE }],
    offers: [{ objective: OBJECTIVE }],
  },
  CAPACITY_TEXTS.filter((path) => path !== EITHER_OR),
);
const CAPACITY_BY_PROXY = hostileAnswers(
  "capacity-needs.proxy",
  { whole_of_government_consultation: "no", wog_mechanism: "being_set_up", priority_objectives: [{ objective: OBJECTIVE }] },
  ["coordinating_institution", EITHER_OR],
);
const PROPOSALS = hostileAnswers(
  "partnership-proposals",
  { stakeholder_type: NGO, can_offer: true, proposals: [{ gcm_objectives: [OBJECTIVE], partners_involved: [NGO], consent_to_publish: true }] },
  freeTextQuestions("partnership-proposals"),
);
/** Typed into SurveyJS in the browser; the rest of the follow-up answer is saved beforehand. */
const TYPED = ["takeaways", "what_to_improve"];
const FOLLOW_UP = hostileAnswers(
  "follow-up",
  { usefulness: 4, has_commitments: true, commitments: [{ objective: OBJECTIVE }], priorities_changed: "somewhat", priority_objectives: [{ objective: OBJECTIVE }] },
  freeTextQuestions("follow-up").filter((path) => !TYPED.includes(path)),
);
const FOLLOW_UP_TYPED = TYPED.map((path) => hostile(`follow-up.${path}.typed`));

/** What the tests make, for the ones after them. */
const made = { meeting: "", organisation: "", proxied: "", consultations: { "capacity-needs": "", "follow-up": "", "partnership-proposals": "" } as Record<Survey, string> };
const invitee = (): Account => ({ email: INVITEE.email, password: INVITEE_PASSWORDS.changed });

function genevaLocal(days: number): string {
  return new Date(Date.now() + days * 864e5).toISOString().slice(0, 16);
}

test("the check would notice a payload that runs", async ({ open }) => {
  const page = await open();
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.__xss=1">`));
  // With the CSP bypassed an injected handler runs, so a page that escaped nothing would fail.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(1);
});

test("meeting texts in three languages show as text on the home page and in the edit form", async ({ open }) => {
  const admin = await open(ADMIN);
  await admin.goto("/meetings/new");
  await hydrated(admin);
  await admin.getByLabel("Short name").fill(`xss-meeting-${RUN}`);
  // Long ago, so that it comes after the other meetings and is nobody's default.
  await admin.getByLabel("First day").fill("2001-05-14");
  await admin.getByLabel("Last day").fill("2001-05-15");
  for (const { input, value } of translatedFields(admin, MEETING, MEETING_TEXTS)) await input.fill(value);
  await admin.getByRole("button", { name: "Create the meeting" }).click();
  const article = admin.getByRole("article", { name: MEETING.title_en });
  await expect(article).toBeVisible();
  made.meeting = lastSegment((await article.getByRole("link", { name: "Edit" }).getAttribute("href"))?.replace(/\/edit$/, ""));

  await visit(admin, `/meetings/${made.meeting}/edit`, []);
  for (const { input, value } of translatedFields(admin, MEETING, MEETING_TEXTS)) await expect(input).toHaveValue(value);
  await admin.getByRole("group", { name: "English" }).getByLabel("Place").fill(MEETING_PLACE_EDITED);
  await admin.getByRole("button", { name: "Save the changes" }).click();
  await expect(admin.getByText(MEETING_PLACE_EDITED)).toBeVisible();
  await expectInert(admin);

  const english = [...inLanguage(MEETING, "en", MEETING_TEXTS).filter((text) => text !== MEETING.place_en), MEETING_PLACE_EDITED];
  await visit(admin, "/", english);
  for (const language of ["fr", "es"]) await visit(admin, `/?lang=${language}`, inLanguage(MEETING, language, MEETING_TEXTS));
  await visit(await open(), "/", english);
});

test("a partner organisation's name, acronym and website show as text; a javascript: address is refused", async ({ open }) => {
  const admin = await open(ADMIN);
  await admin.goto("/organisations/new");
  await hydrated(admin);
  await admin.getByLabel("Type").selectOption("academia");
  await admin.getByLabel("Name").fill(ORGANISATION.name);
  await admin.getByLabel("Acronym").fill(ORGANISATION.acronym);
  const website = admin.getByLabel("Website");
  await website.fill(PAYLOADS[3]);
  await admin.getByRole("button", { name: "Add the organisation" }).click();
  await expect(website).toHaveAttribute("aria-invalid", "true");
  await website.fill(ORGANISATION.website);
  await admin.getByRole("button", { name: "Add the organisation" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toContainText(ORGANISATION.name);
  made.organisation = lastSegment(admin.url());
  const link = admin.getByRole("link", { name: ORGANISATION.website });
  await expect(link).toHaveAttribute("href", ORGANISATION.website);
  await expectShown(admin, [ORGANISATION.name, ORGANISATION.acronym]);
  await expectInert(admin);

  // The server refuses the address too, whatever the browser lets through.
  const refused = await postForm(admin, "/organisations/new", { type: "academia", name: hostile("refused.name"), website: PAYLOADS[3] });
  expect(refused.status()).toBe(400);
  const created = await postForm(admin, "/organisations/new", { type: "academia", ...PROXIED_ORGANISATION });
  expect(created.status()).toBe(302);
  made.proxied = lastSegment(created.headers().location);

  for (const account of [ADMIN, RAPPORTEUR]) {
    const page = account === ADMIN ? admin : await open(account);
    for (const organisation of [ORGANISATION, PROXIED_ORGANISATION]) {
      await visit(page, `/organisations?q=${encodeURIComponent(organisation.name)}`, [organisation.name, organisation.acronym, "1 organisation"]);
      await expect(page.getByLabel("Search by name")).toHaveValue(organisation.name);
    }
    await visit(page, `/organisations/${made.organisation}`, [ORGANISATION.name, ORGANISATION.acronym, ORGANISATION.website]);
    await visit(page, `/organisations/${made.proxied}`, [PROXIED_ORGANISATION.name, PROXIED_ORGANISATION.acronym]);
  }
});

test("an invitation's name shows as text in the list and the e-mail; the invitee's own name everywhere", async ({ open }) => {
  // Four password hashes (memory-hard on purpose) and three people's pages.
  test.slow();
  const admin = await open(ADMIN);
  await admin.goto("/invitations");
  await hydrated(admin);
  await sendInvitation(admin, { email: INVITEE.email, name: INVITEE.invitedAs, organisation: ORGANISATION.name, role: "Partner", language: "en" });
  await expect(admin.getByRole("row", { name: INVITEE.email })).toContainText(INVITEE.invitedAs);
  await expectShown(admin, [ORGANISATION.name]);
  await expectInert(admin);

  const subject = `Your invitation to Consulta for ${ORGANISATION.name}`;
  await visit(admin, "/outbox", [subject, INVITEE.email]);
  await admin.getByRole("link", { name: subject }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expectShown(admin, ["Dear Sir or Madam,", `for ${ORGANISATION.name} as Partner`]);
  await expect(admin).toHaveTitle(`${subject} – Consulta`);
  // The e-mail opens with the formal salutation: the name given at invitation (here a hostile address) is not in it.
  await expect(admin.locator(".email-body")).not.toContainText("evil.example");
  await expectInert(admin);
  const invitation = new URL((await admin.locator(".email-body a[href*='/invite/']").getAttribute("href")) ?? "").pathname;

  const guest = await open();
  await visit(guest, invitation, [`for ${ORGANISATION.name} as Partner`]);
  await expect(guest.getByLabel("Your name")).toHaveValue(INVITEE.invitedAs);
  await guest.getByLabel("Your name").fill(INVITEE.name);
  await guest.getByLabel("Choose a password").fill(INVITEE_PASSWORDS.first);
  await guest.getByLabel("Type the password again").fill(INVITEE_PASSWORDS.first);
  await guest.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(guest.getByRole("status")).toContainText(`Welcome! You now take part for ${ORGANISATION.name}.`);
  await expectShown(guest, [INVITEE.name, ORGANISATION.acronym]);
  await expectInert(guest);

  await visit(guest, "/account", [INVITEE.name, `${ORGANISATION.name} – Partner`]);
  await guest.getByLabel("Current password").fill(INVITEE_PASSWORDS.first);
  await guest.getByLabel(/^New password/).fill(INVITEE_PASSWORDS.changed);
  await guest.getByLabel("Type the new password again").fill(INVITEE_PASSWORDS.changed);
  await guest.getByRole("button", { name: "Change password" }).click();
  await expect(guest.getByRole("status")).toContainText("Your password has been changed.");
  await expectInert(guest);

  // Signing in again with the new password, asked to go to a javascript: address afterwards.
  const returning = await open();
  await returning.goto(`/sign-in?redirectTo=${encodeURIComponent(PAYLOADS[3])}`);
  // A refused sign-in shows the address typed back in the form.
  const refused = await postForm(returning, "/sign-in", { email: `${PAYLOADS[1]}@example.org`, password: INVITEE_PASSWORDS.first });
  expect(refused.status()).toBe(400);
  expectEscaped(await refused.text(), "a refused sign-in");
  await returning.locator("form#sign-in input[name=email]").fill(INVITEE.email);
  await returning.locator("form#sign-in input[name=password]").fill(INVITEE_PASSWORDS.changed);
  await returning.locator("form#sign-in").getByRole("button").click();
  await expect(returning.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(new URL(returning.url()).protocol).toBe("http:");
  await visit(returning, "/", [`Welcome, ${INVITEE.name}.`]);
  await visit(returning, `/organisations/${made.organisation}`, [ORGANISATION.name, INVITEE.name]);

  await visit(admin, `/people?q=${encodeURIComponent(INVITEE.name)}`, [INVITEE.name, ORGANISATION.name, "1 person"]);
  await visit(admin, `/organisations/${made.organisation}`, [INVITEE.name]);
  await visit(admin, "/invitations", [INVITEE.invitedAs]);
});

test("consultation titles and descriptions in three languages are made through the form and show as text in its edit form", async ({ open }) => {
  const admin = await open(ADMIN);
  const capacity = CONSULTATIONS["capacity-needs"];
  await admin.goto("/consultations/new");
  await hydrated(admin);
  await admin.getByLabel("Meeting").selectOption({ label: MEETING.title_en ?? "" });
  await admin.getByLabel("Short name").fill(`xss-capacity-${RUN}`);
  await admin.getByLabel("Phase").selectOption({ label: "Before the meeting" });
  await admin.getByLabel("Kind").selectOption({ label: "Call for proposals for partners" });
  await admin.getByRole("checkbox", { name: "Academia and research" }).check();
  await admin.getByLabel("Survey").selectOption("capacity-needs");
  for (const { input, value } of translatedFields(admin, capacity, CONSULTATION_TEXTS)) await input.fill(value);
  await admin.getByLabel(/^Opens\b/).fill(genevaLocal(-1));
  await admin.getByLabel(/^Closes\b/).fill(genevaLocal(30));
  await admin.getByLabel(/Published/).check();
  await admin.getByRole("button", { name: "Create the consultation" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(capacity.title_en ?? "");
  made.consultations["capacity-needs"] = lastSegment(admin.url());
  await expectInert(admin);

  for (const survey of ["follow-up", "partnership-proposals"] as const) {
    const created = await postForm(admin, "/consultations/new", {
      meetingId: made.meeting,
      slug: `xss-${survey}-${RUN}`,
      phase: "post",
      kind: "follow_up",
      audience: "academia",
      surveySlug: survey,
      ...CONSULTATIONS[survey],
      opensAt: genevaLocal(-1),
      closesAt: genevaLocal(30),
      publish: "on",
    });
    expect(created.status()).toBe(302);
    made.consultations[survey] = lastSegment(created.headers().location);
  }

  await visit(admin, `/consultations/${made.consultations["capacity-needs"]}/edit`, []);
  for (const { input, value } of translatedFields(admin, capacity, CONSULTATION_TEXTS)) await expect(input).toHaveValue(value);
  await admin.getByRole("group", { name: "Español" }).getByLabel("Title").fill(CONSULTATION_TITLE_ES_EDITED);
  await admin.getByRole("button", { name: "Save the changes" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(capacity.title_en ?? "");
  // From here on, pages in Spanish show the edited title.
  capacity.title_es = CONSULTATION_TITLE_ES_EDITED;
});

test("consultation titles and descriptions show as text in the list and on the page, in every language, for every role", async ({ open }) => {
  // Eleven pages and three sign-ins: near 30 s on a loaded 2-core machine.
  test.slow();
  const admin = await open(ADMIN);
  const capacity = CONSULTATIONS["capacity-needs"];
  for (const [language] of LANGUAGES) {
    const titles = SURVEYS.map((survey) => CONSULTATIONS[survey][`title_${language}`] ?? "");
    await visit(admin, `/consultations?lang=${language}`, titles);
    for (const survey of SURVEYS) {
      await visit(admin, `/consultations/${made.consultations[survey]}?lang=${language}`, inLanguage(CONSULTATIONS[survey], language, CONSULTATION_TEXTS));
      await expect(admin).toHaveTitle(`${CONSULTATIONS[survey][`title_${language}`] ?? ""} – Consulta`);
    }
  }
  const english = SURVEYS.map((survey) => CONSULTATIONS[survey].title_en ?? "");
  for (const page of [await open(RAPPORTEUR), await open(invitee())]) {
    await visit(page, "/consultations", english);
    await visit(page, `/consultations/${made.consultations["capacity-needs"]}`, inLanguage(capacity, "en", CONSULTATION_TEXTS));
  }
});

/** The pages of an answer: its receipt and the answering page (read-only once submitted), for one organisation. */
async function expectAnswerPages(page: Page, survey: Survey, organisation: { id?: string; name: string }, texts: readonly string[]) {
  const query = organisation.id ? `?organisation=${organisation.id}` : "";
  const consultation = `/consultations/${made.consultations[survey]}`;
  const title = CONSULTATIONS[survey].title_en ?? "";
  await visit(page, `${consultation}/receipt${query}`, [title, organisation.name, ...texts]);
  await visitSurvey(page, `${consultation}/answer${query}`, texts, [title, organisation.name]);
}

function submission(answers: Answers) {
  return { intent: "submit", answers, revision: 0, page: 0, attribution: "non_attributable" };
}

test("free-text answers to every question show as text on the receipt and in SurveyJS", async ({ open }) => {
  const guest = await open(invitee());
  await postAnswers(guest, made.consultations["capacity-needs"], submission(CAPACITY.answers));
  await postAnswers(guest, made.consultations["partnership-proposals"], submission(PROPOSALS.answers));
  await expectAnswerPages(guest, "capacity-needs", ORGANISATION, [...CAPACITY.texts, INVITEE.name]);
  await expectAnswerPages(guest, "partnership-proposals", ORGANISATION, [...PROPOSALS.texts, INVITEE.name]);
});

test("the secretariat sees both answers as text, one of them entered by proxy, and lists the organisations by name", async ({ open }) => {
  const admin = await open(ADMIN);
  await postAnswers(admin, made.consultations["capacity-needs"], submission(CAPACITY_BY_PROXY.answers), made.proxied);
  await expectAnswerPages(admin, "capacity-needs", { id: made.proxied, name: PROXIED_ORGANISATION.name }, CAPACITY_BY_PROXY.texts);
  await expectAnswerPages(admin, "capacity-needs", { id: made.organisation, name: ORGANISATION.name }, [...CAPACITY.texts, INVITEE.name]);
  await visit(admin, `/consultations/${made.consultations["capacity-needs"]}`, []);
  for (const name of [ORGANISATION.name, PROXIED_ORGANISATION.name]) await expect(admin.locator("#proxy-organisation option").filter({ hasText: name })).toHaveCount(1);
});

test("answers typed into SurveyJS show as text once submitted, with the saved ones on every page", async ({ open }) => {
  // Types long hostile answers key by key and walks five survey pages: slow on a busy machine.
  test.setTimeout(90_000);
  const guest = await open(invitee());
  const consultation = `/consultations/${made.consultations["follow-up"]}`;
  await postAnswers(guest, made.consultations["follow-up"], { intent: "save", answers: FOLLOW_UP.answers, revision: 0, page: 0 });
  const texts = [...FOLLOW_UP.texts, ...FOLLOW_UP_TYPED];
  // Its first page holds only the questions still to type.
  await visit(guest, `${consultation}/answer`, [CONSULTATIONS["follow-up"].title_en ?? ""]);
  const [takeaways = "", improve = ""] = FOLLOW_UP_TYPED;
  await guest.getByRole("textbox", { name: /main takeaways/ }).pressSequentially(takeaways);
  await guest.getByRole("textbox", { name: /could be improved/ }).fill(improve);
  await expect(guest.locator(".sync-banner")).toHaveText(/All changes saved/);
  await expectInert(guest);
  // Back from the server, the typed answers are values in the form again.
  await guest.reload();
  await expectSurveyValues(guest, FOLLOW_UP_TYPED);
  await expect(guest.getByRole("textbox", { name: /main takeaways/ })).toHaveValue(takeaways);
  await expectInert(guest);
  for (let step = 0; step < 4; step += 1) {
    await guest.getByRole("button", { name: "Next" }).click();
    await expectSurveyValues(guest, texts);
  }
  await guest.getByRole("button", { name: "Complete" }).click();
  await guest.getByLabel(/Attributable/).check();
  await guest.getByRole("button", { name: "Submit the answer" }).click();
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Receipt");
  await expectShown(guest, [...texts, ORGANISATION.name, INVITEE.name]);
  await expectInert(guest);
  await visitSurvey(guest, `${consultation}/answer`, texts);
});

test("the summaries list free-text answers and name organisations as text", async ({ open }) => {
  const rapporteur = await open(RAPPORTEUR);
  const text = (texts: readonly string[], path: string) => texts.find((candidate) => candidate.includes(path)) ?? path;
  // The follow-up answer was submitted attributable: its commitment is listed with the organisation's name.
  // Written answers to the other questions are listed too, each under its question.
  const written = [text(FOLLOW_UP.texts, "additional_comments"), text(FOLLOW_UP.texts, "priority_objectives[].gap_details"), ...FOLLOW_UP_TYPED];
  await visit(rapporteur, `/consultations/${made.consultations["follow-up"]}/summary`, [text(FOLLOW_UP.texts, "commitments[].action"), ORGANISATION.name, ...written]);
  await visit(rapporteur, `/meetings/${made.meeting}/summary?consultation=${made.consultations["partnership-proposals"]}`, [text(PROPOSALS.texts, "proposals[].title"), text(PROPOSALS.texts, "proposals[].summary")]);
});

test("on a phone, the pages showing long hostile words still fit the screen", async ({ open }) => {
  const capacity = `/consultations/${made.consultations["capacity-needs"]}`;
  const followUp = `/consultations/${made.consultations["follow-up"]}`;
  const pages: [Account, string[]][] = [
    [ADMIN, ["/", "/invitations", "/outbox", `/organisations/${made.organisation}`, capacity, `${capacity}/receipt?organisation=${made.proxied}`]],
    [invitee(), ["/account", `${followUp}/receipt`, `${followUp}/answer`]],
  ];
  for (const [account, paths] of pages) {
    const page = await open(account);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of paths) await expectFitsTheScreen(page, path);
  }
});

