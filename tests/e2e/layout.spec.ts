import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";

test.describe("on a 360-pixel phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });

  test("pages fit the screen without sideways scrolling", async ({ page }) => {
    for (const path of ["/", "/sign-in"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: "test-results/e2e/home-360.png", fullPage: false });
  });
});

test("the skip link is the first stop and leads to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator("main#main")).toBeVisible();
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
});

test.describe("on a 390-pixel phone, in Spanish", () => {
  test.use({ viewport: { width: 390, height: 844 }, locale: "es-ES" });

  const NAMES = { admin: "Amina Diallo", rapporteur: "Rafael Ortega", focal_point: "María Fernanda López", partner: "Chidi Okafor" } as const;

  for (const [role, name] of Object.entries(NAMES)) {
    test(`${role} sees every entry of the menu whole, and their name`, async ({ page }) => {
      await signIn(page, ACCOUNTS[role as keyof typeof NAMES]);
      await page.goto("/");
      // The whole header shows at the top of the page, without scrolling it or the menu sideways.
      await page.evaluate(() => window.scrollTo(0, 0));
      const entries = page.getByRole("navigation", { name: "Menú principal" }).getByRole("link");
      expect(await entries.count()).toBeGreaterThanOrEqual(4);
      for (const entry of await entries.all()) await expect(entry, await entry.innerText()).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole("banner").getByText(name)).toBeInViewport({ ratio: 1 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/e2e/menu-390-${role}.png` });
    });
  }
});
