import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";

test.use({ locale: "en-GB" });

for (const [role, menuEntry] of [
  ["focal_point", "My delegation"],
  ["partner", "My organisation"],
] as const) {
  test(`the breadcrumb of a ${role}'s own organisation page leads to a page they may see`, async ({ page }) => {
    await signIn(page, ACCOUNTS[role]);
    await page.getByRole("link", { name: menuEntry }).click();
    const crumb = page.locator(".breadcrumb").getByRole("link");
    await expect(crumb).toHaveText("Home");
    await crumb.click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultations for the International Dialogue on Migration");
  });
}

test("the secretariat's breadcrumb on an organisation page still leads to the participants", async ({ page }) => {
  await signIn(page, ACCOUNTS.rapporteur);
  await page.goto("/organisations?q=Mexico");
  await page.getByRole("link", { name: "Mexico", exact: true }).click();
  await page.locator(".breadcrumb").getByRole("link", { name: "Participants" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Participants");
});
