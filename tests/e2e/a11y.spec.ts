import type { Browser, BrowserContext, Page, Response } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { ACCOUNTS, expect, hydrated, sendInvitation, signIn, test } from "./fixtures.ts";

/**
 * The accessibility sweep: every page of the app, as each kind of person who can see it, in
 * English, French and Spanish, must have its language and a title of its own, and pass axe with
 * no serious or critical violation (tests/e2e/axe.ts names the page, language, rule and element).
 *
 * To add a page, add an entry to PAGES below:
 * - `name`: how failures name it;
 * - `viewers`: everyone who can see it (each signs in once per run; add an account to VIEWERS if
 *   the page needs someone the list does not have yet);
 * - `path`: its address, from the ids of the demo data in `demo` (add what you need to Demo and to
 *   findDemo, which reads them from the app as the secretariat);
 * - `status` when it is not 200 (error pages), `ready` when something is drawn after hydration
 *   (the survey), `reach` when a plain GET does not show it (a form sent).
 * Pages with several states (empty, with errors, with a dialog open) can be listed once per state.
 */

const LANGUAGES = ["en", "fr", "es"] as const;

/** Who looks at the pages: the demo's four roles, and people whose organisation has submitted. */
const VIEWERS = {
  anonymous: null,
  ...ACCOUNTS,
  /** Canada's focal point: Canada submitted the capacity-needs survey. */
  focal_point_submitted: "daniel.macleod@ca.example",
  /** Fundación Puentes del Istmo submitted partnership proposals. */
  partner_submitted: "lucia.herrera@fundacion-puentes-istmo.example",
} as const;
type Viewer = keyof typeof VIEWERS;

const SIGNED_IN = ["admin", "rapporteur", "focal_point", "partner"] as const satisfies readonly Viewer[];

/** Ids of the demo data, found once per run. */
interface Demo {
  capacityNeeds: string;
  partnershipProposals: string;
  followUp: string;
  meeting: string;
  mexico: string;
  southAfrica: string;
  diasporaNetwork: string;
  outboxMessage: string;
  invitation: string;
}

interface PageCase {
  name: string;
  viewers: readonly Viewer[];
  path: (demo: Demo) => string;
  /** The HTTP status of the page (200 unless said). */
  status?: number;
  /** How the page is reached when opening its address does not show it; resolves to its response. */
  reach?: (page: Page, path: string) => Promise<Response | null>;
  /** Waits for what is drawn after hydration. */
  ready?: (page: Page) => Promise<void>;
}

const surveyDrawn = async (page: Page) => {
  await expect(page.locator(".sd-root-modern")).toBeVisible();
  await expect(page.locator(".sd-question").first()).toBeVisible();
};

/** Sends the consultation page a form no button of it sends: the error page for a bad request. */
async function forgedPost(page: Page, path: string): Promise<Response | null> {
  await page.goto(path);
  await hydrated(page);
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().method() === "POST" && candidate.request().resourceType() === "document"),
    page.evaluate(() => {
      const form = document.createElement("form");
      form.method = "post";
      form.innerHTML = '<input name="intent" value="forged">';
      document.body.append(form);
      form.submit();
    }),
  ]);
  await page.waitForLoadState();
  return response;
}

const PAGES: PageCase[] = [
  { name: "home", viewers: ["anonymous", ...SIGNED_IN], path: () => "/" },
  { name: "sign-in", viewers: ["anonymous"], path: () => "/sign-in" },
  { name: "language choice", viewers: ["anonymous"], path: () => "/language" },
  { name: "account", viewers: SIGNED_IN, path: () => "/account" },
  { name: "consultations", viewers: SIGNED_IN, path: () => "/consultations" },
  { name: "open consultation", viewers: SIGNED_IN, path: (demo) => `/consultations/${demo.followUp}` },
  { name: "closed consultation", viewers: ["admin", "focal_point_submitted"], path: (demo) => `/consultations/${demo.capacityNeeds}` },
  { name: "new consultation", viewers: ["admin"], path: () => "/consultations/new" },
  { name: "consultation settings", viewers: ["admin"], path: (demo) => `/consultations/${demo.followUp}/edit` },
  { name: "answering", viewers: ["focal_point", "partner"], path: (demo) => `/consultations/${demo.followUp}/answer`, ready: surveyDrawn },
  { name: "answering by proxy", viewers: ["admin"], path: (demo) => `/consultations/${demo.followUp}/answer?organisation=${demo.mexico}`, ready: surveyDrawn },
  { name: "submitted answer", viewers: ["focal_point_submitted"], path: (demo) => `/consultations/${demo.capacityNeeds}/answer`, ready: surveyDrawn },
  { name: "receipt", viewers: ["focal_point_submitted"], path: (demo) => `/consultations/${demo.capacityNeeds}/receipt` },
  { name: "receipt of proposals", viewers: ["partner_submitted"], path: (demo) => `/consultations/${demo.partnershipProposals}/receipt` },
  { name: "receipt by proxy", viewers: ["admin"], path: (demo) => `/consultations/${demo.capacityNeeds}/receipt?organisation=${demo.southAfrica}` },
  { name: "new meeting", viewers: ["admin"], path: () => "/meetings/new" },
  { name: "meeting settings", viewers: ["admin"], path: (demo) => `/meetings/${demo.meeting}/edit` },
  // The partners (some thirty rows) rather than the 195 States: axe takes seconds per hundred rows.
  { name: "participants", viewers: ["admin", "rapporteur"], path: () => "/organisations?type=partner" },
  { name: "a State's page", viewers: ["admin", "rapporteur", "focal_point"], path: (demo) => `/organisations/${demo.mexico}` },
  { name: "a partner's page", viewers: ["partner"], path: (demo) => `/organisations/${demo.diasporaNetwork}` },
  { name: "add a partner", viewers: ["admin"], path: () => "/organisations/new" },
  { name: "people", viewers: ["admin"], path: () => "/people" },
  { name: "invitations", viewers: ["admin"], path: () => "/invitations" },
  { name: "outbox", viewers: ["admin"], path: () => "/outbox" },
  { name: "a message", viewers: ["admin"], path: (demo) => `/outbox/${demo.outboxMessage}` },
  { name: "invitation acceptance", viewers: ["anonymous"], path: (demo) => demo.invitation },
  { name: "unknown invitation", viewers: ["anonymous"], path: () => "/invite/abcdefghijklmnopqrstuvwxyz234567", status: 404 },
  { name: "403", viewers: ["partner"], path: () => "/people", status: 403 },
  { name: "403", viewers: ["rapporteur"], path: () => "/outbox", status: 403 },
  { name: "404", viewers: ["anonymous", "focal_point"], path: () => "/no/such/page", status: 404 },
  { name: "404 of a record", viewers: ["admin"], path: () => "/consultations/00000000-0000-4000-8000-000000000000", status: 404 },
  { name: "400", viewers: ["admin"], path: (demo) => `/consultations/${demo.followUp}`, reach: forgedPost, status: 400 },
];

