import { ACCOUNTS, expect, hydrated, sendInvitation, signIn, test } from "./fixtures.ts";

test.use({ locale: "en-GB" });

test("the secretariat invites a focal point, who accepts, chooses a password and signs in", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.getByRole("link", { name: "Invitations" }).click();
  await hydrated(page);
  await sendInvitation(page, { email: "amal.haddad@foreign.example", name: "Amal Haddad", organisation: "Jordan", role: "State focal point", language: "en" });
  await expect(page.getByRole("row", { name: /amal\.haddad@foreign\.example/ })).toContainText("Waiting");

  await page.getByRole("link", { name: "See it in the outbox." }).click();
  await page.getByRole("link", { name: "Your invitation to Consulta for Jordan" }).first().click();
  const link = await page.locator(".email-body a").getAttribute("href");
  expect(link).toMatch(/\/invite\/[a-z2-7]+$/);
  const path = new URL(link ?? "").pathname;

  const invitee = await browser.newContext({ locale: "en-GB" });
  const guest = await invitee.newPage();
  await guest.goto(path);
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Accept your invitation");
  await expect(guest.getByText("for Jordan as State focal point")).toBeVisible();
  await expect(guest.getByLabel("Your name")).toHaveValue("Amal Haddad");
  await hydrated(guest);
  await guest.getByLabel("Choose a password").fill("olive trees of Ajloun");
  await guest.getByLabel("Type the password again").fill("olive trees of ajloun");
  await guest.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(guest.locator(".error-summary")).toContainText("The two passwords are not the same.");
  await guest.getByLabel("Type the password again").fill("olive trees of Ajloun");
  await guest.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(guest.getByRole("status")).toContainText("Welcome! You now take part for Jordan.");
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Jordan");
  await expect(guest.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Home", "Consultations", "My delegation", "My account"]);

  await guest.getByRole("button", { name: "Sign out" }).click();
  await guest.goto(path);
  await expect(guest.getByRole("alert")).toContainText("This invitation has already been used.");
  await invitee.close();

  const again = await browser.newContext({ locale: "en-GB" });
  const returning = await again.newPage();
  await signIn(returning, "amal.haddad@foreign.example", "olive trees of Ajloun");
  await expect(returning.getByRole("link", { name: "My delegation" })).toBeVisible();
  await again.close();

  await page.goto("/invitations");
  await expect(page.getByRole("row", { name: /amal\.haddad@foreign\.example/ })).toContainText("Accepted");
});

test("an unknown invitation link says so clearly", async ({ page }) => {
  const response = await page.goto("/invite/abcdefghijklmnopqrstuvwxyz234567");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("alert")).toContainText("This invitation link is not valid.");
});
