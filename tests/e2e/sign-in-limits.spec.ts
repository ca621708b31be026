import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { DEMO_STATES } from "../../db/demo/states.ts";
import { AppProcess } from "../app-process.ts";
import { SIGN_IN_PORT } from "./ports.ts";
import { DEMO_PASSWORD, expect, test } from "./fixtures.ts";

// The built server of its own, on a database of its own: its sign-in limits are driven over
// HTTP from many client addresses (X-Forwarded-For, trusted from the loopback proxy).
const PORT = SIGN_IN_PORT;
const database = join(mkdtempSync(join(tmpdir(), "consulta-sign-in-")), "app.db");
const app = new AppProcess(PORT, database, { env: { TRUST_PROXY: "loopback" } });

test.describe.configure({ mode: "serial" });
test.use({ baseURL: app.base });

test.beforeAll(async () => {
  await app.start();
});

test.afterAll(async () => {
  await app.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: string;
  cookie: string | null;
}

async function request(path: string, { from, cookie, form, language = "en" }: { from: string; cookie?: string; form?: Record<string, string>; language?: string }): Promise<Answer> {
  const response = await fetch(`${app.base}${path}`, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      "X-Forwarded-For": from,
      "Accept-Language": language,
      ...(form ? { Origin: app.base, "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const session = response.headers.getSetCookie().find((value) => /^consulta_session=[a-z2-7]+;/.test(value));
  return { status: response.status, headers: response.headers, body: await response.text(), cookie: session?.split(";")[0] ?? null };
}

const signIn = (email: string, password: string, from: string, language?: string) => request("/sign-in", { from, language, form: { email, password } });

/** What the sign-in page shows as its message, whatever the markup around it. */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");

test("an attacker's address is slowed, then refused, while the owner signs in from elsewhere; past a day's failures only a one-time link sent to the mailbox signs in @sqlite", async () => {
  test.setTimeout(180_000);
  const rapporteur = "rapporteur@consulta.test";
  const attacker = "203.0.113.66";
  for (let i = 0; i < 5; i += 1) expect((await signIn(rapporteur, `guess number ${i}`, attacker)).status).toBe(400);
  const slowed = await signIn(rapporteur, DEMO_PASSWORD, attacker);
  expect(slowed.status).toBe(429);
  // The owner, elsewhere, is not locked out by the attacker's failures.
  const owner = await signIn(rapporteur, DEMO_PASSWORD, "198.51.100.7");
  expect(owner.status).toBe(302);
  expect(owner.cookie).not.toBeNull();
  expect(Number(slowed.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(slowed.cookie).toBeNull();
  expect(text(slowed.body)).toContain("Too many failed attempts. For your security, try again in 1 minute.");

  // A day's attack on the partner's account from a hundred addresses, as other servers recorded it.
  const partner = "partner@consulta.test";
  const db = new SQLite(database);
  const insert = db.prepare("insert into sign_in_attempt (id, account, ip, outcome, attempts, created_at) values (?, ?, ?, 'failed', 1, ?)");
  for (let i = 0; i < 100; i += 1) insert.run(crypto.randomUUID(), partner, `192.0.2.${i}`, new Date().toISOString());
  db.close();

  for (const password of ["a wrong guess", DEMO_PASSWORD]) {
    const answer = await signIn(partner, password, "198.51.100.20");
    expect(answer.status).toBe(202);
    expect(answer.cookie).toBeNull();
    expect(text(answer.body)).toContain("If the e-mail address and the password were right, a sign-in link has been sent to that address");
  }

  // Without SMTP, the secretariat reads the link in the outbox.
  const admin = (await signIn("admin@consulta.test", DEMO_PASSWORD, "198.51.100.30")).cookie ?? "";
  const outbox = await request("/outbox", { from: "198.51.100.30", cookie: admin });
  const messageId = /href="\/outbox\/([0-9a-f-]{36})"[^>]*>Your sign-in link for Consulta/.exec(outbox.body)?.[1];
  expect(messageId).toBeDefined();
  const message = await request(`/outbox/${messageId}`, { from: "198.51.100.30", cookie: admin });
  const token = /\/sign-in-link\/([a-z2-7]{40,})/.exec(message.body)?.[1] ?? "";
  expect(token).not.toBe("");

  const page = await request(`/sign-in-link/${token}`, { from: "198.51.100.20" });
  expect(page.status).toBe(200);
  expect(text(page.body)).toContain(`This link signs you in as ${partner}`);
  const used = await request(`/sign-in-link/${token}`, { from: "198.51.100.20", form: {} });
  expect(used.status).toBe(302);
  expect(used.cookie).not.toBeNull();
  expect((await request("/account", { from: "198.51.100.20", cookie: used.cookie ?? "" })).status).toBe(200);
  expect((await request(`/sign-in-link/${token}`, { from: "198.51.100.20", form: {} })).status).toBe(410);

  // The secretariat sees the account under attack: 100 failures, one more guess and the right password.
  const activity = (await request("/sign-in-activity", { from: "198.51.100.30", cookie: admin })).body;
  const row = (account: string) => text([...activity.matchAll(/<tr>.*?<\/tr>/gs)].map((match) => match[0]).find((html) => html.includes(account)) ?? "");
  expect(row(partner)).toMatch(/partner@consulta\.test 102 0 101 .* by e-mailed link only/);
  expect(row(rapporteur)).toMatch(/rapporteur@consulta\.test 5 1 1 .* with the password/);
  const audit = new SQLite(database, { readonly: true });
  const linkSignIns = audit.prepare("select count(*) as n from audit_event where action = 'auth.sign_in' and detail like '%\"link\"%' and target_id = ?").get(partner) as { n: number };
  audit.close();
  expect(linkSignIns.n).toBe(1);
});

test("a burst of correct sign-ins waits in a short queue and the rest are told to come back, while the server keeps answering; successes and sessions are bounded per person @sqlite", async () => {
  test.setTimeout(240_000);
  const states = DEMO_STATES.slice(0, 40);
  const burst = Promise.all(states.map((state, i) => signIn(state.focalPoint.email, DEMO_PASSWORD, `198.18.1.${i}`, "es")));
  const health = await fetch(`${app.base}/healthz`, { signal: AbortSignal.timeout(60_000) });
  const answers = await burst;
  expect(health.status).toBe(200);
  expect(answers.map((answer) => answer.status).filter((status) => status !== 302 && status !== 503)).toEqual([]);
  const busy = answers.filter((answer) => answer.status === 503);
  expect(busy.length).toBeGreaterThan(0);
  expect(answers.filter((answer) => answer.status === 302).length).toBeGreaterThan(0);
  for (const answer of busy) {
    expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(text(answer.body)).toContain("En este momento muchas personas están iniciando sesión. Vuelva a intentarlo dentro de unos segundos.");
  }

  // One person signing in again and again: 30 times in a quarter of an hour (19 of them recorded
  // as if made a moment ago), ten sessions at most.
  const email = "focal.point@consulta.test";
  const earlier = new SQLite(database);
  const insert = earlier.prepare("insert into sign_in_attempt (id, account, ip, outcome, attempts, created_at) values (?, ?, '198.18.3.1', 'succeeded', 1, ?)");
  for (let i = 0; i < 19; i += 1) insert.run(crypto.randomUUID(), email, new Date().toISOString());
  earlier.close();
  const cookies: string[] = [];
  let refused: Answer | undefined;
  for (let i = 0; i < 15 && !refused; i += 1) {
    const answer = await signIn(email, DEMO_PASSWORD, `198.18.2.${i}`);
    if (answer.status === 302) cookies.push(answer.cookie ?? "");
    else if (answer.status === 429) refused = answer;
    else expect(answer.status, "a sign-in answers 302 or, past the limit, 429").toBe(503);
  }
  expect(cookies).toHaveLength(11);
  expect(refused, "refused past the limit").toBeDefined();
  expect(refused?.headers.get("Retry-After")).toMatch(/^\d+$/);
  expect(text(refused?.body ?? "")).toMatch(/There have been too many sign-ins to this account or from this network\. Please try again in \d+ minutes?\./);
  // The eleventh session ended the first.
  expect((await request("/account", { from: "198.18.2.0", cookie: cookies[0] })).status).toBe(302);
  expect((await request("/account", { from: "198.18.2.0", cookie: cookies.at(-1) })).status).toBe(200);
  const db = new SQLite(database, { readonly: true });
  const sessions = db.prepare("select count(*) as n from session where user_id = (select id from user where email = ?)").get(email) as { n: number };
  db.close();
  expect(sessions.n).toBe(10);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, locale: "en-GB" });

  test("changing one's password through the plain form keeps the person signed in @sqlite", async ({ page }) => {
    test.setTimeout(120_000);
    const email = DEMO_STATES.find((state) => state.code === "NG")?.focalPoint.email ?? "";
    await page.goto("/sign-in");
    await page.locator("form#sign-in input[name=email]").fill(email);
    await page.locator("form#sign-in input[name=password]").fill(DEMO_PASSWORD);
    await page.locator("form#sign-in").getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.goto("/account");
    const form = page.locator("form#change-password");
    await form.locator("input[name=currentPassword]").fill(DEMO_PASSWORD);
    await form.locator("input[name=password]").fill("a passphrase only I know");
    await form.locator("input[name=confirmPassword]").fill("a passphrase only I know");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/account\?changed=1$/);
    await expect(page.getByRole("status")).toHaveText("Your password has been changed. You have been signed out everywhere else.");
    await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
});

test.describe("accessibility of the new pages", () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  test.use({ bypassCSP: true });

  for (const language of ["en", "fr", "es"]) {
    test(`the sign-in activity and sign-in link pages have no serious or critical axe violation (${language}) @sqlite`, async ({ page, context }) => {
      test.setTimeout(60_000);
      const admin = (await signIn("admin@consulta.test", DEMO_PASSWORD, `198.51.100.${40 + language.length}`)).cookie ?? "";
      const [name, value] = admin.split("=");
      await context.addCookies([{ name: name ?? "", value: value ?? "", url: app.base }]);
      for (const path of [`/sign-in-activity?lang=${language}`, `/sign-in-link/${"a".repeat(52)}?lang=${language}`]) {
        await page.goto(path);
        await expect(page.locator("h1")).toBeVisible();
        expect(await page.title()).not.toBe("");
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
          const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: Violation[] }> } }).axe;
          // The page's own content: the shared header and footer are swept with every page elsewhere.
          return (await axe.run({ include: [["main"]] })).violations
            .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
            .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
        });
        expect(violations, path).toEqual([]);
      }
    });
  }
});
