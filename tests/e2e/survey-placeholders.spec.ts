import { formatDateTime } from "../../app/i18n/format.ts";
import { genevaLocalToIso, isoToGenevaLocal } from "../../app/i18n/time-zone.ts";
import { ACCOUNTS, expect, hydrated, signIn, test } from "./fixtures.ts";

const RUN = Date.now().toString(36);
const MEETING = {
  en: { title: `Regional Dialogue on Labour Mobility ${RUN}`, theme: "Skills partnerships", place: "Dakar" },
  fr: { title: `Dialogue régional sur la mobilité de la main-d’œuvre ${RUN}`, theme: "Partenariats pour les compétences", place: "Dakar" },
  es: { title: `Diálogo Regional sobre la Movilidad Laboral ${RUN}`, theme: "Alianzas para las competencias", place: "Dakar" },
} as const;
const GROUPS = { en: "English", fr: "Français", es: "Español" } as const;

test("a consultation of a new meeting shows that meeting's title, dates and closing time in its survey, in the reader's language", async ({ browser }) => {
  test.slow();
  const admin = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await signIn(admin, ACCOUNTS.admin);
  await admin.goto("/meetings/new");
  await hydrated(admin);
  await admin.getByLabel("Short name").fill(`placeholders-${RUN}`);
  // Long ago, so that it is nobody's default meeting in the other browser tests.
  await admin.getByLabel("First day").fill("2002-06-03");
  await admin.getByLabel("Last day").fill("2002-06-04");
  for (const language of ["en", "fr", "es"] as const) {
    const group = admin.getByRole("group", { name: GROUPS[language] });
    await group.getByLabel("Title").fill(MEETING[language].title);
    await group.getByLabel("Theme").fill(MEETING[language].theme);
    await group.getByLabel("Place").fill(MEETING[language].place);
    await group.getByLabel("Description").fill(MEETING[language].theme);
  }
  await admin.getByRole("button", { name: "Create the meeting" }).click();
  await expect(admin.getByRole("article", { name: MEETING.en.title })).toBeVisible();

  await admin.goto("/consultations/new");
  await hydrated(admin);
  await admin.getByLabel("Meeting").selectOption({ label: MEETING.en.title });
  await admin.getByLabel("Short name (for addresses and exports)").fill(`placeholders-${RUN}`);
  await admin.getByLabel("Phase").selectOption({ label: "Before the meeting" });
  await admin.getByLabel("Kind").selectOption({ label: "Capacity survey for States" });
  await admin.getByRole("checkbox", { name: "State", exact: true }).check();
  // The picker names surveys by their titles in the reader's language, not by their file names.
  const survey = admin.getByLabel("Survey");
  await expect(survey.getByRole("option")).toContainText(["Capacity needs of States: pre-meeting survey"]);
  await expect(survey.getByRole("option", { name: "capacity-needs", exact: true })).toHaveCount(0);
  await survey.selectOption({ label: "Capacity needs of States: pre-meeting survey" });
  for (const language of ["en", "fr", "es"] as const) {
    const group = admin.getByRole("group", { name: GROUPS[language] });
    await group.getByLabel("Title").fill(`${MEETING[language].title}: capacity`);
    await group.getByLabel("Description").fill(MEETING[language].theme);
  }
  const closesLocal = isoToGenevaLocal(new Date(Date.now() + 20 * 864e5).toISOString()).slice(0, 16);
  await admin.getByLabel(/^Opens\b/).fill(isoToGenevaLocal(new Date(Date.now() - 864e5).toISOString()).slice(0, 16));
  await admin.getByLabel(/^Closes\b/).fill(closesLocal);
  await admin.getByLabel(/Published/).check();
  await admin.getByRole("button", { name: "Create the consultation" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`${MEETING.en.title}: capacity`);
  const consultation = new URL(admin.url()).pathname;
  await admin.context().close();

  const closesIso = genevaLocalToIso(closesLocal) ?? "";
  for (const language of ["fr", "es"] as const) {
    const context = await browser.newContext({ locale: language === "fr" ? "fr-FR" : "es-ES" });
    const page = await context.newPage();
    await signIn(page, ACCOUNTS.focal_point);
    await page.goto(`${consultation}/answer`);
    const form = page.locator(".survey-host .sd-root-modern");
    await expect(form).toBeVisible();
    const description = form.locator(".sd-description").first();
    await expect(description).toContainText(MEETING[language].title);
    await expect(description).toContainText(MEETING[language].theme);
    await expect(description).toContainText(formatDateTime(closesIso, language));
    await expect(description).not.toContainText("2018");
    await expect(description).not.toContainText("{meeting_title}");
    await context.close();
  }
});
