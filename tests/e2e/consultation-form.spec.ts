import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";

/** The fields the consultation form requires (its schema, app/features/consultations/forms.ts). */
const REQUIRED = ["meetingId", "slug", "phase", "kind", "surveySlug", "title_en", "title_fr", "title_es", "description_en", "description_fr", "description_es", "opensAt", "closesAt"];

const MARKS = {
  en: { mark: "(required)", note: "Fields marked “(required)” must be filled in.", audience: "Who answers (required)" },
  fr: { mark: "(obligatoire)", note: "Les champs signalés par la mention « (obligatoire) » doivent être remplis.", audience: "Qui répond (obligatoire)" },
  es: { mark: "(obligatorio)", note: "Los campos señalados con «(obligatorio)» deben completarse.", audience: "Quién responde (obligatorio)" },
} as const;

for (const [language, { mark, note, audience }] of Object.entries(MARKS)) {
  test(`every required field of the consultation form is marked, for the eye and for assistive technology, in ${language}`, async ({ page, context, baseURL }) => {
    await signIn(page, ACCOUNTS.admin);
    await context.addCookies([{ name: "consulta_lang", value: language, url: baseURL ?? "" }]);
    for (const path of ["/consultations/new", "/consultations"]) {
      await page.goto(path);
      if (path === "/consultations") {
        // The settings of an existing consultation use the same form.
        await page.getByRole("link", { name: /Follow-up|Suivi|Seguimiento/ }).first().click();
        await page.getByRole("link", { name: /Edit|Modifier|Modificar/ }).first().click();
      }
      const form = page.locator("form#consultation");
      await expect(form.getByText(note, { exact: true })).toBeVisible();
      for (const name of REQUIRED) {
        const field = form.locator(`[name="${name}"]`);
        await expect(field, name).toHaveAttribute("required", "");
        const id = await field.getAttribute("id");
        await expect(form.locator(`label[for="${id}"]`), name).toContainText(mark);
      }
      await expect(form.getByRole("group", { name: audience })).toBeVisible();
      await expect(form.locator('[name="publish"]')).not.toHaveAttribute("required", "");
    }
  });
}
