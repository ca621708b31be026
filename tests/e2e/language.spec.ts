import { expect, hydrated, test } from "./fixtures.ts";

test.describe("with a French browser", () => {
  test.use({ locale: "fr-FR" });

  test("the default language follows Accept-Language", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultations pour le Dialogue international sur la migration");
    // Other meetings may be listed too (other tests make some).
    await expect(page.getByRole("heading", { level: 2, name: "Dialogue international sur la migration 2018" })).toBeVisible();
    await expect(page.getByText("8–9 octobre 2018")).toBeVisible();
  });
});

test.describe("with an English browser", () => {
  test.use({ locale: "en-US" });

  test("the switcher changes the language, keeps the page and remembers the choice", async ({ page }) => {
    await page.goto("/sign-in");
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión");
    await expect(page).toHaveTitle("Iniciar sesión – Consulta");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("button", { name: "Español" })).toHaveAttribute("aria-pressed", "true");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultas para el Diálogo Internacional sobre la Migración");
    await page.getByRole("button", { name: "Français" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultations pour le Dialogue international sur la migration");
  });

  test("the URL can name the language", async ({ page }) => {
    await page.goto("/?lang=es");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByText("Sala de Conferencias XVIII, Palacio de las Naciones, Ginebra")).toBeVisible();
  });

  test("the switcher works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Français" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultations pour le Dialogue international sur la migration");
    await context.close();
  });

  test("validation messages come in the chosen language", async ({ page }) => {
    await page.goto("/sign-in?lang=es");
    await hydrated(page);
    await page.getByLabel("Dirección de correo electrónico").fill("no es una dirección");
    await page.getByRole("button", { name: "Iniciar sesión" }).last().click();
    await expect(page.locator(".error-summary")).toContainText("Introduzca una dirección de correo electrónico");
  });
});
