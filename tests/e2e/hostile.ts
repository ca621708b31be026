import { readFileSync } from "node:fs";
import type { APIResponse, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, hydrated, signIn, test as base } from "./fixtures.ts";

/**
 * Text that would run a script, open a dialog or end the markup around it if a page, an e-mail or
 * the data Remix puts in the page used it as anything but text.
 */
export const PAYLOADS = [
  "<script>window.__xss=1</script>",
  `"><img src=x onerror="window.__xss=1">`,
  "<svg onload=window.__xss=1>",
  "javascript:window.__xss=1",
  "{{constructor.constructor('window.__xss=1')()}}",
  "[x](javascript:alert(1))",
  // Ends Remix's inline data script if it were not escaped; U+2028 and U+2029 ended JavaScript
  // strings before ES2019. They sit inside the text because every field is trimmed.
  "</script>\u2028<script>window.__xss=1</script>\u2029<!--<script>",
] as const;

/** An address that passes the "https://" checks but would leave its attribute if not escaped. */
export const HOSTILE_LINK = `https://evil.example/"><svg/onload=window.__xss=1>`;

/** Names must be unique (organisations, slugs); a fresh suffix keeps a rerun on the same database possible. */
export const RUN = Date.now().toString(36);

let turn = 0;

/**
 * A payload (the next one in turn unless given), tagged with the field it goes in, so that each
 * field can be found where it shows.
 */
export function hostile(field: string, payload: string = PAYLOADS[turn++ % PAYLOADS.length] ?? ""): string {
  return `${payload} ${field}-${RUN}`;
}

/** Every payload, a paragraph each, for the multi-line fields. */
export function hostileParagraphs(field: string): string {
  return PAYLOADS.map((payload, index) => `${payload} ${field}.${index}-${RUN}`).join("\n\n");
}

/** What a page shows of a value: each paragraph of it. */
function shownParts(texts: readonly string[]): string[] {
  return texts.flatMap((text) => text.split("\n\n"));
}

export async function expectShown(page: Page, texts: readonly string[]): Promise<void> {
  for (const text of shownParts(texts)) await expect(page.getByText(text).filter({ visible: true }).first(), text).toBeVisible();
}

/**
 * Nothing ran and nothing was made of the payloads: no flag, no element with an inline handler, no
 * javascript: link, no script element holding a payload's code.
 */
export async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    ran: (window as unknown as { __xss?: unknown }).__xss !== undefined,
    handlers: document.querySelectorAll("[onerror], [onload]").length,
    scriptLinks: [...document.querySelectorAll("a[href]")].filter((link) => (link as HTMLAnchorElement).protocol === "javascript:").length,
    strayScripts: [...document.scripts].filter((script) => script.text.trim().startsWith("window.__xss")).length,
  }));
  expect(found, page.url()).toEqual({ ran: false, handlers: 0, scriptLinks: 0, strayScripts: 0 });
}

/** The HTML as sent holds no payload's markup as markup, in the page or in Remix's inline data. */
export function expectEscaped(html: string, where: string): void {
  for (const payload of [...PAYLOADS, HOSTILE_LINK].filter((text) => text.includes("<"))) expect(html, `${payload} sent raw in ${where}`).not.toContain(payload);
}

/** Opens a page, waits for it to run its scripts, and checks that the texts show as text and nothing ran. */
export async function visit(page: Page, path: string, texts: readonly string[]): Promise<void> {
  const response = await page.goto(path);
  expectEscaped((await response?.text()) ?? "", path);
  await hydrated(page);
  await expectShown(page, texts);
  await expectInert(page);
}

/** An answering page: SurveyJS renders after hydration, and the answers it shows are among `texts`. */
export async function visitSurvey(page: Page, path: string, texts: readonly string[], shown: readonly string[] = []): Promise<void> {
  await visit(page, path, shown);
  await expect(page.locator(".sd-root-modern")).toBeVisible();
  await expectSurveyValues(page, texts);
  await expectInert(page);
}

/** The free-text answers SurveyJS shows on its current page, which must all be among `texts`. */
export async function expectSurveyValues(page: Page, texts: readonly string[]): Promise<void> {
  const boxes = page.locator(".sd-root-modern").getByRole("textbox");
  await expect(boxes.first()).toBeVisible();
  const values = (await boxes.evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value))).filter((value) => value !== "");
  expect(values.length, page.url()).toBeGreaterThan(0);
  for (const value of values) expect(texts, "an answer shown by SurveyJS").toContain(value);
}

