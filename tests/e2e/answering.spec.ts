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
