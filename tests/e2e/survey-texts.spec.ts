import type { Page } from "@playwright/test";
import { expect, hydrated, signIn, test } from "./fixtures.ts";

/**
 * A State whose follow-up answer is a draft, and whose focal point no other test uses: these
 * tests change the selections of that draft.
 */
const FOCAL_POINT = "andres.villacis@ec.example";

const MESSAGES = {
  en: { next: "Next", one: "Select at least 1 option.", two: "Select at least 2 options." },
  fr: { next: "Suivant", one: "Sélectionnez au moins 1 choix.", two: "Sélectionnez au moins 2 choix." },
  es: { next: "Siguiente", one: "Seleccione al menos 1 opción.", two: "Seleccione al menos 2 opciones." },
} as const;

async function openFollowUp(page: Page) {
  await page.goto("/consultations");
  await page.getByRole("link", { name: /Follow-up: from Geneva|Suivi : de Genève|Seguimiento: de Ginebra/ }).click();
  await page.getByRole("link", { name: /Continue|Poursuivre|Seguir|Start|Commencer|Empezar/ }).first().click();
  await hydrated(page);
  await expect(page.locator(".sd-question").first()).toBeVisible();
}

/** The follow-up survey as served, with a minimum number of sessions to choose on its first page. */
async function withMinimum(page: Page, minimum: number) {
  await page.unroute("**/survey-versions/**");
  await page.route("**/survey-versions/**", async (route) => {
    const response = await route.fetch();
    const definition = (await response.json()) as { pages: { elements: { name: string; minSelectedChoices?: number }[] }[] };
    const question = definition.pages[0]?.elements.find((element) => element.name === "most_useful_sessions");
    if (!question) throw new Error("The follow-up survey no longer asks for the most useful sessions");
    question.minSelectedChoices = minimum;
    await route.fulfill({ response, json: definition });
  });
}

for (const [language, text] of Object.entries(MESSAGES)) {
  test(`the answering page asks for a minimum of choices with the plural of the number, in ${language}`, async ({ page, context, baseURL }) => {
    await signIn(page, FOCAL_POINT);
    // After signing in, which sets the language the person chose before.
    await context.addCookies([{ name: "consulta_lang", value: language, url: baseURL ?? "" }]);
    const sessions = () => page.locator('[data-name="most_useful_sessions"]');
    const checked = () => sessions().locator("input[type=checkbox]:checked");

    await withMinimum(page, 2);
    await openFollowUp(page);
    while ((await checked().count()) > 0) await checked().first().uncheck({ force: true });
    await sessions().locator("input[type=checkbox]").first().check({ force: true });
    await page.getByRole("button", { name: text.next }).click();
    await expect(sessions()).toContainText(text.two);

    await withMinimum(page, 1);
    await openFollowUp(page);
    while ((await checked().count()) > 0) await checked().first().uncheck({ force: true });
    await page.getByRole("button", { name: text.next }).click();
    await expect(sessions()).toContainText(text.one);
  });
}

test.describe("in Spanish", () => {
  test.use({ locale: "es-ES" });

  test("the survey's progress bar names its pages, whole", async ({ page }) => {
    await signIn(page, FOCAL_POINT);
    await openFollowUp(page);
    const progress = page.locator(".sd-progress-buttons");
    for (const title of ["La reunión", "Compromisos", "Propuestas para Marrakech"]) await expect(progress).toContainText(title);
    const cut = await progress.locator(".sd-progress-buttons__page-title").evaluateAll((titles) => titles.filter((title) => title.scrollWidth > title.clientWidth).map((title) => title.textContent));
    expect(cut).toEqual([]);
  });
});
