import { expectNoSeriousViolations } from "./axe.ts";
import { expect, hydrated, test } from "./fixtures.ts";

test.use({ locale: "en-GB" });

const HEADINGS = { en: "Proposals published by their authors", fr: "Propositions publiées par leurs auteurs", es: "Propuestas publicadas por sus autores" } as const;
const FILTER = { en: "Global Compact objective", fr: "Objectif du Pacte mondial", es: "Objetivo del Pacto Mundial" } as const;

test("anyone reads the proposals published by their authors on the meeting's page, each in its own language, and filters them by objective from the keyboard", async ({ page, context, baseURL }) => {
  // Three languages, three axe runs, on a machine that may be busy.
  test.setTimeout(90_000);
  await page.goto("/");
  await page.getByRole("link", { name: "Outcome: key messages" }).first().click();
  await expect(page.getByRole("heading", { level: 2, name: HEADINGS.en })).toBeVisible();
  await hydrated(page);
  const address = new URL(page.url()).pathname;
  const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: HEADINGS.en }) });
  const count = section.getByText(/^\d+ published proposals?$/);
  await expect(count).toBeVisible();
  const all = Number(/\d+/.exec((await count.textContent()) ?? "")?.[0]);
  expect(all).toBeGreaterThan(1);
  // Each proposal's text carries its own language, the labels the reader's.
  await expect(section.locator('article p[lang="fr"]').first()).toBeVisible();
  await expect(section.locator('article p[lang="es"]').first()).toBeVisible();
  await expect(section.getByText(/name withheld at its request/).first()).toBeVisible();
  await expectNoSeriousViolations(page, `${address} in en`);

  const filters = page.getByRole("search", { name: "Filter the proposals" });
  const objective = filters.getByLabel(FILTER.en);
  await objective.focus();
  await objective.selectOption({ label: (await objective.locator("option", { hasText: /^7\. / }).textContent()) ?? "" });
  await page.keyboard.press("Tab");
  await expect(filters.getByRole("button", { name: "Show" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/objective=gcm-07/);
  // The address changes before the page has the filtered list: wait for the new count.
  const shown = async () => Number(/\d+/.exec((await section.getByText(/^\d+ published proposals?$/).textContent()) ?? "")?.[0]);
  await expect.poll(shown).toBeLessThan(all);
  expect(await shown()).toBeGreaterThan(0);
  await expect(section.locator("article").first()).toContainText("7. Address and reduce vulnerabilities");

  for (const language of ["fr", "es"] as const) {
    await context.addCookies([{ name: "consulta_lang", value: language, url: baseURL ?? "" }]);
    await page.goto(`${address}?objective=gcm-07`);
    await hydrated(page);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByRole("heading", { level: 2, name: HEADINGS[language] })).toBeVisible();
    await expect(page.getByLabel(FILTER[language])).toHaveValue("gcm-07");
    await expectNoSeriousViolations(page, `${address} in ${language}`);
  }
});
