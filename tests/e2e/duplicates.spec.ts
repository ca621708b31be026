import { randomUUID } from "node:crypto";
import { expectNoSeriousViolations } from "./axe.ts";
import { proposalRow } from "../proposal-row.ts";
import { withE2eDatabase } from "./database.ts";
import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";

/**
 * A rapporteur finds a cross-language duplicate on the suggestions page, with the shared
 * passages marked on the Spanish translation and the English original beside it, merges the two
 * and undoes the merge. The two proposals are written into the server's database as the
 * translation job would leave them (their Spanish text stored), so that no Apertium run is awaited.
 */

function twoProposals(): Promise<{ english: string; spanish: string }> {
  return withE2eDatabase(async (db) => {
    const consultation = await db
      .selectFrom("consultation")
      .innerJoin("meeting", "meeting.id", "consultation.meeting_id")
      .select("consultation.id")
      .where("meeting.slug", "=", "idm-2018-2")
      .orderBy("consultation.slug")
      .executeTakeFirstOrThrow();
    const stamp = new Date().toISOString();
    const row = (language: "en" | "es", title: string, summary: string, pivotText: string | null) =>
      proposalRow({ id: randomUUID(), consultationId: consultation.id, language, title, summary, pivotText, at: stamp });
    const english = row(
      "en",
      "Mobile consular units for seasonal farm workers in the Quetzaltenango highlands",
      "Mobile consular units visit the coffee farms of the Quetzaltenango highlands every month to issue identity documents to seasonal workers.",
      "Unidades consulares móviles para trabajadores agrícolas temporeros en el altiplano de Quetzaltenango\nUnidades consulares móviles visitan las fincas de café del altiplano de Quetzaltenango cada mes para emitir documentos de identidad a los trabajadores temporeros.",
    );
    const spanish = row(
      "es",
      "Unidades consulares móviles en las fincas de café del altiplano de Quetzaltenango",
      "Unidades consulares móviles recorren cada mes las fincas de café del altiplano de Quetzaltenango y expiden documentos de identidad a los trabajadores temporeros.",
      null,
    );
    await db.insertInto("proposal").values([english, spanish]).execute();
    return { english: english.id, spanish: spanish.id };
  });
}

test("a rapporteur sees a cross-language duplicate with its passages marked, merges it and undoes the merge", async ({ page }) => {
  test.slow();
  const { english, spanish } = await twoProposals();
  await signIn(page, ACCOUNTS.rapporteur);
  await page.goto(`/proposals/${english}/similar`);
  await expect(page.getByRole("heading", { level: 1, name: "Likely duplicates" })).toBeVisible();
  const suggestion = page.getByRole("article").filter({ has: page.locator(`a[href="/proposals/${spanish}"]`) });
  await expect(suggestion).toBeVisible();
  await expect(suggestion).toContainText("compared in their Spanish translations");
  // The English proposal: marked on its Spanish translation, with the original beside it.
  await expect(suggestion.locator('p[lang="es"] mark').first()).toBeVisible();
  await expect(suggestion.locator('[lang="en"]')).toContainText("Mobile consular units for seasonal farm workers");
  await expect(suggestion.locator('[lang="es"] mark', { hasText: "Quetzaltenango" }).first()).toBeVisible();

  for (const language of ["en", "fr", "es"] as const) {
    await page.goto(`/proposals/${english}/similar?lang=${language}`);
    await hydrated(page);
    await expectNoSeriousViolations(page, `suggestions (${language})`);
  }
  await page.goto(`/proposals/${english}/similar?lang=en`);
  await hydrated(page);

  // From the keyboard: the suggestion's checkbox, then the merge button.
  const checkbox = page.getByLabel(/Merge suggestion \d+ with this proposal/).first();
  await checkbox.focus();
  await page.keyboard.press("Space");
  await expect(checkbox).toBeChecked();
  await page.getByRole("button", { name: "Merge with the suggestions chosen" }).focus();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: "Merge proposals" })).toBeVisible();
  await expect(page.getByLabel("Title of the merged proposal")).toHaveValue("Mobile consular units for seasonal farm workers in the Quetzaltenango highlands");
  await expectNoSeriousViolations(page, "merge form");
  await page.getByLabel("Title of the merged proposal").fill("Mobile consular units on the coffee farms of Quetzaltenango");
  await page.getByRole("button", { name: "Merge these proposals" }).click();
  await expect(page).toHaveURL(/\/proposals\/[0-9a-f-]{36}$/);
  const merged = new URL(page.url()).pathname.split("/").pop() ?? "";

  // The merged proposal's sources and its undo, as the proposal page shows them.
  await page.goto(`/proposals/${merged}/similar`);
  const sources = page.getByRole("region", { name: "Merges" });
  await expect(sources.getByRole("link")).toHaveCount(2);
  await sources.getByRole("button", { name: "Undo this merge" }).click();
  await expect(page).toHaveURL(new RegExp(`/proposals/(${english}|${spanish})$`));
  await page.goto(`/proposals/${english}/similar`);
  await expect(page.getByRole("region", { name: "Merges" })).toHaveCount(0);
  await expect(page.getByRole("article").filter({ has: page.locator(`a[href="/proposals/${spanish}"]`) })).toBeVisible();
});
