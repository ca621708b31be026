import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { ACCOUNTS, expect, genevaLocal, hydrated, signIn, test } from "./fixtures.ts";

/**
 * A survey made with a SurveyJS form builder, from upload to a receipt: the secretariat uploads it
 * (a date, a ranking and a matrix dropdown, English only), translates it into French in the table
 * and into Spanish through the Excel workbook, previews and publishes it, opens a consultation with
 * it; Mexico's focal point answers it in French and gets a receipt with its labels.
 */

test.describe.configure({ mode: "serial" });

const RUN = Date.now().toString(36);
const FIXTURE = new URL("../fixtures/form-builder-survey.json", import.meta.url);
const SURVEY = JSON.parse(readFileSync(FIXTURE, "utf8")) as { title: string };
const CONSULTATION = { en: `Readiness check ${RUN}`, fr: `Point sur la préparation ${RUN}`, es: `Balance de preparación ${RUN}` };

/** Every text of the survey in French and Spanish, as a translator gives them. */
const TRANSLATIONS: Record<string, [string, string]> = {
  "Readiness after the Dialogue": ["Préparation après le Dialogue", "Preparación después del Diálogo"],
  "A short survey made with a SurveyJS form builder.": ["Un court questionnaire créé avec un éditeur SurveyJS.", "Un breve cuestionario creado con un editor de SurveyJS."],
  Send: ["Envoyer", "Enviar"],
  "Your administration": ["Votre administration", "Su administración"],
  "When did your administration last review its capacity-development plan?": [
    "Quand votre administration a-t-elle revu pour la dernière fois son plan de renforcement des capacités ?",
    "¿Cuándo revisó su administración por última vez su plan de desarrollo de capacidades?",
  ],
  "Rank the support you need most": ["Classez les appuis dont vous avez le plus besoin", "Ordene el apoyo que más necesita"],
  "Migration data": ["Données sur les migrations", "Datos migratorios"],
  "Training of officials": ["Formation des agents", "Formación de funcionarios"],
  Funding: ["Financement", "Financiación"],
  "How ready is your administration, by area?": ["Quel est le degré de préparation de votre administration, par domaine ?", "¿Qué grado de preparación tiene su administración, por ámbito?"],
  Readiness: ["Préparation", "Preparación"],
  "Lead institution": ["Institution chef de file", "Institución principal"],
  Low: ["Faible", "Baja"],
  Medium: ["Moyenne", "Media"],
  High: ["Élevée", "Alta"],
  "Border management": ["Gestion des frontières", "Gestión de fronteras"],
  "Labour migration": ["Migration de main-d’œuvre", "Migración laboral"],
};

async function secretariat(page: Page) {
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/surveys");
  await hydrated(page);
}

let slug = "";

