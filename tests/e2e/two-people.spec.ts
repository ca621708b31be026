import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { ACCOUNTS, DEMO_PASSWORD, expect as baseExpect, genevaLocal, hydrated, sendInvitation, signIn, test } from "./fixtures.ts";

// Two people of one organisation on one answer, each in a browser of their own: Colombia's demo
// focal point and a colleague invited for the test; the demo partner and a colleague.
// Two browsers at once, each waiting for the other's saves: slow on a busy machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const SAVED = /Todos los cambios se guardaron|All changes saved/;
const COLLEAGUE_PASSWORD = "two people on one answer";
const COLOMBIA = { demo: { email: "catalina.ospina@co.example", password: DEMO_PASSWORD, name: "Catalina Ospina" }, colleague: { email: "julian.restrepo@co.example", password: COLLEAGUE_PASSWORD, name: "Julián Restrepo" } };
const PARTNER = { demo: { email: ACCOUNTS.partner, password: DEMO_PASSWORD, name: "Chidi Okafor" }, colleague: { email: "amara.eze@adnd.example", password: COLLEAGUE_PASSWORD, name: "Amara Eze" } };
type Person = (typeof COLOMBIA)["demo"];

let admin: Page;
let adminContext: BrowserContext;

/** A consultation of its own for each test, open now, created through the secretariat's form. */
async function openConsultation(survey: "follow-up" | "partnership-proposals", title: string): Promise<string> {
  const form = await (await admin.request.get("/consultations/new")).text();
  const meetingId = /<option value="([0-9a-f-]{36})"/.exec(form)?.[1] ?? "";
  const origin = new URL(admin.url()).origin;
  const fields = new URLSearchParams({
    meetingId,
    slug: `two-people-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
    phase: "post",
    kind: survey === "follow-up" ? "follow_up" : "call_for_proposals",
    audience: survey === "follow-up" ? "state" : "diaspora",
    surveySlug: survey,
    opensAt: genevaLocal(-1),
    closesAt: genevaLocal(2),
    publish: "on",
  });
  for (const language of ["en", "fr", "es"]) {
    fields.set(`title_${language}`, title);
    fields.set(`description_${language}`, title);
  }
  const created = await admin.request.post("/consultations/new", { headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, data: fields.toString(), maxRedirects: 0 });
  const id = created.headers().location?.split("/").at(-1);
  if (!id) throw new Error(`The consultation was not created (${created.status()})`);
  return id;
}

/** Invites a colleague through the secretariat's form; they accept from the e-mail in the outbox. */
async function invite(browser: Browser, person: Person, organisation: string, role: string, language: "en" | "es") {
  await admin.goto("/invitations");
  await hydrated(admin);
  await sendInvitation(admin, { email: person.email, name: person.name, organisation, role, language });
  await admin.getByRole("link", { name: "See it in the outbox." }).click();
  await admin.getByRole("link", { name: new RegExp(`(invitation to|invitación a) Consulta.* ${organisation}$`) }).first().click();
  const link = (await admin.locator(".email-body a").getAttribute("href")) ?? "";
  const context = await browser.newContext({ locale: "en-GB" });
  const guest = await context.newPage();
  await guest.goto(new URL(link).pathname);
  await hydrated(guest);
  await guest.getByLabel("Choose a password").fill(person.password);
  await guest.getByLabel("Type the password again").fill(person.password);
  await guest.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(guest.getByRole("status")).toContainText(/Welcome!|bienvenida/);
  await context.close();
}

test.beforeAll(async ({ browser }, testInfo) => {
  // Two invitations accepted through the pages, with password hashing, on a machine that may be busy.
  testInfo.setTimeout(180_000);
  adminContext = await browser.newContext({ locale: "en-GB" });
  admin = await adminContext.newPage();
  await signIn(admin, ACCOUNTS.admin);
  await invite(browser, COLOMBIA.colleague, "Colombia", "State focal point", "es");
  await invite(browser, PARTNER.colleague, "African Diaspora Network for Development", "Partner", "en");
});

test.afterAll(async () => {
  await adminContext.close();
});

/** One person's browser on the answering page of a consultation. */
async function answering(browser: Browser, person: Person, consultation: string, locale = "es-ES"): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signIn(page, person.email, person.password);
  await page.goto(`/consultations/${consultation}/answer`);
  await expect(page.locator(".sd-root-modern")).toBeVisible();
  return { page, close: () => context.close() };
}

const banner = (page: Page) => page.locator(".sync-banner");
const takeaways = (page: Page) => page.getByRole("textbox", { name: /principales conclusiones/ });
const improvements = (page: Page) => page.getByRole("textbox", { name: /mejorarse/ });
const sessions = (page: Page) => page.getByRole("group", { name: /partes de la reunión/ });
const news = (page: Page) => page.getByRole("status").filter({ has: page.getByRole("heading", { name: /figuran en el formulario|are in the form/ }) });

/** Catalina starts Colombia's answer to a new follow-up consultation; Julián opens it once her first answer is saved. */
async function colombiaTogether(browser: Browser, title: string, first: string) {
  const consultation = await openConsultation("follow-up", title);
  const a = await answering(browser, COLOMBIA.demo, consultation);
  await takeaways(a.page).fill(first);
  await expect(banner(a.page)).toHaveText(SAVED);
  const b = await answering(browser, COLOMBIA.colleague, consultation);
  await expect(takeaways(b.page)).toHaveValue(first);
  return { a, b };
}


test("different questions: both saves merge by themselves, and each person is told who changed what", async ({ browser }) => {
  const { a, b } = await colombiaTogether(browser, "Dos personas: preguntas distintas", "Conclusiones de Catalina.");
  await takeaways(a.page).fill("Conclusiones de Catalina, completadas.");
  await expect(banner(a.page)).toHaveText(SAVED);

  // Julián's save was based on the answer before Catalina's last change: merged, not a conflict.
  await improvements(b.page).fill("Mejoras propuestas por Julián.");
  await expect(banner(b.page)).toHaveText(SAVED);
  await expect(news(b.page)).toContainText("Catalina Ospina modificó las respuestas a:");
  await expect(news(b.page)).toContainText("¿Cuáles son las principales conclusiones que extrae de la reunión?");
  await expect(takeaways(b.page)).toHaveValue("Conclusiones de Catalina, completadas.");
  await expect(improvements(b.page)).toHaveValue("Mejoras propuestas por Julián.");
  await expectNoSeriousViolations(b.page);

  // Catalina, opening the page again, finds both and is told.
  await a.page.reload();
  await expect(takeaways(a.page)).toHaveValue("Conclusiones de Catalina, completadas.");
  await expect(improvements(a.page)).toHaveValue("Mejoras propuestas por Julián.");
  await expect(news(a.page)).toContainText("Julián Restrepo modificó las respuestas a:");
  await expect(news(a.page)).toContainText("¿Qué podría mejorarse en las próximas reuniones del Diálogo?");
  await a.close();
  await b.close();
});

test("different entries of a repeated panel: one adds a proposal while the other changes another, and both are kept", async ({ browser }) => {
  const consultation = await openConsultation("partnership-proposals", "Two people: proposals");
  const a = await answering(browser, PARTNER.demo, consultation, "en-GB");
  await a.page.getByRole("radiogroup", { name: /type of organisation/ }).getByText("Diaspora organisations", { exact: true }).click();
  await a.page.getByRole("button", { name: "Next" }).click();
  const titles = (page: Page) => page.getByRole("textbox", { name: "Title of the proposal" });
  await titles(a.page).first().fill("Alpha: diaspora skills exchange");
  await expect(banner(a.page)).toHaveText(SAVED);

  const b = await answering(browser, PARTNER.colleague, consultation, "en-GB");
  await expect(titles(b.page).first()).toHaveValue("Alpha: diaspora skills exchange");

  await a.page.getByRole("button", { name: "Add another proposal" }).click();
  await titles(a.page).nth(1).fill("Beta: remittance literacy");
  await expect(banner(a.page)).toHaveText(SAVED);

  await b.page.getByRole("textbox", { name: "Summary" }).first().fill("Summary of Alpha, written by Amara.");
  await expect(banner(b.page)).toHaveText(SAVED);
  await expect(titles(b.page)).toHaveCount(2);
  await expect(titles(b.page).nth(1)).toHaveValue("Beta: remittance literacy");
  await expect(news(b.page)).toContainText("Chidi Okafor changed the answers to:");

  await a.page.reload();
  await expect(titles(a.page)).toHaveCount(2);
  await expect(a.page.getByRole("textbox", { name: "Summary" }).first()).toHaveValue("Summary of Alpha, written by Amara.");
  await expect(titles(a.page).nth(1)).toHaveValue("Beta: remittance literacy");
  await a.close();
  await b.close();
});

test("the same questions changed by both: a conflict in words, with the other's latest answers, resolved question by question", async ({ browser }) => {
  const { a, b } = await colombiaTogether(browser, "Dos personas: las mismas preguntas", "Versión de partida.");

  await takeaways(a.page).fill("Versión de Catalina.");
  await sessions(a.page).getByText("Sesión de apertura y discursos principales").click();
  await expect(banner(a.page)).toHaveText(SAVED);
  await takeaways(a.page).fill("Versión de Catalina, la más reciente.");
  await expect(banner(a.page)).toHaveText(SAVED);

  await sessions(b.page).getByText("Mesa redonda sobre las alianzas en todos los niveles de gobernanza").click();
  await improvements(b.page).fill("Mejoras de Julián.");
  await takeaways(b.page).fill("Versión de Julián.");
  const card = b.page.locator(".conflict");
  await expect(card).toBeVisible();
  await expect(card.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(banner(b.page)).toHaveText(/No guardado/);
  // Choices by their labels in the reader's language, never their codes; the other's latest answer.
  await expect(card).not.toContainText("opening_keynotes");
  await expect(card).toContainText("Sesión de apertura y discursos principales");
  await expect(card.getByRole("heading", { name: "Catalina Ospina modificó las mismas preguntas mientras tanto" })).toBeVisible();
  const sessionsChoice = card.getByRole("group", { name: /partes de la reunión/ });
  const takeawaysChoice = card.getByRole("group", { name: /principales conclusiones/ });
  await expect(sessionsChoice).toContainText("Mesa redonda sobre las alianzas en todos los niveles de gobernanza");
  await expect(sessionsChoice).toContainText("Sesión de apertura y discursos principales");
  await expect(takeawaysChoice).toContainText("Versión de Julián.");
  await expect(takeawaysChoice).toContainText("Versión de Catalina, la más reciente.");
  // The question only Julián changed is not disputed.
  await expect(card.getByRole("group", { name: /mejorarse/ })).toHaveCount(0);
  await expectNoSeriousViolations(b.page);

  await card.getByRole("button", { name: "Guardar estas opciones" }).click();
  await expect(card.getByRole("alert")).toHaveText("Elija una respuesta para cada pregunta.");
  // From the keyboard: the choice made keeps the focus where it is.
  const keepMine = takeawaysChoice.getByLabel(/Conservar mi respuesta/);
  await keepMine.focus();
  await b.page.keyboard.press("Space");
  await expect(keepMine).toBeChecked();
  await expect(keepMine).toBeFocused();
  await sessionsChoice.getByLabel(/Adoptar la respuesta guardada por Catalina Ospina/).check();
  await card.getByRole("button", { name: "Guardar estas opciones" }).click();
  await expect(card).toBeHidden();
  await expect(banner(b.page)).toHaveText(SAVED);
  await expect(takeaways(b.page)).toHaveValue("Versión de Julián.");
  await expect(improvements(b.page)).toHaveValue("Mejoras de Julián.");

  await a.page.reload();
  await expect(takeaways(a.page)).toHaveValue("Versión de Julián.");
  await expect(improvements(a.page)).toHaveValue("Mejoras de Julián.");
  await expect(sessions(a.page).getByRole("checkbox", { name: "Sesión de apertura y discursos principales" })).toBeChecked();
  await expect(sessions(a.page).getByRole("checkbox", { name: "Mesa redonda sobre las alianzas en todos los niveles de gobernanza" })).not.toBeChecked();
  await expect(news(a.page)).toContainText("Julián Restrepo reemplazó sus respuestas a:");
  await a.close();
  await b.close();
});

test("the other is told at their next save that their answers were merged or replaced, and finds them in the form", async ({ browser }) => {
  const { a, b } = await colombiaTogether(browser, "Dos personas: aviso", "Conclusiones de Catalina.");
  await takeaways(b.page).fill("Conclusiones corregidas por Julián.");
  await improvements(b.page).fill("Mejoras de Julián.");
  await expect(banner(b.page)).toHaveText(SAVED);

  // Catalina goes on without reloading: her next save brings the news and Julián's answers.
  await sessions(a.page).getByText("Sesión de apertura y discursos principales").click();
  await expect(banner(a.page)).toHaveText(SAVED);
  const told = news(a.page);
  await expect(told).toContainText("Julián Restrepo reemplazó sus respuestas a:");
  await expect(told).toContainText("Julián Restrepo modificó las respuestas a:");
  await expect(takeaways(a.page)).toHaveValue("Conclusiones corregidas por Julián.");
  await expect(improvements(a.page)).toHaveValue("Mejoras de Julián.");
  await told.getByRole("button", { name: "Ocultar este mensaje" }).click();
  await expect(told).toBeHidden();
  await a.close();
  await b.close();
});

test("a reopened answer stays submitted with an amendment in progress, for the State and the secretariat, until submitted again", async ({ browser }) => {
  const consultation = await openConsultation("follow-up", "Enmienda en curso");
  const a = await answering(browser, COLOMBIA.demo, consultation);
  await a.page.getByRole("radiogroup", { name: /útil la reunión/ }).getByText("4", { exact: true }).click();
  await takeaways(a.page).fill("Respuesta enviada.");
  await expect(banner(a.page)).toHaveText(SAVED);
  const complete = async (button: string) => {
    for (let step = 0; step < 4; step += 1) await a.page.getByRole("button", { name: "Siguiente" }).click();
    await a.page.getByRole("button", { name: "Completar" }).click();
    await a.page.getByLabel(/^Atribuible/).check();
    await a.page.getByRole("button", { name: button }).click();
    await expect(a.page.getByRole("heading", { level: 1 })).toHaveText("Acuse de recibo");
  };
  await complete("Enviar la respuesta");
  const progress = admin.getByRole("region", { name: "Progress" });

  await a.page.getByRole("link", { name: "Volver a la respuesta" }).click();
  await a.page.getByRole("button", { name: "Reabrir para modificar" }).click();
  await expect(a.page.getByRole("status").filter({ hasText: "hay una modificación en curso que aún no se ha enviado" })).toBeVisible();
  for (let step = 0; step < 4; step += 1) await a.page.getByRole("button", { name: "Anterior" }).click();
  await takeaways(a.page).fill("Modificación sin enviar.");
  await expect(banner(a.page)).toHaveText(SAVED);

  // The receipt shows the answer as submitted, and says an amendment is in progress.
  await a.page.reload();
  await expect(a.page.getByRole("status").filter({ hasText: "hay una modificación en curso que aún no se ha enviado" })).toBeVisible();
  await a.page.getByRole("link", { name: "Ver el acuse de recibo" }).click();
  await expect(a.page.getByText(/Hay una modificación de esta respuesta en curso/)).toBeVisible();
  await expect(a.page.getByText("Respuesta enviada.")).toBeVisible();
  await expect(a.page.getByText("Modificación sin enviar.")).toHaveCount(0);
  await expectNoSeriousViolations(a.page);

  // The secretariat counts it among the submitted answers.
  await admin.goto(`/consultations/${consultation}`);
  await expect(progress.getByText("Drafts", { exact: true }).locator("..")).toContainText("0");
  await expect(progress.getByText("Answer submitted", { exact: true }).locator("..")).toContainText("1 (of which 1 with an amendment in progress)");

  await a.page.getByRole("link", { name: "Volver a la respuesta" }).click();
  await expect(a.page.locator(".sd-root-modern")).toBeVisible();
  await complete("Enviar la modificación");
  await expect(a.page.getByText("Modificación sin enviar.")).toBeVisible();
  await expect(a.page.getByText(/Hay una modificación de esta respuesta en curso/)).toHaveCount(0);
  await admin.reload();
  await expect(progress.getByText("Answer submitted", { exact: true }).locator("..")).toHaveText(/Answer submitted\s*1$/);
  await a.close();
});
