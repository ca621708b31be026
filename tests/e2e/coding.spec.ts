import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";

/** Presses Tab until `target` has the focus, and checks that the focus is drawn there. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) {
      const { outlineStyle } = await target.evaluate((element) => getComputedStyle(element));
      expect(outlineStyle, `a visible focus on ${String(target)}`).not.toBe("none");
      return;
    }
  }
  throw new Error(`${String(target)} is not reached with the Tab key`);
}

/** A proposal of a partner who may be quoted without the name, reached from its answer in the answer reader. */
async function openProposal(page: Page): Promise<string> {
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Call for partnership proposals for capacity development", exact: true }).click();
  await page.getByRole("link", { name: /Read the answers/ }).click();
  await expect(page).toHaveURL(/\/responses$/);
  await page.goto(`${new URL(page.url()).pathname}?attribution=non_attributable`);
  await page.locator("table tbody a").first().click();
  await page.locator('a[href^="/proposals/"]').first().click();
  // The answer's page has a "History" heading too: the proposal's address says the click has led there.
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await hydrated(page);
  return new URL(page.url()).pathname;
}

test.use({ locale: "en-GB" });

test("a rapporteur codes a proposal from the keyboard alone and sees each change in its history", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.rapporteur);
  const path = await openProposal(page);
  await expect(page.getByText("Not named (may be quoted without the name)")).toBeVisible();

  const status = page.getByLabel("Status", { exact: true });
  await tabTo(page, status);
  await page.keyboard.type("Not");
  await expect(status).toHaveValue("not_retained");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type("Already covered by a regional programme");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("1 proposal changed.");
  await expect(page).toHaveURL(`${path}?coded=1`);

  await hydrated(page);
  await tabTo(page, page.getByLabel("New tag"));
  await page.keyboard.type("South-South cooperation");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Tags" }).getByRole("listitem")).toContainText(["South-South cooperation"]);

  await hydrated(page);
  const gap = page.getByLabel("Capacity gap", { exact: true });
  await tabTo(page, gap);
  await page.keyboard.type("Financing");
  await expect(gap).toHaveValue("financing");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Codes" })).toContainText("Capacity gap: Financing");

  const history = page.getByRole("region", { name: "History" }).getByRole("listitem");
  await expect(history.nth(0)).toContainText("Code added (Capacity gap): Financing");
  await expect(history.nth(1)).toContainText("Tag added: South-South cooperation");
  await expect(history.nth(2)).toContainText("Status changed from Received to Not retained. Reason: Already covered by a regional programme");
  await expect(history.nth(0)).toContainText("Rafael Ortega");

  for (const language of ["fr", "es", "en"] as const) {
    await page.context().addCookies([{ name: "consulta_lang", value: language, url: baseURL ?? "" }]);
    await page.goto(path);
    await hydrated(page);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expectNoSeriousViolations(page, `the coded proposal in ${language}`);
  }
});
