import type { Page, Route } from "@playwright/test";
import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";

test.describe.configure({ mode: "serial" });
test.use({ locale: "es-ES" });

const SAVED = /Todos los cambios se guardaron/;

async function openFollowUp(page: Page, { surveyShown = true } = {}) {
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Seguimiento: de Ginebra a Marrakech" }).click();
  await page.getByRole("link", { name: /Empezar a responder|Seguir respondiendo|Ver la respuesta/ }).click();
  if (surveyShown) await expect(page.locator(".sd-root-modern")).toBeVisible();
}

/**
 * The first request to a URL reaches a server that never answers it; the ones after it get
 * through. Resolves to the requests held (closing the context lets them go).
 */
async function leaveFirstUnanswered(page: Page, url: string): Promise<Route[]> {
  const held: Route[] = [];
  await page.route(url, async (route) => {
    if (held.length === 0) held.push(route);
    else await route.continue();
  });
  return held;
}

function takeaways(page: Page) {
  return page.getByRole("textbox", { name: /principales conclusiones/ });
}

test("two devices editing the same State's answer see a conflict, not a lost edit", async ({ browser }) => {
  // Two browsers, each waiting for the other's saves, then a choice per question.
  test.slow();
  const first = await browser.newContext({ locale: "es-ES" });
  const second = await browser.newContext({ locale: "es-ES" });
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, ACCOUNTS.focal_point);
  await signIn(b, ACCOUNTS.focal_point);
  await openFollowUp(a);
  await takeaways(a).fill("Primera versión, desde el primer dispositivo.");
  await expect(a.locator(".sync-banner")).toHaveText(SAVED);

  await openFollowUp(b);
  await expect(takeaways(b)).toHaveValue("Primera versión, desde el primer dispositivo.");

  await takeaways(a).fill("Segunda versión, desde el primer dispositivo.");
  await expect(a.locator(".sync-banner")).toHaveText(SAVED);
  await takeaways(b).fill("Versión del segundo dispositivo.");
  await expect(b.getByRole("heading", { name: "María Fernanda López modificó las mismas preguntas mientras tanto" })).toBeVisible();
  const conflict = b.locator(".conflict");
  await expect(conflict).toContainText("Versión del segundo dispositivo.");
  await expect(conflict).toContainText("Segunda versión, desde el primer dispositivo.");
  await conflict.getByLabel(/Conservar mi respuesta/).check();
  await conflict.getByRole("button", { name: "Guardar estas opciones" }).click();
  await expect(b.locator(".sync-banner")).toHaveText(SAVED);
  await a.reload();
  await expect(takeaways(a)).toHaveValue("Versión del segundo dispositivo.");
  await first.close();
  await second.close();
});

test("answers typed without a connection are kept on the device and saved when it returns", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.partner);
  await openFollowUp(page);
  await context.setOffline(true);
  await takeaways(page).fill("Escrito sin conexión.");
  await expect(page.locator(".sync-banner")).toHaveText(/solo se conservan en este dispositivo/);
  await context.setOffline(false);
  await expect(page.locator(".sync-banner")).toHaveText(SAVED, { timeout: 15_000 });
  await page.reload();
  await expect(takeaways(page)).toHaveValue("Escrito sin conexión.");
  await context.close();
});

test("a save the server never answers is given up after 20 s, kept on the device, and sent again while the first request is still unanswered", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.partner);
  await page.clock.install();
  await openFollowUp(page);
  const unanswered = await leaveFirstUnanswered(page, "**/consultations/*/answers");
  await takeaways(page).fill("Escrito mientras el servidor no contesta.");
  await expect.poll(() => unanswered.length).toBe(1);
  await expect(page.locator(".sync-banner")).toHaveText("Guardando…");
  // 20 s without an answer: given up like a lost connection, the answers kept on the device.
  await page.clock.fastForward(21_000);
  await expect(page.locator(".sync-banner")).toHaveText(/solo se conservan en este dispositivo/);
  expect(await page.evaluate(() => Object.values(window.localStorage).join(" "))).toContain("Escrito mientras el servidor no contesta.");
  // Sent again 10 s later, while the first request is still unanswered: it holds nothing up.
  await page.clock.fastForward(11_000);
  await expect(page.locator(".sync-banner")).toHaveText(SAVED);
  expect(unanswered).toHaveLength(1);
  await page.reload();
  await expect(takeaways(page)).toHaveValue("Escrito mientras el servidor no contesta.");
  await context.close();
});

test("a survey the server does not send within 20 s is given up with a way to try again", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.partner);
  await page.clock.install();
  const unanswered = await leaveFirstUnanswered(page, "**/survey-versions/*");
  await openFollowUp(page, { surveyShown: false });
  await expect.poll(() => unanswered.length).toBe(1);
  await page.clock.fastForward(21_000);
  await expect(page.getByRole("alert")).toContainText("No se pudo cargar el cuestionario");
  await page.getByRole("button", { name: "Reintentar" }).click();
  await expect(page.locator(".sd-root-modern")).toBeVisible();
  await context.close();
});

