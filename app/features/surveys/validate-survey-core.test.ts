import fc from "fast-check";
import { ComponentCollection, Model } from "survey-core";
import { describe, expect, it, onTestFinished } from "vitest";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { listSurveySlugs, readSurveyFile, resolveTaxonomies } from "./definitions.ts";
import { validateAnswers, validateWithSurveyCore } from "./validate.ts";
import { EVERY_FEATURE, PARTNER_COLUMNS, answersFor, choices, tx } from "#tests/survey-answers.ts";

/**
 * survey-core's own check of the answers (the fallback for surveys the compiled rules do not
 * cover) on the question types that keep their errors below the question: a multiple-text
 * question's items and a table's cells, called directly (validate-tables.test.ts checks the same
 * types through validateAnswers, shape check first).
 */

const page = (...elements: object[]) => ({ pages: [{ name: "p", elements }] });

const CONTACT = {
  type: "multipletext",
  name: "contact",
  title: tx("Contact", "Coordonnées", "Contacto"),
  items: [
    { name: "phone", title: tx("Phone", "Téléphone", "Teléfono"), isRequired: true },
    { name: "staff", title: tx("Staff", "Personnel", "Personal"), validators: [{ type: "numeric", minValue: 1 }] },
    { name: "email", title: tx("E-mail", "Courriel", "Correo"), validators: [{ type: "email" }] },
    { name: "code", title: tx("Code", "Code", "Código"), validators: [{ type: "regex", regex: "^[A-Z]{3}$" }] },
  ],
};
const BUDGET = {
  type: "matrixdropdown",
  name: "budget",
  title: tx("Budget", "Budget", "Presupuesto"),
  rows: [
    { value: "staff", text: tx("Staff", "Personnel", "Personal") },
    { value: "training", text: tx("Training", "Formation", "Formación") },
  ],
  columns: [
    { name: "amount", title: tx("Amount", "Montant", "Importe"), cellType: "text", isRequired: true, validators: [{ type: "numeric", minValue: 0 }] },
    { name: "source", title: tx("Source", "Source", "Fuente"), cellType: "dropdown", choices: choices("own", "donor"), isRequired: true },
  ],
};
const PARTNERS = {
  type: "matrixdynamic",
  name: "partners",
  title: tx("Partners", "Partenaires", "Socios"),
  isRequired: true,
  minRowCount: 2,
  rowCount: 0,
  columns: PARTNER_COLUMNS,
};
const OFFICES = {
  type: "paneldynamic",
  name: "offices",
  title: tx("Offices", "Bureaux", "Oficinas"),
  templateElements: [
    {
      type: "multipletext",
      name: "address",
      title: tx("Address", "Adresse", "Dirección"),
      items: [
        { name: "city", title: tx("City", "Ville", "Ciudad"), isRequired: true },
        { name: "zip", title: tx("Postcode", "Code postal", "Código postal"), validators: [{ type: "regex", regex: "^\\d{4,5}$", text: tx("Give 4 or 5 digits.", "Indiquez 4 ou 5 chiffres.", "Indique 4 o 5 dígitos.") }] },
      ],
    },
  ],
};
const DETAILED = {
  type: "matrixdropdown",
  name: "activities",
  title: tx("Activities", "Activités", "Actividades"),
  rows: [{ value: "training", text: tx("Training", "Formation", "Formación") }],
  columns: [{ name: "held", title: tx("Held", "Tenue", "Realizada"), cellType: "boolean" }],
  detailPanelMode: "underRow",
  detailElements: [{ type: "text", name: "venue", title: tx("Venue", "Lieu", "Lugar"), isRequired: true }],
};
const REQUIRED_PANEL = { type: "panel", name: "contact_panel", title: tx("Reach", "Joindre", "Contactar"), isRequired: true, elements: [{ type: "text", name: "website", title: tx("Website") }] };

const check = (definition: object, answers: Record<string, unknown>, language: "en" | "fr" | "es" = "en") => validateWithSurveyCore({ definition }, answers, language);

