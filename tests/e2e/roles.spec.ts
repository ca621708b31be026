import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";

const MENUS = {
  admin: ["Home", "Consultations", "Surveys", "Participants", "Proposals", "People", "Invitations", "Outbox", "Sign-in activity", "My account"],
  rapporteur: ["Home", "Consultations", "Participants", "Proposals", "My account"],
  focal_point: ["Home", "Consultations", "My delegation", "My account"],
  partner: ["Home", "Consultations", "My organisation", "My account"],
} as const;

test.use({ locale: "en-GB" });

for (const [role, menu] of Object.entries(MENUS)) {
  test(`${role} signs in and sees their menu`, async ({ page }) => {
    await signIn(page, ACCOUNTS[role as keyof typeof ACCOUNTS]);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText([...menu]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await expect(nav.getByRole("link")).toHaveText(["Home"]);
  });
}

test("a focal point opens their delegation's page", async ({ page }) => {
  await signIn(page, ACCOUNTS.focal_point);
  await page.getByRole("link", { name: "My delegation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mexico");
  await expect(page.getByRole("cell", { name: ACCOUNTS.focal_point })).toBeVisible();
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(ACCOUNTS.rapporteur);
  await page.getByLabel("Password").fill("certainly not the password");
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByRole("alert")).toContainText("The e-mail address or the password is not right.");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});
