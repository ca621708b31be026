import { expectNoSeriousViolations } from "./axe.ts";
import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";

test.use({ locale: "en-GB" });

test("a rapporteur reads the answers: filters them by region and language, opens one and sees labels and its history, from the keyboard", async ({ page }) => {
  await signIn(page, ACCOUNTS.rapporteur);
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Capacity needs of States for implementing the Global Compact" }).click();
  const read = page.getByRole("link", { name: /^Read the answers \(\d+ submitted\)$/ });
  await expect(read).toBeVisible();
  await read.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Answers: Capacity needs of States/);
  await hydrated(page);
  const all = Number(/\d+/.exec((await page.getByRole("status").first().textContent()) ?? "")?.[0]);
  expect(all).toBeGreaterThan(1);

  // The filters, chosen from the keyboard: a select takes the first letters of an option.
  const filters = page.getByRole("search", { name: "Filter the answers" });
  await filters.getByLabel("Region").focus();
  await filters.getByLabel("Region").selectOption({ label: "Americas" });
  await filters.getByLabel("Language of the answer").selectOption({ label: "French" });
  await filters.getByRole("button", { name: "Apply" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/region=019/);
  await expect(page).toHaveURL(/language=fr/);
  await expect(page.getByRole("status").first()).toHaveText(/^\d+ answers?$/);
  const haiti = page.getByRole("link", { name: "Haiti", exact: true });
  await expect(haiti).toBeVisible();
  await expect(page.getByRole("cell", { name: "Mexico" })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Haiti/ })).toContainText("May be quoted without the name");
  await expectNoSeriousViolations(page);

  await haiti.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Haiti");
  const facts = page.locator("dl.facts");
  await expect(facts).toContainText("May be quoted without the name");
  await expect(facts).toContainText("French");
  // Choices by their labels in the reader's language, never their codes.
  await expect(page.locator("dl.answers").first()).toContainText("Partly");
  await expect(page.locator("main")).not.toContainText("being_set_up");
  await expect(page.locator("main")).not.toContainText("partly");
  await expect(page.getByRole("heading", { name: "History of this answer" })).toBeVisible();
  await expect(page.locator("ol.history li").first()).toContainText("Submitted");
  // The way back keeps the list's view.
  await page.getByRole("link", { name: "Back to the list of answers" }).click();
  await expect(page).toHaveURL(/region=019&language=fr/);
});

test("a count-only answer is read with its notice; a date that does not exist is named, not ignored", async ({ page }) => {
  await signIn(page, ACCOUNTS.rapporteur);
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Capacity needs of States for implementing the Global Compact" }).click();
  await page.getByRole("link", { name: /^Read the answers/ }).click();
  await expect(page).toHaveURL(/\/responses$/);
  const list = page.url();
  await page.goto(`${list}?attribution=aggregate_only`);
  await page.locator("table tbody a").first().click();
  await expect(page.getByRole("note")).toContainText("Count only: never quote");

  const refused = await page.goto(`${list}?from=2018-02-30`);
  expect(refused?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("The first day is not a date of the calendar");
  await expect(page.locator("table")).toHaveCount(0);
});

test("focal points and partners cannot reach the answers of others", async ({ page }) => {
  await signIn(page, ACCOUNTS.focal_point);
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Capacity needs of States for implementing the Global Compact" }).click();
  await expect(page).toHaveURL(/\/consultations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("link", { name: /^Read the answers/ })).toHaveCount(0);
  const refused = await page.goto(`${page.url()}/responses`);
  expect(refused?.status()).toBe(403);
});
