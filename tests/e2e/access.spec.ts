import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";

test("a partner who opens an administration page gets the 403 page in their language", async ({ page }) => {
  await page.context().addCookies([{ name: "consulta_lang", value: "fr", url: "http://127.0.0.1" }]);
  await signIn(page, ACCOUNTS.partner);
  const response = await page.goto("/people");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vous n’avez pas accès à cette page");
});

test("an anonymous visitor is sent to sign in, then brought back", async ({ page }) => {
  await page.goto("/organisations?type=state");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Forganisations%3Ftype%3Dstate/);
  await page.getByLabel(/e-mail/i).fill(ACCOUNTS.rapporteur);
  await page.getByLabel(/^password/i).fill("consulta-demo-2018");
  await page.locator("form#sign-in").getByRole("button").click();
  await expect(page).toHaveURL(/\/organisations\?type=state$/);
  await expect(page.getByRole("status")).toContainText("195");
});
