import { expectNoSeriousViolations } from "./axe.ts";
import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";

test.use({ locale: "en-GB" });

const countIn = async (text: Promise<string | null>) => Number(/\d+/.exec((await text) ?? "")?.[0]);

test("a rapporteur pages, searches and filters the proposals from the keyboard; the selection posts to coding and merge", async ({ page }) => {
  // Three languages, four axe runs, on a machine that may be busy.
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.rapporteur);
  await page.goto("/");
  const menu = page.getByRole("link", { name: "Proposals", exact: true });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Proposals");
  await hydrated(page);
  const total = await countIn(page.getByRole("status").first().textContent());
  expect(total).toBeGreaterThan(50);

  // Paging on the server, 50 a page.
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(50);
  const first = await rows.first().textContent();
  await page.getByRole("link", { name: "Next page" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByText(`Page 2 of ${Math.ceil(total / 50)}`)).toBeVisible();
  await expect(rows.first()).not.toHaveText(first ?? "");

  // A search word in its plural finds the singular; the view goes to the address. (Not a word
  // every proposal uses once translated into Spanish, such as "migrants".)
  const filters = page.getByRole("search", { name: "Filter and search the proposals" });
  await filters.getByLabel("Search").focus();
  await page.keyboard.type("formations");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]q=formations(&|$)/);
  // The address changes before the new page's count is shown: wait for the count to change.
  await expect.poll(async () => countIn(page.getByRole("status").first().textContent())).toBeLessThan(total);
  const found = await countIn(page.getByRole("status").first().textContent());
  expect(found).toBeGreaterThan(0);

  await filters.getByLabel("Language of the proposal").selectOption({ label: "French" });
  await filters.getByRole("button", { name: "Apply" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=formations/);
  await expect(page).toHaveURL(/language=fr/);
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText("French");
  // Text in another language than the page's carries its language.
  await expect(rows.first().locator('a[lang="fr"]')).toHaveCount(1);
  await expect(rows.first().locator("a").first()).toHaveAttribute("href", /^\/proposals\/[0-9a-f-]{36}$/);

  // The bulk actions: one form to the coding route, a second submit to the merge route, and the way back.
  const bulk = page.locator('form[action="/proposals/coding"]');
  await expect(bulk.locator('input[name="redirectTo"]')).toHaveValue(/^\/proposals\?(?=.*q=formations)(?=.*language=fr)/);
  await expect(bulk.getByRole("button", { name: "Set the status" })).toHaveAttribute("value", "status");
  await expect(bulk.getByRole("button", { name: "Add the tag" })).toHaveAttribute("value", "add-tag");
  await expect(bulk.getByRole("button", { name: "Remove the tag" })).toHaveAttribute("value", "remove-tag");
  await expect(bulk.getByRole("button", { name: "Merge the selected proposals" })).toHaveAttribute("formaction", "/proposals/merge");
  const boxes = bulk.locator('input[type="checkbox"][name="proposal"]');
  await expect(boxes).toHaveCount(await rows.count());
  await page.getByRole("link", { name: "Select all on this page" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/select=all/);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expectNoSeriousViolations(page);

  // A value the inbox cannot use is named, never widened to everything.
  await page.goto("/proposals?status=lost&q=%22%2A");
  await expect(page.getByRole("alert")).toContainText("The status requested is not in the list");
  await expect(page.locator("table")).toHaveCount(0);

  for (const [language, heading] of [
    ["fr", "Propositions"],
    ["es", "Propuestas"],
  ] as const) {
    await page.goto(`/proposals?q=migrants&lang=${language}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expectNoSeriousViolations(page);
  }
});
