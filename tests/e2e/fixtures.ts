import { expect, test as base, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "consulta-demo-2018";
export const ACCOUNTS = {
  admin: "admin@consulta.test",
  rapporteur: "rapporteur@consulta.test",
  focal_point: "focal.point@consulta.test",
  partner: "partner@consulta.test",
} as const;

/** Every page is watched: an error in the console (a CSP violation, a hydration error) fails the test. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      const unexpected = errors.filter((text) => !/status of (403|404|400|410|429)/.test(text));
      expect(unexpected, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.locator("form#sign-in input[name=email]").fill(email);
  await page.locator("form#sign-in input[name=password]").fill(password);
  await page.locator("form#sign-in").getByRole("button").click();
  await expect(page.getByRole("button", { name: /sign out|se déconnecter|cerrar sesión/i })).toBeVisible();
}

export async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
}