test("a tampered submission is refused with the list of problems", async ({ page, baseURL }) => {
  await signIn(page, ACCOUNTS.partner);
  await openFollowUp(page);
  const endpoint = new URL(page.url()).pathname.replace(/\/answer$/, "/answers");
  const response = await page.request.post(endpoint, {
    headers: { Origin: baseURL ?? "", "Accept-Language": "es" },
    data: { intent: "submit", answers: { usefulness: 9, injected: "<script>alert(1)</script>" }, revision: 0, page: 0, attribution: "attributable" },
  });
  expect(response.status()).toBe(422);
  const body = (await response.json()) as { problems: { name: string; title: string; message: string }[] };
  expect(body.problems.map((problem) => problem.name).sort()).toEqual(["injected", "usefulness"]);
  expect(body.problems.find((problem) => problem.name === "usefulness")?.message).toBe("Esta puntuación está fuera de la escala.");
});

/** The page of the survey shown: its tab in the progress bar is the selected one. */
function pageShown(page: Page, title: string) {
  return expect(page.locator(".sd-root-modern").getByRole("tab", { name: title, selected: true })).toBeVisible();
}

test("a page turned while a save is under way is saved too: the page stays, and a fresh load opens at it", async ({ browser }) => {
  test.slow();
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  // A partner whose draft no other test uses.
  await signIn(page, "rosa.mamani@instituto-chakana.example");
  await openFollowUp(page);
  await pageShown(page, "La reunión");
  // A busy server: every save takes longer than the pause before the next one is sent.
  await page.route("**/consultations/*/answers", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue();
  });
  await page.getByRole("radiogroup", { name: /útil la reunión/ }).getByText("4", { exact: true }).click();
  await page.getByRole("button", { name: "Siguiente" }).click();
  await page.getByRole("button", { name: "Siguiente" }).click();
  await pageShown(page, "Prioridades actualizadas en materia de creación de capacidades");
  await expect(page.locator(".sync-banner")).toHaveText(SAVED, { timeout: 15_000 });

  const answerSent = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/answers"));
  await page.getByRole("radiogroup", { name: /han cambiado sus prioridades/ }).getByText("En cierta medida", { exact: true }).click();
  await answerSent;
  // Back to the first page while that answer's save is under way.
  await page.getByRole("button", { name: "Anterior" }).click();
  await page.getByRole("button", { name: "Anterior" }).click();
  await pageShown(page, "La reunión");
  await expect(page.locator(".sync-banner")).toHaveText(SAVED, { timeout: 15_000 });
  await pageShown(page, "La reunión");

  await page.reload();
  await pageShown(page, "La reunión");
  await context.close();
});

test("switching the language keeps the page turned to and the answers typed since the page was opened", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  // A partner whose draft no other test uses: the switch becomes this person's language.
  await signIn(page, "hodan.warsame@somali-nordic-professionals.example");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Follow-up: from Geneva to Marrakech" }).click();
  await page.getByRole("link", { name: "Continue answering" }).click();
  await pageShown(page, "The session");

  for (let step = 0; step < 3; step += 1) await page.getByRole("button", { name: "Next" }).click();
  await pageShown(page, "Partnerships after the session");
  const followUp = (name: RegExp) => page.getByRole("textbox", { name });
  await followUp(/Which partnerships do you intend/).fill("A peer exchange with two Nordic municipalities.");
  await expect(page.locator(".sync-banner")).toHaveText(/All changes saved/);
  await page.getByRole("button", { name: "Previous" }).click();
  await pageShown(page, "Updated capacity priorities");
  await expect(page.locator(".sync-banner")).toHaveText(/All changes saved/);
  await page.getByRole("button", { name: "Previous" }).click();
  await pageShown(page, "Commitments");
  await expect(page.locator(".sync-banner")).toHaveText(/All changes saved/);

  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await pageShown(page, "Engagements");
  await page.getByRole("button", { name: "Suivant" }).click();
  await page.getByRole("button", { name: "Suivant" }).click();
  await pageShown(page, "Partenariats à l’issue de la session");
  await expect(followUp(/Quels partenariats/)).toHaveValue("A peer exchange with two Nordic municipalities.");
  await expect(page.locator(".sync-banner")).toHaveText(/Toutes les modifications/);

  await page.reload();
  await pageShown(page, "Partenariats à l’issue de la session");
  await expect(followUp(/Quels partenariats/)).toHaveValue("A peer exchange with two Nordic municipalities.");
  await context.close();
});