async function hrefOf(page: Page, name: string | RegExp): Promise<string> {
  const href = await page.getByRole("link", { name, exact: true }).first().getAttribute("href");
  if (!href) throw new Error(`No link named ${String(name)}`);
  return href;
}

const lastSegment = (href: string, suffix = "") => href.replace(suffix, "").split("/").pop() ?? "";

async function organisationId(page: Page, name: string): Promise<string> {
  await page.goto(`/organisations?q=${encodeURIComponent(name)}`);
  return lastSegment(await hrefOf(page, name));
}

/** Reads the ids of the demo data as the secretariat, and makes an invitation to accept. */
async function findDemo(page: Page): Promise<Demo> {
  await page.goto("/consultations");
  const capacityNeeds = lastSegment(await hrefOf(page, "Capacity needs of States for implementing the Global Compact"));
  const partnershipProposals = lastSegment(await hrefOf(page, "Call for partnership proposals for capacity development"));
  const followUp = lastSegment(await hrefOf(page, "Follow-up: from Geneva to Marrakech"));
  await page.goto("/");
  const meeting = lastSegment(await hrefOf(page, "Edit"), "/edit");
  const mexico = await organisationId(page, "Mexico");
  const southAfrica = await organisationId(page, "South Africa");
  const diasporaNetwork = await organisationId(page, "African Diaspora Network for Development");
  await page.goto("/invitations");
  await hydrated(page);
  await sendInvitation(page, { email: `a11y.${Date.now()}@chile.example`, name: "Valentina Rojas", organisation: "Chile", role: "State focal point", language: "en" });
  await page.goto("/outbox");
  const outboxMessage = lastSegment(await hrefOf(page, "Your invitation to Consulta for Chile"));
  await page.goto(`/outbox/${outboxMessage}`);
  const invitation = new URL((await page.locator(".email-body a").getAttribute("href")) ?? "").pathname;
  return { capacityNeeds, partnershipProposals, followUp, meeting, mexico, southAfrica, diasporaNetwork, outboxMessage, invitation };
}

/** One sign-in per viewer and run: the session is kept and reused by every test. */
const sessions = new Map<Viewer, Awaited<ReturnType<BrowserContext["storageState"]>>>();

async function contextFor(browser: Browser, viewer: Viewer): Promise<BrowserContext> {
  const email = VIEWERS[viewer];
  if (email && !sessions.has(viewer)) {
    const context = await browser.newContext();
    await signIn(await context.newPage(), email);
    sessions.set(viewer, await context.storageState());
    await context.close();
  }
  return browser.newContext({ storageState: sessions.get(viewer) });
}

let demo: Demo;

test.describe("every page, in every language", () => {
  test.describe.configure({ mode: "parallel" });

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await contextFor(browser, "admin");
    demo = await findDemo(await context.newPage());
    await context.close();
  });

  for (const entry of PAGES) {
    for (const viewer of entry.viewers) {
      test(`${entry.name}, as ${viewer}`, async ({ browser, baseURL }) => {
        // Three pages and three axe runs, on a machine that may be busy.
        test.setTimeout(90_000);
        const context = await contextFor(browser, viewer);
        const page = await context.newPage();
        const path = entry.path(demo);
        for (const language of LANGUAGES) {
          const where = `${entry.name} (${path}) in ${language}, as ${viewer}`;
          await context.addCookies([{ name: "consulta_lang", value: language, url: baseURL ?? "" }]);
          const response = entry.reach ? await entry.reach(page, path) : await page.goto(path);
          expect(response?.status(), where).toBe(entry.status ?? 200);
          await hydrated(page);
          await entry.ready?.(page);
          await expect(page.locator("html"), where).toHaveAttribute("lang", language);
          await expect(page, where).toHaveTitle(/\S – Consulta$/);
          await expectNoSeriousViolations(page, where);
        }
        await context.close();
      });
    }
  }
});
