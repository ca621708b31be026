import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";
import { forgedPost } from "./forged-post.ts";

const PAGES = {
  en: { notFound: "Page not found", forbidden: "You do not have access to this page", badRequest: "This request could not be understood" },
  fr: { notFound: "Page introuvable", forbidden: "Vous n’avez pas accès à cette page", badRequest: "Cette requête n’a pas pu être comprise" },
  es: { notFound: "Página no encontrada", forbidden: "No tiene acceso a esta página", badRequest: "No se ha podido entender esta solicitud" },
} as const;

test.describe("with a Spanish browser", () => {
  test.use({ locale: "es-ES" });

  test("an address that leads nowhere answers 404 in Spanish, with a title, and keeps the reader signed in", async ({ page }) => {
    const response = await page.goto("/no/existe");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Página no encontrada");
    await expect(page).toHaveTitle("Página no encontrada – Consulta");
    await signIn(page, ACCOUNTS.partner);
    await page.goto("/no/existe");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Página no encontrada");
    await expect(page.getByRole("banner")).toContainText("Chidi Okafor");
    await expect(page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Mi organización" })).toBeVisible();
  });

  test("a request refused by an action gets the error page in Spanish, with a title", async ({ page }) => {
    await signIn(page, ACCOUNTS.admin);
    await page.goto("/consultations");
    await page.getByRole("link", { name: "Seguimiento: de Ginebra a Marrakech" }).click();
    // The form must go to the consultation's page, not to the list still shown while it loads.
    await page.waitForURL((url) => url.pathname !== "/consultations");
    await hydrated(page);
    const response = await forgedPost(page);
    expect(response.status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("No se ha podido entender esta solicitud");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page).toHaveTitle("No se ha podido entender esta solicitud – Consulta");
  });
});

for (const [language, titles] of Object.entries(PAGES)) {
  test(`the 403 and 404 pages have a title in ${language}`, async ({ page, context, baseURL }) => {
    await signIn(page, ACCOUNTS.partner);
    await context.addCookies([{ name: "consulta_lang", value: language, url: baseURL ?? "" }]);
    expect((await page.goto("/people"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(titles.forbidden);
    await expect(page).toHaveTitle(`${titles.forbidden} – Consulta`);
    expect((await page.goto("/consultations/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
    await expect(page).toHaveTitle(`${titles.notFound} – Consulta`);
    expect((await page.goto("/nowhere"))?.status()).toBe(404);
    await expect(page).toHaveTitle(`${titles.notFound} – Consulta`);
  });
}
