import { randomUUID } from "node:crypto";
import { expectNoSeriousViolations } from "./axe.ts";
import { withE2eDatabase } from "./database.ts";
import { ACCOUNTS, expect, signIn, test } from "./fixtures.ts";

/**
 * An answer with a table of each kind, a multiple text and a ranking, as a survey brought in from
 * a form builder asks them, read by a rapporteur in each language: every part under its title,
 * labelled, and the page accessible. The demo has no such survey: the test adds a copy of a
 * consultation with one, and an answer to it, and removes them after.
 */

const tx = (en: string, fr: string, es: string) => ({ default: en, fr, es });

const DEFINITION = {
  title: tx("Plans", "Plans", "Planes"),
  pages: [
    {
      name: "plans",
      title: tx("Plans", "Plans", "Planes"),
      elements: [
        {
          type: "matrixdropdown",
          name: "plan",
          title: tx("Plan by year", "Plan par année", "Plan por año"),
          rows: [{ value: "y1", text: tx("First year", "Première année", "Primer año") }],
          columns: [
            { name: "level", title: tx("Level", "Niveau", "Nivel"), cellType: "dropdown", choices: [{ value: "hi", text: tx("High", "Élevé", "Alto") }] },
            { name: "funded", title: tx("Funded", "Financé", "Financiado"), cellType: "boolean" },
          ],
        },
        { type: "matrixdynamic", name: "staff", title: tx("Staff", "Personnel", "Personal"), columns: [{ name: "who", title: tx("Who", "Qui", "Quién"), cellType: "text" }] },
        { type: "multipletext", name: "contact", title: tx("Contact", "Contact", "Contacto"), items: [{ name: "person", title: tx("Person", "Personne", "Persona") }] },
        { type: "ranking", name: "order", title: tx("Order", "Ordre", "Orden"), choices: [{ value: "a", text: tx("Access", "Accès", "Acceso") }, { value: "b", text: tx("Budget", "Budget", "Presupuesto") }] },
      ],
    },
  ],
};

const ANSWERS = { plan: { y1: { level: "hi", funded: true } }, staff: [{ who: "Ana Pérez" }, { who: "Ben Okafor" }], contact: { person: "Ana Pérez" }, order: ["b", "a"] };

const EXPECTED = {
  en: { heading: "Plans", table: ["Plan by year", "First year", "Level", "High", "Funded", "Yes"], rows: ["Staff", "Row 1", "Who", "Ana Pérez", "Row 2", "Ben Okafor"], box: ["Contact", "Person"], ranking: "1. Budget, 2. Access" },
  fr: { heading: "Plans", table: ["Plan par année", "Première année", "Niveau", "Élevé", "Financé", "Oui"], rows: ["Personnel", "Ligne 1", "Qui", "Ligne 2"], box: ["Contact", "Personne"], ranking: "1. Budget, 2. Accès" },
  es: { heading: "Planes", table: ["Plan por año", "Primer año", "Nivel", "Alto", "Financiado", "Sí"], rows: ["Personal", "Fila 1", "Quién", "Fila 2"], box: ["Contacto", "Persona"], ranking: "1. Presupuesto, 2. Acceso" },
} as const;

test("a rapporteur reads an answer with tables, a multiple text and a ranking, each part under its title, in en, fr and es", async ({ page, context, baseURL }) => {
  const ids = { version: randomUUID().replace(/-/g, "").padEnd(64, "0"), consultation: randomUUID(), response: randomUUID() };
  await withE2eDatabase(async (db) => {
    const source = await db.selectFrom("consultation").selectAll().where("published_at", "is not", null).orderBy("created_at").executeTakeFirstOrThrow();
    const organisation = await db.selectFrom("organisation").select("id").where("type", "=", "state").orderBy("id").executeTakeFirstOrThrow();
    await db.insertInto("survey_version").values({ id: ids.version, slug: "e2e-answers-in-parts", definition: JSON.stringify(DEFINITION), created_at: source.created_at }).execute();
    await db
      .insertInto("consultation")
      .values({ ...source, id: ids.consultation, slug: `e2e-parts-${ids.consultation}`, survey_slug: "e2e-answers-in-parts", survey_version_id: ids.version, title_en: "Plans in parts", title_fr: "Plans en parties", title_es: "Planes por partes", audience: JSON.stringify(["state"]) })
      .execute();
    const data = JSON.stringify(ANSWERS);
    await db
      .insertInto("response")
      .values({
        id: ids.response,
        consultation_id: ids.consultation,
        organisation_id: organisation.id,
        survey_version_id: ids.version,
        status: "submitted",
        data,
        submitted_data: data,
        revision: 1,
        current_page: 0,
        attribution: "attributable",
        language: "en",
        reference: "E2E-PARTS",
        submitted_at: source.opens_at,
        submitted_by: null,
        created_at: source.opens_at,
        updated_at: source.opens_at,
        updated_by: null,
      })
      .execute();
  });
  try {
    await signIn(page, ACCOUNTS.rapporteur);
    for (const language of ["en", "fr", "es"] as const) {
      await context.addCookies([{ name: "consulta_lang", value: language, url: baseURL ?? "" }]);
      await page.goto(`/consultations/${ids.consultation}/responses/${ids.response}`);
      const expected = EXPECTED[language];
      await expect(page.getByRole("heading", { level: 3, name: expected.heading })).toBeVisible();
      const answers = page.locator("dl.answers").first();
      // Each part is a term of its own, inside the question's definition.
      for (const term of [...expected.table, ...expected.rows, ...expected.box]) await expect(answers.locator("dt, dd").getByText(term, { exact: true }).first()).toBeVisible();
      await expect(answers.locator("dd dl.answers dd dl.answers dt").getByText(expected.table[2], { exact: true })).toBeVisible();
      await expect(answers).toContainText(expected.ranking);
      await expect(page.locator("main")).not.toContainText("y1");
      await expect(page.locator("main")).not.toContainText("true");
      await expectNoSeriousViolations(page, `answer in parts (${language})`);
    }
  } finally {
    await withE2eDatabase(async (db) => {
      await db.deleteFrom("response").where("id", "=", ids.response).execute();
      await db.deleteFrom("consultation").where("id", "=", ids.consultation).execute();
      await db.deleteFrom("survey_version").where("id", "=", ids.version).execute();
    });
  }
});