describe("validateWithSurveyCore on multiple-text questions", () => {
  const definition = page(CONTACT);
  const valid = { contact: { phone: "+41 22 717 91 11", staff: 3, email: "info@example.org", code: "GVA" } };

  it("accepts a complete answer and keeps it whole", () => {
    for (const language of LANGUAGES) expect(check(definition, valid, language)).toEqual({ problems: [], shown: valid });
  });

  it("names the item left empty and the items failing their validators, in English", () => {
    const answers = { contact: { staff: 0, email: "not an address", code: "gva" } };
    const { problems, shown } = check(definition, answers);
    expect(problems).toEqual([
      { name: "contact.phone", title: "Contact › Phone", message: "Response required." },
      { name: "contact.staff", title: "Contact › Staff", message: "The 'value' should be at least 1" },
      { name: "contact.email", title: "Contact › E-mail", message: "Please enter a valid e-mail address." },
      // survey-core has no words for a regular expression given none: the survey's own rule is named.
      { name: "contact.code", title: "Contact › Code", message: "This answer does not meet the survey’s rules: check it and try again." },
    ]);
    expect(shown).toEqual(answers);
  });

  it("says the same in French, in survey-core's French", () => {
    expect(check(definition, { contact: { staff: 0, email: "x", code: "GVA" } }, "fr").problems).toEqual([
      { name: "contact.phone", title: "Coordonnées › Téléphone", message: "La réponse à cette question est obligatoire." },
      { name: "contact.staff", title: "Coordonnées › Personnel", message: "Votre réponse 'valeur' doit être supérieure ou égale à 1" },
      { name: "contact.email", title: "Coordonnées › Courriel", message: "Merci d'entrer une adresse mail valide." },
    ]);
  });

  it("checks the items of a multiple-text question inside a dynamic panel, entry by entry", () => {
    const inPanels = page(OFFICES);
    const answers = { offices: [{ address: { city: "Geneva", zip: "1202" } }, { address: { zip: "CH-1202" } }] };
    expect(check(inPanels, answers).problems).toEqual([
      { name: "offices[1].address.city", title: "Address › City", message: "Response required." },
      { name: "offices[1].address.zip", title: "Address › Postcode", message: "Give 4 or 5 digits." },
    ]);
    expect(check(inPanels, answers, "fr").problems).toEqual([
      { name: "offices[1].address.city", title: "Adresse › Ville", message: "La réponse à cette question est obligatoire." },
      { name: "offices[1].address.zip", title: "Adresse › Code postal", message: "Indiquez 4 ou 5 chiffres." },
    ]);
    expect(check(inPanels, answers).shown).toEqual(answers);
    const complete = { offices: [{ address: { city: "Geneva", zip: "1202" } }, { address: { city: "Bangkok" } }] };
    expect(check(inPanels, complete)).toEqual({ problems: [], shown: complete });
    expect(check(inPanels, complete, "fr").problems).toEqual([]);
  });
});

describe("validateWithSurveyCore on tables", () => {
  it("accepts a fixed table whose every row is complete, and keeps it whole", () => {
    const definition = page(BUDGET);
    const valid = { budget: { staff: { amount: 12000, source: "own" }, training: { amount: "0", source: "donor" } } };
    expect(check(definition, valid)).toEqual({ problems: [], shown: valid });
    expect(check(definition, valid, "fr")).toEqual({ problems: [], shown: valid });
  });

  it("names the row and column of a required cell left empty, a choice cell left empty and a cell failing its validator", () => {
    const definition = page(BUDGET);
    const answers = { budget: { staff: { amount: "a lot" }, training: { amount: 500, source: "donor" } } };
    expect(check(definition, answers)).toEqual({
      problems: [
        { name: "budget.staff.amount", title: "Budget › Staff › Amount", message: "The value should be numeric." },
        { name: "budget.staff.source", title: "Budget › Staff › Source", message: "Response required." },
      ],
      shown: answers,
    });
    expect(check(definition, answers, "fr").problems).toEqual([
      { name: "budget.staff.amount", title: "Budget › Personnel › Montant", message: "La réponse doit être un nombre." },
      { name: "budget.staff.source", title: "Budget › Personnel › Source", message: "La réponse à cette question est obligatoire." },
    ]);
  });

  it("accepts a dynamic table with enough complete rows, and keeps it whole", () => {
    const definition = page(PARTNERS);
    const valid = { partners: [{ partner: "IOM", role: "lead" }, { partner: "UNHCR" }] };
    expect(check(definition, valid)).toEqual({ problems: [], shown: valid });
    expect(check(definition, valid, "fr")).toEqual({ problems: [], shown: valid });
  });

  it("reports too few rows and a required cell left empty, naming the row by its number", () => {
    const definition = page(PARTNERS);
    const answers = { partners: [{ partner: "IOM" }, { role: "support" }] };
    expect(check(definition, answers).problems).toEqual([{ name: "partners[1].partner", title: "Partners › Row 2 › Partner", message: "Response required." }]);
    expect(check(definition, answers, "fr").problems).toEqual([{ name: "partners[1].partner", title: "Partenaires › Ligne 2 › Partenaire", message: "La réponse à cette question est obligatoire." }]);
    expect(check(definition, answers, "es").problems).toEqual([{ name: "partners[1].partner", title: "Socios › Fila 2 › Socio", message: "Por favor conteste la pregunta." }]);
    const tooFew = { partners: [{ partner: "IOM" }] };
    expect(check(definition, tooFew).problems).toEqual([
      { name: "partners", title: "Partners", message: "Please fill in at least 2 row(s)." },
      { name: "partners[1].partner", title: "Partners › Row 2 › Partner", message: "Response required." },
    ]);
    expect(check(definition, tooFew, "fr").problems).toEqual([
      { name: "partners", title: "Partenaires", message: "Merci de compléter au moins 2 lignes." },
      { name: "partners[1].partner", title: "Partenaires › Ligne 2 › Partenaire", message: "La réponse à cette question est obligatoire." },
    ]);
    expect(check(definition, tooFew).shown).toEqual(tooFew);
  });
});

