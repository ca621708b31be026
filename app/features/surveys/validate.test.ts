import { describe, expect, it } from "vitest";
import { readSurveyFile, resolveTaxonomies } from "./definitions.ts";
import { MAX_ANSWERS_BYTES, validateAnswers } from "./validate.ts";

const tx = (en: string, fr: string, es: string) => ({ default: en, fr, es });

const DEFINITION = resolveTaxonomies({
  pages: [
    {
      name: "about",
      elements: [
        { type: "text", name: "institution", title: tx("Institution", "Institution", "Institución"), isRequired: true, maxLength: 100 },
        { type: "comment", name: "notes", title: tx("Notes", "Notes", "Notas") },
        {
          type: "radiogroup",
          name: "mechanism",
          title: tx("Mechanism", "Mécanisme", "Mecanismo"),
          choices: [
            { value: "yes", text: tx("Yes", "Oui", "Sí") },
            { value: "no", text: tx("No", "Non", "No") },
          ],
          showOtherItem: true,
        },
        { type: "comment", name: "mechanism_details", title: tx("Details", "Détails", "Detalles"), visibleIf: "{mechanism} = 'yes'", isRequired: true },
        { type: "checkbox", name: "gaps", title: tx("Gaps", "Lacunes", "Carencias"), choices: { $taxonomy: "capacity-gaps" }, maxSelectedChoices: 2 },
        { type: "rating", name: "effectiveness", title: tx("Effectiveness", "Efficacité", "Eficacia"), rateMin: 1, rateMax: 5 },
        { type: "boolean", name: "can_offer", title: tx("Can offer", "Peut offrir", "Puede ofrecer") },
        {
          type: "matrix",
          name: "levels",
          title: tx("Levels", "Niveaux", "Niveles"),
          rows: { $taxonomy: "governance-levels" },
          columns: [
            { value: "low", text: tx("Low", "Faible", "Baja") },
            { value: "high", text: tx("High", "Élevée", "Alta") },
          ],
        },
        { type: "html", name: "note", html: tx("<p>Note</p>", "<p>Note</p>", "<p>Nota</p>") },
      ],
    },
    {
      name: "priorities",
      elements: [
        {
          type: "paneldynamic",
          name: "priority_objectives",
          title: tx("Priorities", "Priorités", "Prioridades"),
          maxPanelCount: 2,
          templateElements: [
            { type: "dropdown", name: "objective", title: tx("Objective", "Objectif", "Objetivo"), choices: { $taxonomy: "gcm-objectives" }, isRequired: true },
            { type: "rating", name: "current_capacity", title: tx("Capacity", "Capacité", "Capacidad"), rateMin: 1, rateMax: 5 },
          ],
        },
      ],
    },
  ],
});
const version = { id: "test-version", definition: DEFINITION };
const UNSAFE = "This answer contains invisible control or text-direction characters: remove them (they sometimes come with text pasted from another program).";

const VALID = {
  institution: "Ministry of Foreign Affairs",
  mechanism: "yes",
  mechanism_details: "An inter-ministerial committee meets monthly.",
  gaps: ["data-evidence", "financing"],
  effectiveness: 4,
  can_offer: false,
  levels: { national: "high", local: "low" },
  priority_objectives: [{ objective: "gcm-01", current_capacity: 2 }],
};

function problemsOf(answers: unknown, mode: "draft" | "submit" = "submit", language: "en" | "fr" | "es" = "en") {
  return validateAnswers(version, answers, { mode, language }).problems;
}

