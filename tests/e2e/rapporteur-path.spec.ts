import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { withE2eDatabase } from "./database.ts";
import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";

/**
 * The rapporteur's whole path through the workspace, on the demo data as the server made it:
 * the two proposals below, one in English and one in French (the second from an answer whose
 * authors asked not to be named), say the same thing. Their Spanish translations come from
 * Apertium in the server's background jobs, as in production, so this test needs Apertium
 * (.ci/run installs it).
 */
const ENGLISH = "South-South peer exchange on labour migration statistics for East African statistics offices";
const FRENCH = "Échange Sud-Sud entre instituts nationaux de statistique sur la mesure des migrations de travail";
// The inbox shortens long titles.
const ENGLISH_START = "South-South peer exchange on labour migration";
const FRENCH_START = "Échange Sud-Sud entre instituts nationaux";
const PASSAGE = "Few national statistics offices in the region measure labour emigration";
const TAG = `data-exchange-${Date.now().toString(36)}`;
const MESSAGE = `Comparable labour migration data first (${TAG})`;

test.use({ locale: "en-GB" });

/** Reloads the suggestions until the background translation has let the French one in (the server runs its jobs every 5 s). */
async function suggestionOf(page: Page, title: string) {
  const suggestion = page.getByRole("article").filter({ hasText: title });
  await expect(async () => {
    await page.reload();
    await expect(suggestion).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  return suggestion;
}

test("a rapporteur filters, tags two proposals, finds them as duplicates across two languages, merges them, and cites one in a key message that appears on the public page", async ({ page, context }) => {
  test.setTimeout(240_000);
  await signIn(page, ACCOUNTS.rapporteur);

  // 1. The inbox, filtered by objective and guiding principle: the two proposals, in two languages.
  await page.goto("/proposals");
  await hydrated(page);
  const filters = page.getByRole("search", { name: "Filter and search the proposals" });
  await filters.getByLabel("Objective of the Global Compact").selectOption({ value: "gcm-23" });
  await filters.getByLabel("Guiding principle").selectOption({ value: "international-cooperation" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/objective=gcm-23/);
  const rows = page.locator("table tbody tr");
  await expect(rows.filter({ hasText: ENGLISH_START })).toHaveCount(1);
  await expect(rows.filter({ hasText: FRENCH_START })).toHaveCount(1);
  const view = page.url();

  // 2. Both tagged at once.
  await page.getByRole("checkbox", { name: `Select: ${ENGLISH_START}` }).check();
  await page.getByRole("checkbox", { name: `Select: ${FRENCH_START}` }).check();
  await page.getByLabel("Tag to add or remove").fill(TAG);
  await page.getByRole("button", { name: "Add the tag" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 proposals changed." })).toBeVisible();
  await page.goto(`/proposals?tag=${TAG}`);
  await expect(rows).toHaveCount(2);
  expect(new URL(view).searchParams.get("objective")).toBe("gcm-23");

  // 3. The English proposal's likely duplicates: the French one, compared in Spanish.
  await rows.filter({ hasText: ENGLISH_START }).getByRole("link", { name: ENGLISH_START }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ENGLISH);
  const proposalPage = page.url();
  await page.getByRole("link", { name: "Likely duplicates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Likely duplicates" })).toBeVisible();
  const suggestion = await suggestionOf(page, FRENCH);
  await expect(suggestion).toContainText("compared in their Spanish translations");
  await expect(suggestion.locator('[lang="fr"]').filter({ hasText: FRENCH })).toBeVisible();
  await expect(suggestion.locator('[lang="es"] mark').first()).toBeVisible();
  await expectNoSeriousViolations(page, "the suggestions of a proposal");

  // 4. Merged into one proposal, which links to both; the sources are kept, marked merged.
  await suggestion.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Merge with the suggestions chosen" }).click();
  await expect(page.getByLabel("Title of the merged proposal")).toHaveValue(ENGLISH);
  await page.getByLabel("Title of the merged proposal").fill(`Peer exchanges on labour migration statistics (${TAG})`);
  await page.getByRole("button", { name: "Merge these proposals" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Peer exchanges on labour migration statistics (${TAG})`);
  const merges = page.locator("section", { has: page.getByRole("heading", { name: "Merges" }) });
  await expect(merges.getByRole("link", { name: ENGLISH })).toBeVisible();
  await expect(merges.getByRole("link", { name: FRENCH })).toBeVisible();
  await expect(merges.getByRole("button", { name: "Undo this merge" })).toBeVisible();
  await page.goto(`/proposals?tag=${TAG}&status=merged`);
  await expect(rows).toHaveCount(2);

  // 5. A key message, citing a passage of the English proposal from its answer.
  await page.goto(proposalPage);
  await page.getByRole("link", { name: "Read the answer it comes from" }).click();
  await expect(page).toHaveURL(/\/consultations\/[^/]+\/responses\/[^/]+$/);
  const answer = page.url();
  const meeting = await withE2eDatabase(async (db) => (await db.selectFrom("meeting").select("id").where("slug", "=", "idm-2018-2").executeTakeFirstOrThrow()).id);
  await page.goto(`/meetings/${meeting}/key-messages`);
  const writing = page.getByRole("region", { name: "Write a key message" });
  await writing.getByRole("textbox", { name: "Title", exact: true }).fill(MESSAGE);
  await writing.getByRole("textbox", { name: "Text", exact: true }).fill("States and partners ask for peer exchanges among statistics offices, so that labour migration is measured alike.");
  await writing.getByRole("button", { name: "Add the message" }).click();
  await expect(page.getByRole("heading", { name: MESSAGE })).toBeVisible();

  await page.goto(answer);
  await hydrated(page);
  const cite = page.locator("section", { has: page.getByRole("heading", { name: "Cite in a key message" }) });
  // Messages are listed by their number in the order of the meeting's messages.
  const messages = cite.getByLabel("Key message");
  await messages.selectOption({ value: (await messages.locator("option").filter({ hasText: MESSAGE }).getAttribute("value")) ?? "" });
  const question = cite.getByLabel("Question quoted");
  await question.selectOption({ label: "Proposals – Summary (entry 1)" });
  await cite.getByLabel("Passage quoted").fill(PASSAGE);
  await cite.getByRole("button", { name: "Cite the answer" }).click();
  await expect(page.getByText("The answer is cited in the key message.")).toBeVisible();

  // 6. Agreed, it appears on the public page, with the quotation and the organisation named.
  await page.goto(`/meetings/${meeting}/key-messages`);
  const message = page.locator("article", { has: page.getByRole("heading", { name: MESSAGE }) });
  await expect(message).toContainText(PASSAGE);
  await expect(message).toContainText(`From the proposal “${ENGLISH}”`);
  await message.getByRole("button", { name: "Mark as agreed" }).click();
  await expect(message).toContainText("Agreed by");

  const visitor = await context.browser()?.newContext({ locale: "en-GB" });
  const anonymous = await visitor?.newPage();
  if (!anonymous) throw new Error("no browser for the visitor");
  // The public page is cached for 30 s per server process: it shows the agreed message within that.
  await expect(async () => {
    await anonymous.goto(`/meetings/${meeting}`);
    await expect(anonymous.getByRole("heading", { name: MESSAGE })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [3_000] });
  const published = anonymous.locator("article", { has: anonymous.getByRole("heading", { name: MESSAGE }) });
  await expect(published).toContainText(PASSAGE);
  await expectNoSeriousViolations(anonymous, "the public page with the new key message");
  await visitor?.close();
});
