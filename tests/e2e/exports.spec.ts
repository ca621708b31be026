import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { withE2eDatabase } from "./database.ts";
import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";

test.use({ locale: "en-GB" });

test("a rapporteur prepares CSV, XLSX, JSON and DOCX exports from the page and downloads each one complete", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.rapporteur);
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Capacity needs of States for implementing the Global Compact" }).click();
  await page.getByRole("link", { name: "Exports and report (CSV, Excel, JSON, Word, PDF)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Exports: Capacity needs of States/);
  await hydrated(page);

  const files: Record<string, string> = {};
  for (const [format, label] of [
    ["csv", "CSV"],
    ["xlsx", "Excel (XLSX)"],
    ["json", "JSON"],
    ["docx", "Report (Word, DOCX)"],
  ] as const) {
    await page.getByLabel("Format").selectOption({ label });
    await page.getByLabel("Language of the file").selectOption({ label: "French" });
    await page.getByLabel("Profile").selectOption("rapporteur");
    await page.getByRole("button", { name: "Prepare" }).click();
    // The server's job writes it within seconds; the list reads itself again until the link shows.
    const link = page.getByRole("link", { name: new RegExp(`^Download the ${label.replace(/[()]/g, "\\$&")} file \\(\\d+ rows?\\)$`) }).first();
    await expect(link).toBeVisible({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^idm-2018-2-capacity-needs-fr-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
    files[format] = (await download.path()) ?? "";
  }

  const records: string[][] = parse(readFileSync(files.csv ?? ""), { bom: true, relax_column_count: true });
  expect(records[0]?.slice(0, 2)).toEqual(["Référence", "Organisation"]);
  const rows = records.findIndex((record) => record.every((cell) => cell === "")) - 1;
  expect(rows).toBeGreaterThan(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(files.xlsx ?? "");
  expect((workbook.worksheets[0]?.actualRowCount ?? 0) - 1).toBe(rows);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Réponses", "Propositions", "Besoins de capacités", "Offres d’appui", "Correspondances", "Chiffres", "Livre de codes", "Notes"]);
  const document = JSON.parse(readFileSync(files.json ?? "", "utf8")) as { sources: Record<string, { meta: { language: string }; rows: unknown[]; notes: { rows: number } }> };
  expect(Object.keys(document.sources)).toEqual(["answers", "proposals", "needs", "offers", "matches", "figures"]);
  expect(document.sources.answers?.meta.language).toBe("fr");
  expect(document.sources.answers?.rows).toHaveLength(rows);
  expect(document.sources.answers?.notes.rows).toBe(rows);
  const report = await JSZip.loadAsync(readFileSync(files.docx ?? ""));
  expect(await report.file("word/document.xml")?.async("string")).toContain("À propos du présent rapport");
});

test("a rapporteur exports a whole meeting from its summary, its filter carried over, and downloads the JSON of every consultation", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.rapporteur);
  const meetingId = await withE2eDatabase(async (db) => (await db.selectFrom("meeting").select("id").where("slug", "=", "idm-2018-2").executeTakeFirstOrThrow()).id);
  await page.goto(`/meetings/${meetingId}/summary?type=state`);
  await page.getByRole("link", { name: "Exports and report of the meeting (Excel, JSON, Word, PDF)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Exports: /);
  await hydrated(page);
  await expect(page.getByLabel("Type")).toHaveValue("state");
  await expect(page.getByLabel("Format").locator("option")).not.toContainText(["CSV"]);
  await page.getByLabel("Format").selectOption({ label: "JSON" });
  await page.getByRole("button", { name: "Prepare" }).click();
  const link = page.getByRole("link", { name: /^Download the JSON file \([\d,]+ rows?\)$/ }).first();
  await expect(link).toBeVisible({ timeout: 60_000 });
  // The list says which filters each file was made with.
  await expect(page.locator(".export-list li").first()).toContainText("filtered by State");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^idm-2018-2-en-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(readFileSync((await download.path()) ?? "", "utf8")) as { sources: Record<string, { meta: { meeting: string; filters: Record<string, string> }; rows: unknown[] }> };
  expect(Object.keys(document.sources)).toContain("idm-2018-2-capacity-needs/answers");
  expect(Object.keys(document.sources)).toContain("matches");
  expect(document.sources["idm-2018-2-capacity-needs/answers"]?.meta).toMatchObject({ meeting: "idm-2018-2", filters: { type: "state" } });
  expect(document.sources["idm-2018-2-capacity-needs/answers"]?.rows.length).toBeGreaterThan(0);
});