describe("validateAnswers", () => {
  it("accepts a complete, well-formed submission", () => {
    const result = validateAnswers(version, VALID, { mode: "submit", language: "en" });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.data).toEqual(VALID);
  });

  it("applies the survey's own rules on submission: required answers, conditions, nested panels", () => {
    const problems = problemsOf({ mechanism: "yes", priority_objectives: [{ current_capacity: 3 }] });
    expect(problems.map((problem) => problem.name).sort()).toEqual(["institution", "mechanism_details", "priority_objectives[0].objective"]);
    expect(problems.find((problem) => problem.name === "institution")?.title).toBe("Institution");
  });

  it("lets a draft be incomplete, but not malformed", () => {
    expect(problemsOf({ mechanism: "yes" }, "draft")).toEqual([]);
    expect(problemsOf({ mechanism: 42 }, "draft").map((problem) => problem.name)).toEqual(["mechanism"]);
  });

  it("reports problems by question title in the reader's language", () => {
    const [problem] = problemsOf({ ...VALID, mechanism: "maybe" }, "submit", "es");
    expect(problem).toEqual({ name: "mechanism", title: "Mecanismo", message: "«maybe» no es una de las opciones ofrecidas." });
    const [required] = problemsOf({ ...VALID, institution: undefined }, "submit", "fr");
    expect(required?.title).toBe("Institution");
    expect(required?.message).not.toBe("Response required.");
  });

  it.each([
    ["an unknown key", { ...VALID, injected: "x" }, "injected", "This is not a question of this survey."],
    ["a number where text is expected", { ...VALID, notes: { nested: true } }, "notes", "This answer is not of the expected kind."],
    ["a choice that does not exist", { ...VALID, gaps: ["data-evidence", "teleportation"] }, "gaps", "“teleportation” is not one of the options offered."],
    ["too many choices", { ...VALID, gaps: ["data-evidence", "financing", "law-policy"] }, "gaps", "Too many options are chosen: the limit is 2."],
    ["a repeated choice", { ...VALID, gaps: ["financing", "financing"] }, "gaps", "An option is chosen more than once."],
    ["a single choice given as a list", { ...VALID, mechanism: ["yes"] }, "mechanism", "This answer is not of the expected kind."],
    ["a rating off the scale", { ...VALID, effectiveness: 9 }, "effectiveness", "This rating is outside the scale."],
    ["a rating that is not a whole number", { ...VALID, effectiveness: 2.5 }, "effectiveness", "This answer is not of the expected kind."],
    ["a boolean given as text", { ...VALID, can_offer: "yes" }, "can_offer", "This answer is not of the expected kind."],
    ["an unknown matrix row", { ...VALID, levels: { planetary: "high" } }, "levels", "“planetary” is not a row of this table."],
    ["an unknown matrix column", { ...VALID, levels: { local: "extreme" } }, "levels", "“extreme” is not one of the options offered."],
    ["text over its limit", { ...VALID, institution: "x".repeat(101) }, "institution", "This answer is too long: the limit is 100 characters."],
    ["a comment over the default limit", { ...VALID, notes: "x".repeat(10_001) }, "notes", "This answer is too long: the limit is 10,000 characters."],
    ["too many panels", { ...VALID, priority_objectives: [{ objective: "gcm-01" }, { objective: "gcm-02" }, { objective: "gcm-03" }] }, "priority_objectives", "Too many entries: the limit is 2."],
    ["an unknown key inside a panel", { ...VALID, priority_objectives: [{ objective: "gcm-01", evil: 1 }] }, "priority_objectives[0].evil", "This is not a question of this survey."],
    ["an unknown choice inside a panel", { ...VALID, priority_objectives: [{ objective: "gcm-99" }] }, "priority_objectives[0].objective", "“gcm-99” is not one of the options offered."],
    ["an answer to a display item", { ...VALID, note: "hello" }, "note", "This item takes no answer."],
    ["a right-to-left override in a text", { ...VALID, institution: "Evil\u202egnp.exe" }, "institution", UNSAFE],
    ["a bidirectional isolate in a comment", { ...VALID, notes: "Line\n\u2066hidden\u2069" }, "notes", UNSAFE],
    ["a C1 control in an 'other' comment", { ...VALID, mechanism: "other", "mechanism-Comment": "Caf\u0085e" }, "mechanism-Comment", UNSAFE],
    ["a NUL in a text", { ...VALID, institution: "a\u0000b" }, "institution", UNSAFE],
  ])("refuses %s", (_label, answers, name, message) => {
    const problems = problemsOf(answers);
    expect(problems).toContainEqual(expect.objectContaining({ name, message }));
    expect(problemsOf(answers, "draft")).toContainEqual(expect.objectContaining({ name }));
  });

  it("accepts the 'other' comment of a question that offers one, as text only", () => {
    expect(problemsOf({ ...VALID, mechanism: "other", "mechanism-Comment": "A task force" })).toEqual([]);
    expect(problemsOf({ ...VALID, "notes-Comment": "x" }).map((problem) => problem.name)).toEqual(["notes-Comment"]);
  });

  it("refuses answer sets that are not objects, or too large", () => {
    expect(problemsOf([1, 2, 3])[0]?.message).toBe("The answers could not be read. Reload the page and try again.");
    expect(problemsOf("text")[0]?.name).toBe("");
    const huge = { notes: "x".repeat(MAX_ANSWERS_BYTES) };
    expect(problemsOf(huge, "draft")[0]?.message).toBe("The answers are too large to be saved: the limit is 512 KB.");
  });

  it("refuses answers nested too deep to read, without failing", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    expect(problemsOf({ notes: deep })[0]?.message).toBe("The answers could not be read. Reload the page and try again.");
  });

  it("drops hidden answers inside repeated panels on submission", () => {
    const proposals = { id: "proposals-hidden", definition: resolveTaxonomies(readSurveyFile("partnership-proposals")) as object };
    const panel = { title: "T", summary: "S", gcm_objectives: ["gcm-01"], consent_to_publish: true, partners_named: "Hidden: no partner type was ticked" };
    const result = validateAnswers(proposals, { stakeholder_type: "ngo", proposals: [panel] }, { mode: "submit", language: "en" });
    expect(result.problems.filter((problem) => problem.name.includes("partners_named"))).toEqual([]);
    expect((result.data.proposals as Record<string, unknown>[])[0]).not.toHaveProperty("partners_named");
  });

  it("does not carry panels over from the previous answers checked with the same model", () => {
    const followUp = { id: "follow-up-reuse", definition: resolveTaxonomies(readSurveyFile("follow-up")) as object };
    const check = (answers: object) => validateAnswers(followUp, answers, { mode: "submit", language: "en" }).problems;
    expect(check({ usefulness: 4, priority_objectives: [{ objective: "gcm-01" }, { objective: "gcm-02" }] })).toEqual([]);
    expect(check({ usefulness: 4 })).toEqual([]);
  });

  it("finds a required answer missing after other answers were checked (no state kept between checks)", () => {
    const followUp = { id: "follow-up-state", definition: resolveTaxonomies(readSurveyFile("follow-up")) as object };
    const check = (answers: object) => validateAnswers(followUp, answers, { mode: "submit", language: "en" }).problems.map((problem) => problem.name);
    // Another organisation's answers, checked just before, filled two panels (hidden: no commitments).
    expect(check({ usefulness: 3, commitments: [{ objective: "gcm-02" }, {}] })).toEqual([]);
    // The dynamic panel always shows one panel: its empty answers must be found empty.
    expect(check({ usefulness: 3, has_commitments: true })).toEqual(["commitments[0].objective", "commitments[0].action"]);
  });

  it("drops answers to questions hidden by conditions on submission", () => {
    const result = validateAnswers(version, { ...VALID, mechanism: "no", mechanism_details: "stale text" }, { mode: "submit", language: "en" });
    expect(result.ok).toBe(true);
    expect(result.data).not.toHaveProperty("mechanism_details");
  });

  it("takes an input type's answers in the shape the browser's input gives them, and refuses others with an example", () => {
    const inputs = {
      id: "inputs",
      definition: { pages: [{ name: "p", elements: ["number", "range", "date", "datetime-local", "time", "month", "week", "email", "tel"].map((inputType) => ({ type: "text", name: inputType.replace("-", "_"), inputType, title: tx(inputType, inputType, inputType) })) }] },
    };
    const draft = (answers: object) => validateAnswers(inputs, answers, { mode: "draft", language: "en" });
    const accepted = { number: -2.5, range: "40", date: "2018-12-10", datetime_local: "2018-12-10T09:30", time: "23:59:59", month: "2018-12", week: "2018-W50", email: "not checked here", tel: "+41 22 717 91 11" };
    expect(draft(accepted)).toMatchObject({ ok: true, problems: [] });
    expect(draft({ number: "", date: " ", time: "" }).ok).toBe(true);
    const refused = { number: "twelve", range: "1e999", date: "2018-02-30", datetime_local: "2018-12-10 09:30", time: "24:00", month: "2018-13", week: "2018-W54" };
    const problems = draft(refused).problems;
    expect(problems.map((problem) => [problem.name, problem.message])).toEqual([
      ["number", "Give a number."],
      ["range", "Give a number."],
      ["date", "This answer should look like 2018-10-04."],
      ["datetime_local", "This answer should look like 2018-10-04T14:30."],
      ["time", "This answer should look like 14:30."],
      ["month", "This answer should look like 2018-10."],
      ["week", "This answer should look like 2018-W40."],
    ]);
    expect(validateAnswers(inputs, { date: 20181210 }, { mode: "draft", language: "fr" }).problems[0]?.message).toBe("Cette réponse doit avoir la forme 2018-10-04.");
  });

  it("takes a ranking as an ordering of the offered choices: all of them, or those the person chose to rank", () => {
    const ranks = {
      id: "ranks",
      definition: {
        pages: [
          {
            name: "p",
            elements: [
              { type: "ranking", name: "whole", title: tx("Whole", "Tout", "Todo"), choices: ["a", "b", "c"] },
              { type: "ranking", name: "chosen", title: tx("Chosen", "Choisis", "Elegidos"), choices: ["a", "b", "c"], selectToRankEnabled: true },
            ],
          },
        ],
      },
    };
    const messages = (answers: object) => validateAnswers(ranks, answers, { mode: "draft", language: "en" }).problems.map((problem) => `${problem.name}: ${problem.message}`);
    expect(messages({ whole: ["c", "a", "b"], chosen: ["b"] })).toEqual([]);
    expect(messages({ whole: [], chosen: [] })).toEqual([]);
    expect(messages({ whole: ["c", "a"] })).toEqual(["whole: Rank every option."]);
    expect(messages({ chosen: ["b", "b"] })).toEqual(["chosen: An option is chosen more than once."]);
    expect(messages({ chosen: ["d"] })).toEqual(["chosen: “d” is not one of the options offered."]);
    expect(messages({ whole: "a" })).toEqual(["whole: This answer is not of the expected kind."]);
  });

  it("drops a choice that its question's choice condition hides, as survey-core does, on either path", () => {
    // The capacity-needs survey offers every stakeholder type but a State's own ("state") to a State.
    const capacity = { id: "capacity-needs-file", definition: resolveTaxonomies(readSurveyFile("capacity-needs")) as object };
    const partly = validateAnswers(capacity, { wos_stakeholders: ["state", "ngo"] }, { mode: "submit", language: "en" });
    expect(partly.data.wos_stakeholders).toEqual(["ngo"]);
    expect(validateAnswers(capacity, { wos_stakeholders: ["state"] }, { mode: "submit", language: "en" }).data).not.toHaveProperty("wos_stakeholders");
    // A required question answered only with hidden choices is unanswered: on the compiled path,
    // and on survey-core's (a regular expression is not compiled).
    const required = (extra: object) => ({
      id: `required-${JSON.stringify(extra)}`,
      definition: { pages: [{ name: "p", elements: [{ type: "checkbox", name: "who", title: tx("Who", "Qui", "Quién"), choices: ["state", "ngo"], choicesVisibleIf: "{item} <> 'state'", isRequired: true, ...extra }] }] },
    });
    for (const survey of [required({}), required({ validators: [{ type: "regex", regex: "^[a-z]+$" }] })]) {
      const hidden = validateAnswers(survey, { who: ["state"] }, { mode: "submit", language: "fr" });
      expect(hidden.ok).toBe(false);
      expect(hidden.problems).toEqual([{ name: "who", title: "Qui", message: "La réponse à cette question est obligatoire." }]);
      expect(validateAnswers(survey, { who: ["state", "ngo"] }, { mode: "submit", language: "fr" })).toEqual({ ok: true, problems: [], data: { who: ["ngo"] } });
    }
  });
});