/** A long word in a name or an answer wraps instead of making the page scroll sideways. */
export async function expectFitsTheScreen(page: Page, path: string): Promise<void> {
  await visit(page, path, []);
  if (path.endsWith("/answer")) await expect(page.locator(".sd-root-modern")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, path).toBeLessThanOrEqual(0);
}

export interface Account {
  email: string;
  password?: string;
}

/**
 * Pages for a person (or nobody), each in its own browser context. The CSP is bypassed: it would
 * stop an injected script anyway, so only without it does "nothing ran" prove that the text was
 * escaped. A dialog, an uncaught error or a console error in any of them fails the test.
 */
export const test = base.extend<{ open: (account?: Account) => Promise<Page> }>({
  open: async ({ browser }, provide) => {
    const problems: string[] = [];
    const contexts: BrowserContext[] = [];
    await provide(async (account) => {
      const { context, page } = await watchedPage(browser, problems);
      contexts.push(context);
      if (account) await signIn(page, account.email, account.password);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
    expect(problems, "dialogs and errors in the pages").toEqual([]);
  },
});

async function watchedPage(browser: Browser, problems: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "en-GB", bypassCSP: true });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of (400|403|404|409|410|422|429)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { context, page };
}

/** A form posted as the page's signed-in person, from the site's own origin, as a browser would. */
export function postForm(page: Page, path: string, form: Record<string, string>): Promise<APIResponse> {
  return page.request.post(path, { form, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
}

/** The id at the end of a redirect's Location, or of the page's address. */
export function lastSegment(address: string | undefined): string {
  const id = new URL(address ?? "", "http://localhost").pathname.split("/").at(-1) ?? "";
  expect(id, address).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

export type Answers = Record<string, unknown>;

interface SurveyNode {
  type?: string;
  name?: string;
  pages?: SurveyNode[];
  elements?: SurveyNode[];
  templateElements?: SurveyNode[];
}

/** The free-text questions of a survey file: `name`, or `panel[].name` inside a repeated panel. */
export function freeTextQuestions(slug: string): string[] {
  const definition = JSON.parse(readFileSync(new URL(`../../surveys/${slug}.json`, import.meta.url), "utf8")) as SurveyNode;
  const paths: string[] = [];
  const walk = (node: SurveyNode, prefix: string) => {
    if ((node.type === "text" || node.type === "comment") && node.name) paths.push(`${prefix}${node.name}`);
    for (const child of [...(node.pages ?? []), ...(node.elements ?? [])]) walk(child, prefix);
    for (const child of node.templateElements ?? []) walk(child, `${prefix}${node.name ?? ""}[].`);
  };
  walk(definition, "");
  return paths;
}

/**
 * Answers: the choices given (which make the questions visible; a repeated panel needs its first
 * entry there) and a payload in each free-text question named.
 */
export function hostileAnswers(slug: string, choices: Answers, questions: readonly string[]): { answers: Answers; texts: string[] } {
  const answers = structuredClone(choices);
  const texts = questions.map((path) => {
    const text = hostile(`${slug}.${path}`);
    const [panel = "", name] = path.split("[].");
    if (name === undefined) answers[panel] = text;
    else firstEntry(answers, panel)[name] = text;
    return text;
  });
  return { answers, texts };
}

function firstEntry(answers: Answers, panel: string): Answers {
  const entries = answers[panel];
  if (!Array.isArray(entries) || typeof entries[0] !== "object" || entries[0] === null) throw new Error(`The choices need a first entry in ${panel}`);
  return entries[0] as Answers;
}

/** Posts to a consultation's answering endpoint, as the answering page does. */
export async function postAnswers(page: Page, consultationId: string, body: Answers, organisationId?: string): Promise<void> {
  const query = organisationId ? `?organisation=${organisationId}` : "";
  const response = await page.request.post(`/consultations/${consultationId}/answers${query}`, { data: body, headers: { Origin: new URL(page.url()).origin } });
  expect(response.status(), await response.text()).toBe(200);
}