describe("validateWithSurveyCore's refusals", () => {
  it("name a required question of a row's detail panel by row", () => {
    const definition = page(DETAILED);
    expect(check(definition, { activities: { training: { held: true } } }).problems).toEqual([{ name: "activities.training.venue", title: "Activities › Training › Venue", message: "Response required." }]);
    expect(check(definition, { activities: { training: { held: true } } }, "fr").problems).toEqual([
      { name: "activities.training.venue", title: "Activités › Formation › Lieu", message: "La réponse à cette question est obligatoire." },
    ]);
    expect(check(definition, { activities: { training: { held: true, venue: "Geneva" } } }).problems).toEqual([]);
  });

  it("name the question when survey-core keeps its errors where they are not collected (a composite's own questions)", () => {
    ComponentCollection.Instance.add({ name: "consulta-test-address", elementsJSON: [{ type: "text", name: "city", isRequired: true }] });
    onTestFinished(() => void ComponentCollection.Instance.remove("consulta-test-address"));
    const definition = page({ type: "consulta-test-address", name: "seat", title: tx("Seat", "Siège", "Sede") });
    expect(check(definition, { seat: {} }).problems).toEqual([{ name: "seat", title: "Seat", message: "This answer does not meet the survey’s rules: check it and try again." }]);
    expect(check(definition, { seat: {} }, "fr").problems).toEqual([
      { name: "seat", title: "Siège", message: "Cette réponse ne respecte pas les règles du questionnaire\u202f: vérifiez-la et réessayez." },
    ]);
    expect(check(definition, { seat: { city: "Geneva" } }).problems).toEqual([]);
  });

  it("report a required panel left empty, named by its first question, beside other problems", () => {
    const definition = page(REQUIRED_PANEL, { type: "text", name: "year", title: tx("Year", "Année", "Año"), isRequired: true });
    expect(check(definition, {}).problems).toEqual([
      { name: "year", title: "Year", message: "Response required." },
      { name: "website", title: "Reach", message: "Response required: answer at least one question." },
    ]);
    expect(check(definition, { year: "2018" }, "fr").problems).toEqual([{ name: "website", title: "Joindre", message: "Merci de répondre au moins à une question." }]);
    expect(check(definition, { year: "2018", website: "https://example.org" }).problems).toEqual([]);
  });

  // Every survey shipped, the definition with every compiled rule, and the definitions above: for
  // any answers, survey-core's refusal is never reported as no problem, and its acceptance as none.
  // A model or two per case (~45 ms for the larger surveys): fewer cases for those.
  // `shaped`: the random answers are all of the right shape, which the shape check must accept.
  const SURVEYS: { name: string; definition: object; runs: number; shaped?: true }[] = [
    ...listSurveySlugs().map((slug) => ({ name: slug, definition: resolveTaxonomies(readSurveyFile(slug)) as object, runs: 30 })),
    { name: "every compiled feature", definition: EVERY_FEATURE, runs: 30 },
    { name: "multiple text, tables and panels", definition: page(CONTACT, BUDGET, PARTNERS, OFFICES, REQUIRED_PANEL, DETAILED), runs: 100, shaped: true },
  ];

  it.each(SURVEYS)("always come with a problem, for $name", async ({ name, definition, runs, shaped }) => {
    const answers = answersFor(new Model(definition).getAllQuestions(false, false, false));
    await fc.assert(
      fc.asyncProperty(answers, fc.constantFrom(...LANGUAGES), async (given, language) => {
        // Let the test runner's messages through between survey-core's models.
        await new Promise((resolve) => setImmediate(resolve));
        const model = new Model(definition);
        model.data = given;
        const refused = !model.validate(true, false);
        const { problems } = check(definition, given, language);
        expect(problems.length > 0).toBe(refused);
        for (const problem of problems) expect(problem.message).not.toBe("");
        if (shaped) {
          // The whole path, shape check first, gives the same verdict.
          const version = { id: `survey-core-${name}`, definition };
          expect(validateAnswers(version, given, { mode: "draft", language }).problems).toEqual([]);
          expect(validateAnswers(version, given, { mode: "submit", language }).problems).toEqual(problems);
        }
      }),
      { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 20181010) },
    );
  }, 120_000);
});
