import type { Page } from "@playwright/test";
import { ACCOUNTS, expect, genevaLocal, hydrated, signIn, test } from "./fixtures.ts";

test.describe.configure({ mode: "serial" });

const TITLE_ES = "Necesidades de capacidad (ronda de prueba)";
const SAVED = /Todos los cambios se guardaron/;

test("the secretariat opens a capacity-needs consultation for States", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/consultations/new");
  await hydrated(page);
  await page.getByLabel("Short name (for addresses and exports)").fill("e2e-capacity-needs");
  await page.getByLabel("Phase").selectOption({ label: "Before the meeting" });
  await page.getByLabel("Kind").selectOption({ label: "Capacity survey for States" });
  await page.getByRole("checkbox", { name: "State", exact: true }).check();
  await page.getByLabel("Survey").selectOption("capacity-needs");
  const texts: [string, string, string][] = [
    ["English", "Capacity needs (test round)", "A test round of the capacity-needs survey."],
    ["Français", "Besoins en capacités (essai)", "Un essai de l’enquête sur les besoins en capacités."],
    ["Español", TITLE_ES, "Una ronda de prueba de la encuesta de necesidades de capacidad."],
  ];
  for (const [language, title, description] of texts) {
    const group = page.getByRole("group", { name: language });
    await group.getByLabel("Title").fill(title);
    await group.getByLabel("Description").fill(description);
  }
  await page.getByLabel(/^Opens\b/).fill(genevaLocal(-1));
  await page.getByLabel(/^Closes\b/).fill(genevaLocal(30));
  await page.getByLabel(/Published/).check();
  await page.getByRole("button", { name: "Create the consultation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Capacity needs (test round)");
  await expect(page.locator(".badge--open")).toHaveText("Open");
  await expect(page.getByText("Organisations not started")).toBeVisible();
  await context.close();
});

async function open(page: Page) {
  await page.goto("/consultations");
  await page.getByRole("link", { name: TITLE_ES }).click();
  await page.getByRole("link", { name: /Empezar a responder|Seguir respondiendo|Ver la respuesta/ }).click();
  await expect(page.locator(".sd-root-modern")).toBeVisible();
}

const institution = (page: Page) => page.getByRole("textbox", { name: /institución que coordina/ });

test("a focal point answers capacity-needs in Spanish across pages, resumes after a reload, submits, amends and gets a receipt", async ({ browser }) => {
  // A whole journey of some forty steps: 30 s is too short beside another worker's browser tests.
  test.slow();
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.focal_point);
  await open(page);
  await institution(page).fill("Secretaría de Relaciones Exteriores");
  await page.getByRole("radiogroup", { name: /consulta que implique a todo el gobierno/ }).getByText("En parte", { exact: true }).click();
  await page.getByRole("button", { name: "Siguiente" }).click();
  await page.getByRole("radiogroup", { name: /mecanismo de coordinación que implique a todo el gobierno/ }).getByText("No existe tal mecanismo por el momento").click();
  await page.getByRole("button", { name: "Siguiente" }).click();
  await expect(page.getByText("Objetivos prioritarios del Pacto Mundial").first()).toBeVisible();
  await expect(page.locator(".sync-banner")).toHaveText(SAVED);

  await page.reload();
  await expect(page.locator(".sd-root-modern")).toBeVisible();
  await expect(page.getByText("Objetivos prioritarios del Pacto Mundial").first()).toBeVisible();
  const priority = page.getByRole("group", { name: "Prioridad 1" });
  const option = page.getByRole("option", { name: "5. Vías de migración regular" });
  // The list opens from the keyboard once the form is ready to take it; on a busy machine it can
  // close again before the click lands (a scroll), so opening and choosing are tried together.
  // The receipt below shows that the choice was taken.
  await expect(async () => {
    await priority.getByRole("combobox").focus();
    await page.keyboard.press("ArrowDown");
    await option.click({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator(".sync-banner")).toHaveText(SAVED);
  await page.getByRole("button", { name: "Anterior" }).click();
  await page.getByRole("button", { name: "Anterior" }).click();
  await expect(institution(page)).toHaveValue("Secretaría de Relaciones Exteriores");

  for (let step = 0; step < 7; step += 1) await page.getByRole("button", { name: "Siguiente" }).click();
  await page.getByRole("button", { name: "Completar" }).click();
  await page.getByLabel(/No atribuible/).check();
  await page.getByRole("button", { name: "Enviar la respuesta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acuse de recibo");
  const reference = (await page.locator(".reference").textContent()) ?? "";
  expect(reference).toMatch(/^CN-[A-Z2-7]{8}$/);
  await expect(page.getByText("5. Vías de migración regular")).toBeVisible();

  await page.getByRole("link", { name: "Volver a la respuesta" }).click();
  // A submitted answer can be read page by page; reopening it keeps the page being read.
  for (let step = 0; step < 3; step += 1) await page.getByRole("button", { name: "Anterior" }).click();
  await page.getByRole("button", { name: "Reabrir para modificar" }).click();
  await expect(page.getByRole("button", { name: "Reabrir para modificar" })).toBeHidden();
  await expect(page.locator(".sync-banner")).toHaveText(SAVED);
  for (let step = 0; step < 4; step += 1) await page.getByRole("button", { name: "Anterior" }).click();
  await institution(page).fill("Cancillería, Unidad de Política Migratoria");
  await expect(page.locator(".sync-banner")).toHaveText(SAVED);
  for (let step = 0; step < 7; step += 1) await page.getByRole("button", { name: "Siguiente" }).click();
  await page.getByRole("button", { name: "Completar" }).click();
  await page.getByLabel(/Solo en cifras agregadas/).check();
  await page.getByRole("button", { name: "Enviar la modificación" }).click();
  await expect(page.locator(".reference")).toHaveText(reference);
  await expect(page.getByText("Cancillería, Unidad de Política Migratoria")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Historial de esta respuesta" })).toBeVisible();
  await context.close();
});
