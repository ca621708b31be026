import { join } from "node:path";
import SQLite from "better-sqlite3";
import { AppProcess } from "../app-process.ts";
import { removeTempFolders, tempFolder } from "../temp.ts";
import { MINIMAL_CAPACITY_ANSWERS } from "../consultations.ts";
import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";
import { BAD_INPUT_PORT } from "./ports.ts";

/*
 * Items 5 and 7 of issue 8, in the pages the server renders: text with a right-to-left override,
 * a C1 control or a NUL is refused with a translated message and never reaches a page; a date
 * written straight into the database takes no page down. A server of its own, whose SQLite
 * file the test writes into.
 */
const PORT = BAD_INPUT_PORT;
const BASE = `http://127.0.0.1:${PORT}`;
let app: AppProcess;
let database: string;

test.describe.configure({ mode: "serial" });
test.use({ locale: "en-GB", baseURL: BASE });

test.beforeAll(async () => {
  database = join(tempFolder("consulta-bad-input-"), "app.db");
  app = new AppProcess(PORT, database);
  await app.start();
});

test.afterAll(async () => {
  await app.stop();
  removeTempFolders();
});

/** A form posted as a browser without JavaScript does: the page comes back rendered by the server. */
function postForm(path: string, cookie: string, fields: Record<string, string>, language = "en"): Promise<Response> {
  return fetch(`${BASE}${path}?lang=${language}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

const page = async (path: string, cookie = "") => (await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } })).text();
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

test("a name with a right-to-left override or a C1 control is refused with the message in the reader's language, and no page shows it @sqlite", async ({ page: browser }) => {
  const admin = await app.signIn(ACCOUNTS.admin);
  const messages = {
    en: "Remove the invisible control or text-direction characters from this text",
    fr: "Retirez de ce texte les caractères invisibles de contrôle ou de sens d’écriture",
    es: "Quite de este texto los caracteres invisibles de control o de dirección de escritura",
  };
  for (const [language, message] of Object.entries(messages)) {
    const organisation = await postForm("/organisations/new", admin, { type: "ngo", name: "Evil\u202egnp.exe" }, language);
    expect(organisation.status).toBe(400);
    expect(await organisation.text()).toContain(message);
    const invitation = await postForm("/invitations", admin, { intent: "create", email: "c1@example.org", name: "Caf\u0085e", organisationId: "x", role: "partner", language: "en" }, language);
    expect(invitation.status).toBe(400);
    expect(await invitation.text()).toContain(message);
  }
  for (const path of ["/organisations?type=ngo", "/people", "/invitations"]) expect(await page(path, admin), path).not.toMatch(UNSAFE);

  // The same in the browser, where the form checks before sending.
  await signIn(browser, ACCOUNTS.admin);
  await browser.goto("/organisations/new?lang=fr");
  await browser.getByLabel("Type").selectOption({ index: 1 });
  await browser.getByLabel("Nom").fill("Evil\u202egnp.exe");
  await browser.getByRole("button", { name: "Ajouter l’organisation" }).click();
  await expect(browser.getByText(messages.fr).first()).toBeVisible();
});

test("a survey answer with a NUL is refused and the receipt carries none @sqlite", async () => {
  const admin = await app.signIn(ACCOUNTS.admin);
  const consultation = await app.openCapacityConsultation(admin, "unsafe-answers");
  const focalPoint = await app.signIn(ACCOUNTS.focal_point);
  const refused = await app.answer(focalPoint, consultation, { intent: "submit", answers: { ...MINIMAL_CAPACITY_ANSWERS, coordinating_institution: "SRE\u0000<b>" }, revision: 0, page: 0, attribution: "attributable" });
  expect(refused.status).toBe(422);
  expect(await refused.json()).toMatchObject({ reason: "invalid", problems: [{ name: "coordinating_institution" }] });
  const submitted = await app.answer(focalPoint, consultation, { intent: "submit", answers: MINIMAL_CAPACITY_ANSWERS, revision: 0, page: 0, attribution: "attributable" });
  expect(submitted.status).toBe(200);
  const receipt = await page(`/consultations/${consultation}/receipt`, focalPoint);
  expect(receipt).toContain(MINIMAL_CAPACITY_ANSWERS.coordinating_institution);
  expect(receipt).not.toMatch(UNSAFE);
});

test("a date no calendar has, written straight into the database, takes no page down: the pages show it as stored @sqlite", async ({ page: browser }) => {
  const admin = await app.signIn(ACCOUNTS.admin);
  const consultation = await app.openCapacityConsultation(admin, "impossible-dates");
  const db = new SQLite(database);
  try {
    db.prepare("update meeting set starts_on = '2019-13-01', ends_on = '2019-13-03'").run();
    db.prepare("update consultation set opens_at = '2019-13-01T08:00:00Z', closes_at = 'soon' where id = ?").run(consultation);
  } finally {
    db.close();
  }
  for (const path of ["/", "/?lang=fr", "/?lang=es"]) {
    const response = await fetch(`${BASE}${path}`);
    expect(response.status, path).toBe(200);
    expect(await response.text(), path).toContain("2019-13-01 – 2019-13-03");
  }
  // In the browser too: the pages hydrate without an error (the fixture fails the test on any).
  await signIn(browser, ACCOUNTS.admin);
  for (const path of ["/", "/consultations", `/consultations/${consultation}`, `/consultations/${consultation}/edit`]) {
    const response = await browser.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  await browser.goto(`/consultations/${consultation}`);
  await expect(browser.getByText("2019-13-01T08:00:00Z").first()).toBeVisible();
  await expect(browser.getByText("soon").first()).toBeVisible();
});