test("the secretariat uploads a form builder's survey, translates it in the table and through the workbook, previews and publishes it", async ({ browser }) => {
  test.slow();
  const context = await browser.newContext({ locale: "en-GB", acceptDownloads: true });
  const page = await context.newPage();
  await secretariat(page);

  // A file that is not a survey is refused in plain words.
  await page.getByLabel("Survey file (JSON)").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert")).toContainText("The file is not JSON");

  await page.getByLabel("Survey file (JSON)").setInputFiles({ name: "readiness.json", mimeType: "application/json", buffer: readFileSync(FIXTURE) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SURVEY.title);
  slug = new URL(page.url()).pathname.split("/").pop() ?? "";
  await expect(page.getByText("Not yet published")).toBeVisible();
  await expect(page.getByText("0 of 17 texts are given in English, French and Spanish.")).toBeVisible();

  // Publishing now is refused, and says why.
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("alert")).toContainText("cannot be published yet");

  // French in the table.
  await hydrated(page);
  const french = page.locator('textarea[name^="text:fr:"]');
  const count = await french.count();
  expect(count).toBe(17);
  for (let index = 0; index < count; index += 1) {
    const english = await page.locator(`#text-${index}-en`).inputValue();
    await page.locator(`#text-${index}-fr`).fill(TRANSLATIONS[english]?.[0] ?? "");
  }
  await page.getByRole("button", { name: "Save the translations" }).click();
  await expect(page.getByRole("status")).toHaveText("17 texts saved.");

  // Spanish through the workbook: downloaded, filled in as a translator would, uploaded back.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the translation table/ }).click();
  const download = await downloading;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("the workbook has no sheet");
  sheet.eachRow((row, number) => {
    if (number > 1 && row.getCell(1).text) row.getCell(6).value = TRANSLATIONS[row.getCell(4).text]?.[1] ?? "";
  });
  await page.getByLabel("Translated workbook (XLSX)").setInputFiles({ name: "translated.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
  await page.getByRole("button", { name: "Read the translations from the workbook" }).click();
  await expect(page.getByRole("status")).toHaveText("17 texts taken from the workbook.");
  await expect(page.getByText("17 of 17 texts are given in English, French and Spanish.")).toBeVisible();

  // The preview in French, as a respondent will see it.
  await page.getByRole("link", { name: "Preview in French" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Preview in French");
  await expect(page.locator(".sd-root-modern")).toBeVisible();
  await expect(page.getByText("Classez les appuis dont vous avez le plus besoin")).toBeVisible();
  await page.goBack();

  await hydrated(page);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("The survey is published");
  await expect(page.getByText(/^Published ·/)).toBeVisible();

  // A consultation with it, its survey chosen by title.
  await page.goto("/consultations/new");
  await hydrated(page);
  await page.getByLabel("Short name (for addresses and exports)").fill(`readiness-${RUN}`);
  await page.getByLabel("Phase").selectOption({ label: "After the meeting" });
  await page.getByLabel("Kind").selectOption({ label: "Follow-up for all participants" });
  await page.getByRole("checkbox", { name: "State", exact: true }).check();
  await page.getByLabel("Survey").selectOption({ label: SURVEY.title });
  const texts: [string, string][] = [
    ["English", CONSULTATION.en],
    ["Français", CONSULTATION.fr],
    ["Español", CONSULTATION.es],
  ];
  for (const [language, title] of texts) {
    const group = page.getByRole("group", { name: language });
    await group.getByLabel("Title").fill(title);
    await group.getByLabel("Description").fill(`${title}.`);
  }
  await page.getByLabel(/^Opens\b/).fill(genevaLocal(-1));
  await page.getByLabel(/^Closes\b/).fill(genevaLocal(30));
  await page.getByLabel(/Published/).check();
  await page.getByRole("button", { name: "Create the consultation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CONSULTATION.en);
  await context.close();
});

test("a focal point answers the uploaded survey in French and gets a receipt with its labels", async ({ browser }) => {
  test.slow();
  expect(slug).not.toBe("");
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.focal_point);
  await page.goto("/consultations");
  await page.getByRole("link", { name: CONSULTATION.fr }).click();
  await page.getByRole("link", { name: /Commencer à répondre|Continuer à répondre/ }).click();
  await expect(page.locator(".sd-root-modern")).toBeVisible();
  await expect(page.getByText("Préparation après le Dialogue").first()).toBeVisible();

  await page.getByRole("textbox", { name: /plan de renforcement des capacités/ }).fill("2018-10-01");

  // The ranking, from the keyboard: "Funding" moved to the top, one place at a time. SurveyJS
  // moves the item and then gives it the focus back: a second key pressed before that lands on
  // another item, so each move is awaited and the item focused again.
  const items = page.locator(".sv-ranking-item");
  const placeOfFunding = async () => (await items.allTextContents()).findIndex((text) => text.includes("Financement"));
  for (let place = await placeOfFunding(); place > 0; place -= 1) {
    await items.filter({ hasText: "Financement" }).focus();
    await page.keyboard.press("ArrowUp");
    await expect.poll(placeOfFunding).toBe(place - 1);
  }
  await expect(items).toHaveText([/Financement/, /Données sur les migrations/, /Formation des agents/]);

  // The matrix: a readiness level and a lead institution for border management.
  await expect(async () => {
    await page.getByRole("combobox", { name: /Gestion des frontières.*Préparation/ }).focus();
    await page.keyboard.press("ArrowDown");
    await page.getByRole("option", { name: "Élevée" }).click({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("textbox", { name: /Gestion des frontières.*Institution chef de file/ }).fill("Direction générale des étrangers");

  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  await page.getByLabel(/^Attribuable/).check();
  await page.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accusé de réception");
  for (const text of ["Gestion des frontières", "Élevée", "Direction générale des étrangers", "Classez les appuis dont vous avez le plus besoin", "2018-10-01"]) {
    await expect(page.getByText(text).first()).toBeVisible();
  }
  // The ranking in its order, by its labels.
  await expect(page.getByText(/1\. Financement, 2\. Données sur les migrations, 3\. Formation des agents/)).toBeVisible();
  await context.close();
});
